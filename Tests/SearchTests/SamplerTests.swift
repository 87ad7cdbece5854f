import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct SamplerTests {
  static func mixedSpace() throws -> SearchSpace {
    try SearchSpace(
      .float("x", -3, 3), .float("lr", 1e-4, 1, log: true), .int("n", 1, 9, step: 2),
      .categorical("kind", ["a", "b", "c"]),
      .int("depth", 1, 64, log: true, when: Condition("kind", isAnyOf: ["a", "b"])))
  }

  /// The configurations a fresh study with `sampler` proposes over `count` trials of `objective`.
  static func run(
    _ sampler: any Sampler, space: SearchSpace, count: Int,
    _ objective: @escaping @Sendable (Configuration) -> Double
  ) async throws -> [Trial] {
    let study = try await Study(space: space, sampler: sampler, pruner: NopPruner())
    return try await study.optimize(trials: count) { objective($0) }
  }

  static func mixedObjective(_ c: Configuration) -> Double {
    let x = c["x"]?.doubleValue ?? 0
    let lr = c["lr"]?.doubleValue ?? 1
    let n = c["n"]?.doubleValue ?? 0
    let kindPenalty = c["kind"] == .categorical("b") ? 0 : 1.0
    return (x - 1) * (x - 1) + abs(log10(lr) + 2) + abs(n - 5) / 4 + kindPenalty
  }
}

// MARK: - Determinism

extension SamplerTests {
  @Test func randomSamplerRepeatsItsSequenceForASeed() throws {
    let space = try Self.mixedSpace()
    var a = RandomSampler(seed: 11)
    var b = RandomSampler(seed: 11)
    var c = RandomSampler(seed: 12)
    let sa = (0..<50).map { _ in a.sample(space: space, trials: [], directions: [.minimize]) }
    let sb = (0..<50).map { _ in b.sample(space: space, trials: [], directions: [.minimize]) }
    let sc = (0..<50).map { _ in c.sample(space: space, trials: [], directions: [.minimize]) }
    #expect(sa == sb)
    #expect(sa != sc)
    for s in sa { try space.validate(s) }
  }

  @Test func gridSamplerVisitsEveryPointOnceThenReportsExhaustion() async throws {
    let space = try SearchSpace(.float("x", 0, 1), .categorical("c", ["a", "b"]))
    let grid = space.grid(pointsPerNumeric: 5)
    let first = try await Self.run(
      GridSampler(pointsPerNumeric: 5, seed: 3), space: space, count: 10
    ) { _ in 0 }
    let again = try await Self.run(
      GridSampler(pointsPerNumeric: 5, seed: 3), space: space, count: 10
    ) { _ in 0 }
    let other = try await Self.run(
      GridSampler(pointsPerNumeric: 5, seed: 4), space: space, count: 10
    ) { _ in 0 }
    #expect(Set(first.map(\.params)) == Set(grid))
    #expect(first.map(\.params) == again.map(\.params))
    #expect(first.map(\.params) != other.map(\.params))
    #expect(first.map(\.params) != grid)  // shuffled
    var sampler = GridSampler(pointsPerNumeric: 5, seed: 3)
    #expect(throws: SearchError.gridExhausted(size: 10)) {
      try sampler.sample(space: space, trials: first, directions: [.minimize])
    }
  }

  @Test func tpeRepeatsItsSequenceForASeed() async throws {
    let space = try Self.mixedSpace()
    let a = try await Self.run(TPESampler(seed: 5), space: space, count: 30, Self.mixedObjective)
    let b = try await Self.run(TPESampler(seed: 5), space: space, count: 30, Self.mixedObjective)
    let c = try await Self.run(TPESampler(seed: 6), space: space, count: 30, Self.mixedObjective)
    #expect(a.map(\.params) == b.map(\.params))
    #expect(a.map(\.params) != c.map(\.params))
  }

  @Test(arguments: [false, true])
  func tpeProposesValidConfigurationsInAConditionalSpace(multivariate: Bool) async throws {
    let space = try Self.mixedSpace()
    let trials = try await Self.run(
      TPESampler(seed: 9, multivariate: multivariate), space: space, count: 40, Self.mixedObjective)
    for t in trials {
      try space.validate(t.params)
      #expect(t.params.names == space.activeNames(in: t.params))
    }
    #expect(trials.contains { $0.params["depth"] == nil })
    #expect(trials.contains { $0.params["depth"] != nil })
  }
}

// MARK: - Optuna's definitions

extension SamplerTests {
  @Test func gammaAndDefaultWeightsMatchOptuna() {
    #expect([1, 10, 11, 50, 250, 251, 1000].map(TPESampler.gamma) == [1, 1, 2, 5, 25, 25, 25])
    #expect(TPESampler.defaultWeights(3) == [1, 1, 1])
    #expect(TPESampler.defaultWeights(25) == [Double](repeating: 1, count: 25))
    // numpy.linspace(1/30, 1, 5) then 25 ones.
    let w = TPESampler.defaultWeights(30)
    let ramp = [1.0 / 30, 0.275, 0.5166666666666667, 0.7583333333333333, 1.0]
    #expect(w.count == 30)
    for (a, b) in zip(w.prefix(5), ramp) { #expect(abs(a - b) < 1e-12) }
    #expect(w.suffix(25).allSatisfy { $0 == 1 })
  }

  @Test func parzenEstimatorMatchesHandComputedMixture() throws {
    // Observations 0.2 and 0.5 on [0, 1], plus the prior N(0.5, 1). Sorted between the ends
    // 0 and 1, each of the two extreme kernels takes its inner gap (consider_endpoints=False):
    // 0.5 − 0.2 = 0.3 for both; the magic clip [1/min(100, 1+3), 1] = [0.25, 1] keeps them.
    // Weights 1/3 each.
    let p = Parameter.float("x", 0, 1)
    let pe = ParzenEstimator(
      observations: [[0.2], [0.5]], parameters: [p], weights: [1, 1], settings: ParzenSettings())
    func truncated(_ x: Double, _ mu: Double, _ sigma: Double) -> Double {
      let phi = exp(-0.5 * pow((x - mu) / sigma, 2)) / (sigma * (2 * Double.pi).squareRoot())
      let cdf = { (z: Double) in 0.5 * (1 + erf(z / 2.0.squareRoot())) }
      return phi / (cdf((1 - mu) / sigma) - cdf((0 - mu) / sigma))
    }
    for x in [0.0, 0.1, 0.4, 0.75, 1.0] {
      let expected = log(
        (truncated(x, 0.2, 0.3) + truncated(x, 0.5, 0.3) + truncated(x, 0.5, 1)) / 3)
      #expect(abs(pe.logPDF([x]) - expected) < 1e-12)
    }
  }

  @Test func parzenCategoricalKernelsCarryThePrior() {
    // One observation of choice 1 among 3: kernel 0 = (1/2, 1/2 + 1, 1/2)/2.5, prior kernel uniform.
    let p = Parameter.categorical("c", ["a", "b", "c"])
    let pe = ParzenEstimator(
      observations: [[1]], parameters: [p], weights: [1], settings: ParzenSettings())
    let pb = 0.5 * (1.5 / 2.5) + 0.5 / 3
    let pa = 0.5 * (0.5 / 2.5) + 0.5 / 3
    #expect(abs(pe.logPDF([1]) - log(pb)) < 1e-12)
    #expect(abs(pe.logPDF([0]) - log(pa)) < 1e-12)
  }

  @Test func parzenDiscreteKernelsSumToOneOverTheGrid() {
    let p = Parameter.int("n", 1, 7, step: 2)
    let pe = ParzenEstimator(
      observations: [[3], [3], [7]], parameters: [p], weights: [1, 1, 1], settings: ParzenSettings()
    )
    let total = [1.0, 3, 5, 7].reduce(0) { $0 + exp(pe.logPDF([$1])) }
    #expect(abs(total - 1) < 1e-12)
    let lp = Parameter.int("k", 1, 64, log: true)
    let lpe = ParzenEstimator(
      observations: [[2], [40]], parameters: [lp], weights: [1, 1], settings: ParzenSettings())
    let ltotal = (1...64).reduce(0.0) { $0 + exp(lpe.logPDF([Double($1)])) }
    #expect(abs(ltotal - 1) < 1e-12)
  }
}

// MARK: - TPE against random search

extension SamplerTests {
  static func branin(_ c: Configuration) -> Double {
    let x1 = c["x1"]?.doubleValue ?? 0
    let x2 = c["x2"]?.doubleValue ?? 0
    let b = 5.1 / (4 * Double.pi * Double.pi)
    let cc = 5 / Double.pi
    let t = 1 / (8 * Double.pi)
    let u = x2 - b * x1 * x1 + cc * x1 - 6
    return u * u + 10 * (1 - t) * cos(x1) + 10
  }

  /// The mean over seeds 0…9 of the best value after 50 trials.
  static func meanBest(
    _ make: (UInt64) -> any Sampler, space: SearchSpace,
    _ objective: @escaping @Sendable (Configuration) -> Double
  ) async throws -> Double {
    var sum = 0.0
    for seed in UInt64(0)..<10 {
      let trials = try await run(make(seed), space: space, count: 50, objective)
      sum += trials.compactMap(\.value).min() ?? .infinity
    }
    return sum / 10
  }

  @Test func tpeBeatsRandomSearchOnAQuadratic() async throws {
    let space = try SearchSpace(.float("x", -10, 10))
    let f: @Sendable (Configuration) -> Double = { c in
      let x = c["x"]?.doubleValue ?? 0
      return (x - 2.3) * (x - 2.3)
    }
    let tpe = try await Self.meanBest({ TPESampler(seed: $0) }, space: space, f)
    let random = try await Self.meanBest({ RandomSampler(seed: $0) }, space: space, f)
    print("quadratic, mean best of 50 trials over 10 seeds: TPE \(tpe), random \(random)")
    #expect(tpe < random)
  }

  @Test func tpeBeatsRandomSearchOnBranin() async throws {
    let space = try SearchSpace(.float("x1", -5, 10), .float("x2", 0, 15))
    let tpe = try await Self.meanBest({ TPESampler(seed: $0) }, space: space, Self.branin)
    let mtpe = try await Self.meanBest(
      { TPESampler(seed: $0, multivariate: true) }, space: space, Self.branin)
    let random = try await Self.meanBest({ RandomSampler(seed: $0) }, space: space, Self.branin)
    print(
      "Branin (min 0.397887), mean best of 50 trials over 10 seeds: TPE \(tpe), multivariate TPE \(mtpe), random \(random)"
    )
    #expect(tpe < random)
    #expect(mtpe < random)
    #expect(tpe > 0.397887 && mtpe > 0.397887)
  }

  @Test func braninHasItsKnownMinimum() {
    let c: Configuration = ["x1": .float(Double.pi), "x2": .float(2.275)]
    #expect(abs(Self.branin(c) - 0.397887) < 1e-6)
  }
}

// MARK: - Optuna's Parzen estimator as a fixture

extension SamplerTests {
  @Test(arguments: optunaParzenCases)
  func parzenEstimatorMatchesOptuna(_ c: OptunaParzenCase) {
    let settings = ParzenSettings()
    let pe = ParzenEstimator(
      observations: c.observations, parameters: c.parameters,
      weights: TPESampler.defaultWeights(c.observations.count), settings: settings)
    for (x, expected) in zip(c.points, c.logPDF) {
      let got = pe.logPDF(x)
      #expect(abs(got - expected) <= 1e-9 * Swift.max(1, abs(expected)), "at \(x)")
    }
  }
}
