import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct GPSamplerTests {
  /// Branin on [−5, 10] × [0, 15]; minimum 0.397887 at three points.
  static func branin(_ c: Configuration) -> Double {
    let x1 = c["x1"]?.doubleValue ?? 0
    let x2 = c["x2"]?.doubleValue ?? 0
    let b = 5.1 / (4 * Double.pi * Double.pi)
    let t = 1 / (8 * Double.pi)
    let u = x2 - b * x1 * x1 + 5 / Double.pi * x1 - 6
    return u * u + 10 * (1 - t) * cos(x1) + 10
  }

  static func braninSpace() throws -> SearchSpace {
    try SearchSpace(.float("x1", -5, 10), .float("x2", 0, 15))
  }

  /// Hartmann-6 on [0, 1]^6; minimum −3.32237.
  static func hartmann6(_ c: Configuration) -> Double {
    let alpha = [1.0, 1.2, 3.0, 3.2]
    let a: [[Double]] = [
      [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
      [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
    ]
    let p: [[Double]] = [
      [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
      [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
    ]
    let x = (0..<6).map { c["x\($0)"]?.doubleValue ?? 0 }
    var sum = 0.0
    for i in 0..<4 {
      var inner = 0.0
      for j in 0..<6 { inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]) }
      sum += alpha[i] * exp(-inner)
    }
    return -sum
  }

  static func hartmannSpace() throws -> SearchSpace {
    try SearchSpace((0..<6).map { Parameter.float("x\($0)", 0, 1) })
  }

  /// The trials of `count` proposals of `sampler` on `objective` (all COMPLETE, sequential).
  static func run(
    _ sampler: inout some Sampler, space: SearchSpace, count: Int,
    direction: StudyDirection = .minimize, _ objective: (Configuration) -> Double
  ) throws -> [Trial] {
    var trials: [Trial] = []
    for i in 0..<count {
      let c = try sampler.sample(space: space, trials: trials, directions: [direction])
      trials.append(Trial(number: i, state: .complete, params: c, values: [objective(c)]))
    }
    return trials
  }

  static func quickGP(seed: UInt64, acquisition: AcquisitionFunction = .expectedImprovement()) -> GPSampler {
    GPSampler(
      seed: seed, startupTrials: 10, acquisition: acquisition, candidates: 256,
      refinedCandidates: 2, refitInterval: 5, restarts: 1, thompsonCandidates: 128)
  }

  /// Mean best value after `evaluations` over `seeds` seeds, GP-BO and random search.
  static func compare(
    space: SearchSpace, seeds: Int, evaluations: Int, _ f: (Configuration) -> Double
  ) throws -> (gp: Double, random: Double) {
    var gpBest = 0.0
    var randomBest = 0.0
    for seed in 0..<UInt64(seeds) {
      var gp = quickGP(seed: seed)
      var random = RandomSampler(seed: seed)
      gpBest += try run(&gp, space: space, count: evaluations, f).compactMap(\.value).min() ?? 0
      randomBest += try run(&random, space: space, count: evaluations, f).compactMap(\.value).min() ?? 0
    }
    return (gpBest / Double(seeds), randomBest / Double(seeds))
  }
}

// MARK: - Optimisation quality

extension GPSamplerTests {
  @Test func gpBeatsRandomSearchOnBranin() throws {
    let (gp, random) = try Self.compare(space: try Self.braninSpace(), seeds: 10, evaluations: 50, Self.branin)
    print("Branin, mean best of 50 evaluations over 10 seeds: GP-BO \(gp), random \(random) (optimum 0.397887)")
    #expect(gp < random)
    #expect(gp < 0.5)
  }

  @Test func gpBeatsRandomSearchOnHartmann6() throws {
    let (gp, random) = try Self.compare(space: try Self.hartmannSpace(), seeds: 10, evaluations: 50, Self.hartmann6)
    print("Hartmann-6, mean best of 50 evaluations over 10 seeds: GP-BO \(gp), random \(random) (optimum -3.32237)")
    #expect(gp < random)
  }
}

// MARK: - Acquisition closed forms

extension GPSamplerTests {
  @Test func acquisitionsMatchClosedFormsAtHandPickedPoints() {
    let ei = AcquisitionFunction.expectedImprovement()
    // μ = y*, σ = 1: EI = φ(0) = 1/√(2π).
    #expect(abs(ei.score(mean: 0, standardDeviation: 1, best: 0) - 0.3989422804014327) < 1e-15)
    // μ = 1, σ = 2, y* = 0.5: z = −0.25, EI = −0.5·Φ(−0.25) + 2·φ(0.25).
    let phi025 = 0.3866681168028493
    let cdfMinus025 = 0.4012936743170763
    #expect(abs(ei.score(mean: 1, standardDeviation: 2, best: 0.5) - (-0.5 * cdfMinus025 + 2 * phi025)) < 1e-14)
    // ξ shifts the improvement: μ = 0, σ = 1, y* = 0.5, ξ = 0.5 gives φ(0) again.
    #expect(abs(AcquisitionFunction.expectedImprovement(xi: 0.5).score(mean: 0, standardDeviation: 1, best: 0.5) - 0.3989422804014327) < 1e-15)
    #expect(ei.score(mean: -1, standardDeviation: 0, best: 0.5) == 1.5)
    let pi = AcquisitionFunction.probabilityOfImprovement()
    #expect(abs(pi.score(mean: 0, standardDeviation: 1, best: 1) - 0.8413447460685429) < 1e-15)
    #expect(abs(pi.score(mean: 2, standardDeviation: 0.5, best: 1) - 0.02275013194817921) < 1e-15)
    #expect(pi.score(mean: 2, standardDeviation: 0, best: 1) == 0)
    // UCB for a loss: −(μ − √β·σ).
    #expect(abs(AcquisitionFunction.upperConfidenceBound(beta: 4).score(mean: 0.3, standardDeviation: 0.5, best: 0) - 0.7) < 1e-15)
    #expect(abs(AcquisitionFunction.upperConfidenceBound().score(mean: 1, standardDeviation: 1, best: 0) - (2.0.squareRoot() - 1)) < 1e-15)
  }
}

// MARK: - Determinism, directions, batches

extension GPSamplerTests {
  static func quadratic(_ c: Configuration) -> Double {
    let x = c["x"]?.doubleValue ?? 0
    let y = c["y"]?.doubleValue ?? 0
    return (x - 0.3) * (x - 0.3) + 2 * (y + 0.5) * (y + 0.5)
  }

  static func square() throws -> SearchSpace {
    try SearchSpace(.float("x", -1, 1), .float("y", -1, 1))
  }

  @Test(arguments: [
    AcquisitionFunction.thompsonSampling, .expectedImprovement(), .probabilityOfImprovement(), .upperConfidenceBound(),
  ])
  func proposalsRepeatForASeed(acquisition: AcquisitionFunction) throws {
    let space = try Self.square()
    var a = Self.quickGP(seed: 4, acquisition: acquisition)
    var b = Self.quickGP(seed: 4, acquisition: acquisition)
    var c = Self.quickGP(seed: 5, acquisition: acquisition)
    let ta = try Self.run(&a, space: space, count: 16, Self.quadratic).map(\.params)
    let tb = try Self.run(&b, space: space, count: 16, Self.quadratic).map(\.params)
    let tc = try Self.run(&c, space: space, count: 16, Self.quadratic).map(\.params)
    #expect(ta == tb)
    #expect(ta[10...] != tc[10...])
  }

  @Test func maximisingTheNegationProposesTheSameConfigurations() throws {
    let space = try Self.square()
    var a = Self.quickGP(seed: 8)
    var b = Self.quickGP(seed: 8)
    let ta = try Self.run(&a, space: space, count: 15, Self.quadratic).map(\.params)
    let tb = try Self.run(&b, space: space, count: 15, direction: .maximize) { -Self.quadratic($0) }.map(\.params)
    #expect(ta == tb)
  }

  @Test(arguments: [GPSampler.Liar.min, .mean, .max])
  func constantLiarProposesDistinctPointsInABatch(liar: GPSampler.Liar) throws {
    let space = try Self.square()
    var warmup = Self.quickGP(seed: 2)
    let done = try Self.run(&warmup, space: space, count: 12, Self.quadratic)
    var sampler = GPSampler(seed: 3, startupTrials: 10, candidates: 256, refinedCandidates: 2, liar: liar)
    var trials = done
    var batch: [Configuration] = []
    for i in 0..<4 {
      let c = try sampler.sample(space: space, trials: trials, directions: [.minimize])
      batch.append(c)
      trials.append(Trial(number: 12 + i, state: .running, params: c))
    }
    for i in 0..<4 {
      for j in (i + 1)..<4 {
        let (u, v) = (space.encode(batch[i]), space.encode(batch[j]))
        let distance = zip(u, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        #expect(distance > 1e-3, "\(liar): proposals \(i) and \(j) coincide")
      }
    }
  }

  @Test func mixedConditionalSpaceGivesValidConfigurations() throws {
    let space = try SamplerTests.mixedSpace()
    var sampler = Self.quickGP(seed: 1)
    let trials = try Self.run(&sampler, space: space, count: 20, SamplerTests.mixedObjective)
    for t in trials { try space.validate(t.params) }
    #expect(sampler.hyperparameters?.lengthscales.count == space.encodedDimension)
  }

  @Test func multiObjectiveStudiesAreRejected() throws {
    var sampler = GPSampler(seed: 0)
    #expect(throws: SearchError.self) {
      try sampler.sample(space: try Self.square(), trials: [], directions: [.minimize, .minimize])
    }
  }
}
