import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct BOHBTests {
  static func square() throws -> SearchSpace {
    try SearchSpace(.float("x", 0, 1), .float("y", 0, 1))
  }

  static func bowl(_ c: Configuration) -> Double {
    let x = c["x"]?.doubleValue ?? 0
    let y = c["y"]?.doubleValue ?? 0
    return (x - 0.2) * (x - 0.2) + (y - 0.7) * (y - 0.7)
  }

  static func observeRandom(
    _ bohb: inout BOHB, count: Int, resource: Double, seed: UInt64
  ) {
    var g = SeededGenerator(seed: seed)
    for _ in 0..<count {
      let c = bohb.space.sample(using: &g)
      bohb.observe(c, resource: resource, value: bowl(c))
    }
  }

  /// With d = 2, min_points_in_model = 3: n_good = 3 and the bad set needs more than 2 rows,
  /// so a resource level gets a model from its 6th result on.
  @Test func fallsBackToRandomUntilEnoughPointsThenProposesFromTheModel() throws {
    let hb = try Hyperband(minResource: 1, maxResource: 9)
    var bohb = BOHB(space: try Self.square(), hyperband: hb, seed: 1, randomFraction: 0)
    #expect(bohb.minPointsInModel == 3)
    Self.observeRandom(&bohb, count: 5, resource: 9, seed: 2)
    #expect(bohb.modelResource == nil)
    for _ in 0..<20 {
      _ = bohb.nextConfiguration()
      #expect(bohb.lastProposalSource == .random)
    }
    Self.observeRandom(&bohb, count: 1, resource: 9, seed: 3)
    #expect(bohb.modelResource == 9)
    for _ in 0..<20 {
      _ = bohb.nextConfiguration()
      #expect(bohb.lastProposalSource == .model(resource: 9))
    }
  }

  @Test func theModelUsesTheLargestResourceWithEnoughResults() throws {
    let hb = try Hyperband(minResource: 1, maxResource: 9)
    var bohb = BOHB(space: try Self.square(), hyperband: hb, seed: 1)
    Self.observeRandom(&bohb, count: 12, resource: 1, seed: 4)
    Self.observeRandom(&bohb, count: 4, resource: 9, seed: 5)
    #expect(bohb.modelResource == 1)
    Self.observeRandom(&bohb, count: 2, resource: 9, seed: 6)
    #expect(bohb.modelResource == 9)
  }

  @Test func aboutARandomFractionOfProposalsIsRandom() throws {
    let hb = try Hyperband(minResource: 1, maxResource: 9)
    var bohb = BOHB(space: try Self.square(), hyperband: hb, seed: 7)
    Self.observeRandom(&bohb, count: 20, resource: 9, seed: 8)
    var random = 0
    for _ in 0..<600 {
      _ = bohb.nextConfiguration()
      if bohb.lastProposalSource == .random { random += 1 }
    }
    #expect(abs(Double(random) / 600 - 1.0 / 3.0) < 0.06)
  }

  @Test func modelProposalsConcentrateWhereTheLossIsLow() throws {
    let hb = try Hyperband(minResource: 1, maxResource: 9)
    var bohb = BOHB(space: try Self.square(), hyperband: hb, seed: 3, randomFraction: 0)
    Self.observeRandom(&bohb, count: 40, resource: 9, seed: 9)
    let model = (0..<200).map { _ in Self.bowl(bohb.nextConfiguration()) }
    var g = SeededGenerator(seed: 10)
    let space = try Self.square()
    let random = (0..<200).map { _ in Self.bowl(space.sample(using: &g)) }
    let (m, r) = (model.reduce(0, +) / 200, random.reduce(0, +) / 200)
    print("BOHB model proposals: mean loss \(m); uniform proposals: \(r)")
    #expect(m < 0.5 * r)
  }

  @Test func proposalsRepeatForASeed() throws {
    func proposals(_ seed: UInt64) throws -> [Configuration] {
      let hb = try Hyperband(minResource: 1, maxResource: 9)
      var bohb = BOHB(space: try SamplerTests.mixedSpace(), hyperband: hb, seed: seed)
      var out: [Configuration] = []
      for i in 0..<3 {
        for c in bohb.nextConfigurations(for: bohb.bracket(forIteration: i)) {
          out.append(c)
          bohb.observe(c, resource: 9, value: SamplerTests.mixedObjective(c))
        }
      }
      return out
    }
    let (a, b, c) = (try proposals(5), try proposals(5), try proposals(6))
    #expect(a == b)
    #expect(a != c)
    let space = try SamplerTests.mixedSpace()
    for config in a { try space.validate(config) }
  }

  /// A driver loop over one pass of brackets: each rung evaluates its configurations at its
  /// resource and keeps the best ⌊n/η⌋ for the next.
  @Test func driverLoopObservesEveryRungOfEveryBracket() throws {
    let hb = try Hyperband(minResource: 1, maxResource: 9)
    var bohb = BOHB(space: try Self.square(), hyperband: hb, seed: 11)
    let halving = try SuccessiveHalving(minResource: 1, maxResource: 9)
    var expected: [Double: Int] = [:]
    var best = Double.infinity
    for iteration in 0..<hb.brackets.count {
      let bracket = bohb.bracket(forIteration: iteration)
      var configs = bohb.nextConfigurations(for: bracket)
      #expect(configs.count == bracket.rungs[0].configurations)
      for (i, rung) in bracket.rungs.enumerated() {
        let values = configs.map { Self.bowl($0) + 0.1 / rung.resource }
        for (c, v) in zip(configs, values) { bohb.observe(c, resource: rung.resource, value: v) }
        expected[rung.resource, default: 0] += configs.count
        best = Swift.min(best, values.min() ?? best)
        guard i + 1 < bracket.rungs.count else { break }
        let keep = halving.promote(Array(values.enumerated().map { ($0.offset, $0.element) }), direction: .minimize)
        configs = keep.map { configs[$0] }
      }
    }
    #expect(bohb.resultCounts == expected)
    #expect(best < 0.05)
  }

  /// statsmodels' normal-reference bandwidth and Gaussian kernel on a hand-computed 1-D case.
  @Test func kernelDensityMatchesTheNormalReferenceFormula() {
    let kde = BOHBKernelDensity(data: [[0.2], [0.4]], kinds: [0], minBandwidth: 1e-3)
    let sd = (0.02).squareRoot()  // ddof 1: ((0.1)² + (0.1)²)/1
    let h = 1.06 * sd * pow(2, -1.0 / 5)
    #expect(abs(kde.bandwidths[0] - h) < 1e-15)
    let phi = exp(-0.5 * (0.1 / h) * (0.1 / h)) / ((2 * Double.pi).squareRoot() * h)
    #expect(abs(kde.pdf([0.3]) - phi) < 1e-12)
    // Aitchison–Aitken: 1 − λ on the same category, λ/(c − 1) on the others.
    let cat = BOHBKernelDensity(data: [[0], [0], [2]], kinds: [3], minBandwidth: 1e-3)
    let l = Swift.min(cat.bandwidths[0], 1)
    #expect(abs(cat.pdf([0]) - (2 * (1 - l) + l / 2) / 3) < 1e-15)
  }
}
