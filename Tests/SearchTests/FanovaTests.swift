import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct FanovaTests {
  /// `count` COMPLETE trials at uniform points of `space`, valued by `f`.
  static func trials(
    _ space: SearchSpace, count: Int, seed: UInt64, _ f: (Configuration) -> Double
  ) -> [Trial] {
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { i in
      let c = space.sample(using: &g)
      return Trial(number: i, state: .complete, params: c, values: [f(c)])
    }
  }

  static func x(_ c: Configuration, _ name: String) -> Double { c[name]?.doubleValue ?? 0 }

  static func space(_ names: [String], _ low: Double, _ high: Double) throws -> SearchSpace {
    try SearchSpace(names.map { Parameter.float($0, low, high) })
  }

  @Test func oneRelevantParameterTakesAlmostAllTheImportance() throws {
    let space = try Self.space((0..<5).map { "x\($0)" }, -1, 1)
    let trials = Self.trials(space, count: 200, seed: 1) { Self.x($0, "x0") * Self.x($0, "x0") }
    let result = try FanovaImportance().importances(space: space, trials: trials)
    print("fANOVA, f = x0²:", result.map { "\($0.name)=\($0.importance)" })
    #expect(result.first?.name == "x0")
    #expect((result.first?.importance ?? 0) > 0.9)
    #expect(abs(result.reduce(0) { $0 + $1.importance } - 1) < 1e-12)
  }

  @Test func twoRelevantParametersTakeAlmostAllTheImportance() throws {
    let space = try Self.space((0..<6).map { "x\($0)" }, 0, 1)
    let trials = Self.trials(space, count: 200, seed: 2) {
      10 * Self.x($0, "x0") + Self.x($0, "x1")
    }
    let map = try FanovaImportance().importanceMap(space: space, trials: trials)
    print("fANOVA, f = 10·x0 + x1:", map)
    #expect((map["x0"] ?? 0) + (map["x1"] ?? 0) > 0.9)
    #expect((map["x0"] ?? 0) > (map["x1"] ?? 0))
  }

  /// f = 2·x0 + sin(2π·x1) on [0, 1]⁴: Var(2·x0) = 4/12 = 1/3 and Var(sin 2πU) = 1/2, so the
  /// main effects explain 1/3 : 1/2, i.e. importances 0.4 and 0.6 (the others 0).
  @Test func additiveFunctionSplitsImportanceByTermVariance() throws {
    let space = try Self.space(["x0", "x1", "x2", "x3"], 0, 1)
    let trials = Self.trials(space, count: 400, seed: 3) {
      2 * Self.x($0, "x0") + sin(2 * Double.pi * Self.x($0, "x1"))
    }
    let map = try FanovaImportance().importanceMap(space: space, trials: trials)
    print("fANOVA, f = 2·x0 + sin(2π·x1), expected 0.4 / 0.6:", map)
    #expect(abs((map["x0"] ?? 0) - 0.4) < 0.1)
    #expect(abs((map["x1"] ?? 0) - 0.6) < 0.1)
  }

  @Test func sameSeedGivesSameImportances() throws {
    let space = try Self.space(["a", "b"], 0, 1)
    let trials = Self.trials(space, count: 50, seed: 4) { Self.x($0, "a") + 0.5 * Self.x($0, "b") }
    let first = try FanovaImportance(seed: 7).importanceMap(space: space, trials: trials)
    let second = try FanovaImportance(seed: 7).importanceMap(space: space, trials: trials)
    #expect(first == second)
  }

  @Test func tooFewTrialsOrAConstantObjectiveAreReported() throws {
    let space = try Self.space(["a", "b"], 0, 1)
    let one = Self.trials(space, count: 1, seed: 5) { _ in 1 }
    #expect(throws: SearchError.self) {
      try FanovaImportance().importances(space: space, trials: one)
    }
    let flat = Self.trials(space, count: 30, seed: 5) { _ in 1 }
    #expect(throws: SearchError.self) {
      try FanovaImportance().importances(space: space, trials: flat)
    }
  }

  @Test func singleValuedParametersGetZero() throws {
    let space = try SearchSpace(.float("a", 0, 1), .categorical("only", ["k"]))
    let trials = Self.trials(space, count: 30, seed: 6) { Self.x($0, "a") }
    let result = try FanovaImportance().importances(space: space, trials: trials)
    #expect(result.map(\.name) == ["a", "only"])
    #expect(result.map(\.importance) == [1, 0])
  }
}

// MARK: - Against Optuna 5.0.0

extension FanovaTests {
  struct Fixture: Decodable {
    struct Row: Decodable {
      var params: [String: Param]
      var value: Double
    }
    enum Param: Decodable {
      case number(Double)
      case text(String)
      init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let x = try? c.decode(Double.self) {
          self = .number(x)
        } else {
          self = .text(try c.decode(String.self))
        }
      }
    }
    var trials: [Row]
    var importances: [String: Double]
    var importancesBySeed: [[String: Double]]

    enum CodingKeys: String, CodingKey {
      case trials, importances
      case importancesBySeed = "importances_by_seed"
    }
  }

  /// scripts/make_fanova_fixture.py: 200 fixed trials of x² + 2y + 12·[c = b] + 0.3z.
  @Test func importancesMatchOptunaWithinForestNoise() throws {
    let url = try #require(
      Bundle.module.url(forResource: "fanova", withExtension: "json", subdirectory: "Fixtures"))
    let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    let space = try SearchSpace(
      .float("x", -5, 5), .float("y", 0, 10), .float("z", -1, 1),
      .categorical("c", ["a", "b", "c"]))
    let trials = fixture.trials.enumerated().map { i, row in
      var c = Configuration()
      for p in space.parameters {
        switch row.params[p.name] {
        case .number(let x)?: c[p.name] = .float(x)
        case .text(let s)?: c[p.name] = .categorical(s)
        case nil: break
        }
      }
      return Trial(number: i, state: .complete, params: c, values: [row.value])
    }
    let ours = try FanovaImportance(seed: 0).importances(space: space, trials: trials)
    print(
      "fANOVA vs Optuna 5.0.0:",
      ours.map { "\($0.name) ours \($0.importance) optuna \(fixture.importances[$0.name] ?? .nan)" }
    )
    for (name, importance) in ours {
      let reference = try #require(fixture.importances[name])
      #expect(abs(importance - reference) < 0.05, "\(name): \(importance) vs Optuna \(reference)")
    }
    let optunaOrder = fixture.importances.sorted { $0.value > $1.value }.map(\.key)
    #expect(ours.map(\.name).last == optunaOrder.last)
  }
}
