import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct RandomForestSamplerTests {
  /// The sampler as the tests run it: 500 random candidates and 5 local-search starts instead
  /// of SMAC's 10 000 and 10, to keep debug test time reasonable.
  static func light(_ seed: UInt64) -> RandomForestSampler {
    RandomForestSampler(seed: seed, randomCandidates: 500, localSearchStarts: 5)
  }

  @Test func sameSeedProposesTheSameSequence() async throws {
    let space = try SamplerTests.mixedSpace()
    let a = try await SamplerTests.run(
      Self.light(3), space: space, count: 25, SamplerTests.mixedObjective)
    let b = try await SamplerTests.run(
      Self.light(3), space: space, count: 25, SamplerTests.mixedObjective)
    let c = try await SamplerTests.run(
      Self.light(4), space: space, count: 25, SamplerTests.mixedObjective)
    #expect(a.map(\.params) == b.map(\.params))
    #expect(a.map(\.params) != c.map(\.params))
  }

  @Test func proposalsAreValidInAConditionalSpaceAndNotRepeated() async throws {
    let space = try SamplerTests.mixedSpace()
    let trials = try await SamplerTests.run(
      Self.light(5), space: space, count: 30, SamplerTests.mixedObjective)
    for t in trials { try space.validate(t.params) }
    #expect(Set(trials.map(\.params)).count == trials.count)
  }

  @Test func multiObjectiveStudiesAreRejected() throws {
    var sampler = Self.light(0)
    let space = try SearchSpace(.float("x", 0, 1))
    #expect(throws: SearchError.self) {
      try sampler.sample(space: space, trials: [], directions: [.minimize, .minimize])
    }
  }

  /// SMAC3's RunHistoryLogScaledEncoder on [1, 2, 3, 5]: p5 = 1.15, m' = 1 − 0.15 − 1e−10,
  /// z = log((y − m') / (5 − m')).
  @Test func costsAreLogScaledAsSMAC() {
    let y = [1.0, 2, 3, 5]
    #expect(abs(RandomForestSurrogate.percentile(y, 5) - 1.15) < 1e-12)
    let m = 1 - 0.15 - 1e-10
    let expected = y.map { log(($0 - m) / (5 - m)) }
    for (a, b) in zip(RandomForestSurrogate.logScaled(y), expected) { #expect(abs(a - b) < 1e-12) }
    let flat = RandomForestSurrogate.logScaled([2, 2, 2])
    #expect(flat.allSatisfy { $0.isFinite })
  }

  /// With a tiny variance, log-EI tends to max(exp(η) − exp(μ), 0).
  @Test func logEIReducesToTheImprovementWithoutUncertainty() {
    let ei = ExpectedImprovement.logEI(mean: log(0.5), variance: 1e-12, eta: log(0.8))
    #expect(abs(ei - 0.3) < 1e-6)
    #expect(abs(ExpectedImprovement.logEI(mean: log(0.9), variance: 1e-12, eta: log(0.8))) < 1e-6)
    // More uncertainty at the same mean gives more expected improvement.
    #expect(
      ExpectedImprovement.logEI(mean: 0, variance: 1, eta: 0)
        > ExpectedImprovement.logEI(mean: 0, variance: 0.1, eta: 0))
  }
}

// MARK: - Against random search

extension RandomForestSamplerTests {
  /// Hartmann-6 on [0, 1]⁶ (minimum −3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573)).
  static func hartmann6(_ c: Configuration) -> Double {
    let alpha = [1.0, 1.2, 3.0, 3.2]
    let a: [[Double]] = [
      [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
      [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
    ]
    let p: [[Double]] = [
      [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
      [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
      [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
      [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
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

  @Test func hartmann6HasItsKnownMinimum() {
    let xs = [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573]
    let c = Configuration(
      xs.enumerated().map { ("x\($0.offset)", ParameterValue.float($0.element)) })
    #expect(abs(Self.hartmann6(c) + 3.32237) < 1e-4)
  }

  @Test func beatsRandomSearchOnBranin() async throws {
    let space = try SearchSpace(.float("x1", -5, 10), .float("x2", 0, 15))
    let rf = try await SamplerTests.meanBest({ Self.light($0) }, space: space, SamplerTests.branin)
    let random = try await SamplerTests.meanBest(
      { RandomSampler(seed: $0) }, space: space, SamplerTests.branin)
    print(
      "Branin (min 0.397887), mean best of 50 trials over 10 seeds: RF surrogate \(rf), random \(random)"
    )
    #expect(rf < random)
  }

  @Test func beatsRandomSearchOnHartmann6() async throws {
    let space = try SearchSpace((0..<6).map { Parameter.float("x\($0)", 0, 1) })
    let rf = try await SamplerTests.meanBest({ Self.light($0) }, space: space, Self.hartmann6)
    let random = try await SamplerTests.meanBest(
      { RandomSampler(seed: $0) }, space: space, Self.hartmann6)
    print(
      "Hartmann-6 (min −3.32237), mean best of 50 trials over 10 seeds: RF surrogate \(rf), random \(random)"
    )
    #expect(rf < random)
  }
}
