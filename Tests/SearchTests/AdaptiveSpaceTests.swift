import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct AdaptiveSpaceTests {
  static func space() throws -> SearchSpace {
    try SearchSpace(
      .float("x", -10, 10), .float("lr", 1e-5, 1, log: true), .int("n", 1, 100, step: 3),
      .categorical("kind", ["a", "b", "c"]),
      .int("depth", 1, 32, when: Condition("kind", isAnyOf: ["a", "b"])))
  }

  /// Loss: |x − 3|/2 + 2·|log10 lr + 3|, plus 5 unless kind is b.
  static func loss(_ c: Configuration) -> Double {
    let x = c["x"]?.doubleValue ?? 0
    let lr = c["lr"]?.doubleValue ?? 1
    return abs(x - 3) / 2 + 2 * abs(log10(lr) + 3) + (c["kind"] == .categorical("b") ? 0 : 5)
  }

  static func trials(_ space: SearchSpace, count: Int, seed: UInt64) -> [Trial] {
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { i in
      let c = space.sample(using: &g)
      return Trial(number: i, state: .complete, params: c, values: [loss(c)])
    }
  }

  /// The unit width of a numeric parameter of `space`, measured in `original`'s coordinates.
  static func width(_ name: String, in space: SearchSpace, original: SearchSpace) -> Double {
    guard let p = original.parameter(named: name), let q = space.parameter(named: name),
      let b = q.bounds
    else { return .nan }
    return p.unit(of: b.high) - p.unit(of: b.low)
  }

  @Test func narrowingKeepsTheBestTrialInsideAndShrinksTheRanges() throws {
    let original = try Self.space()
    let trials = Self.trials(original, count: 80, seed: 1)
    let adaptive = AdaptiveSearchSpace(original: original, gamma: 0.1)
    let narrow = adaptive.narrowed(around: trials, direction: .minimize)
    print(
      "narrowed unit widths:",
      ["x", "lr", "n"].map { Self.width($0, in: narrow, original: original) })
    let best = try #require(trials.min { Self.loss($0.params) < Self.loss($1.params) })
    try narrow.validate(best.params)
    // x and lr matter and narrow; n does not matter, so the top trials may span its range.
    for name in ["x", "lr"] {
      #expect(Self.width(name, in: narrow, original: original) < 0.9, "\(name) did not narrow")
    }
    #expect(Self.width("n", in: narrow, original: original) <= 1)
    // Every top-10 % trial stays inside.
    let top = trials.sorted { Self.loss($0.params) < Self.loss($1.params) }.prefix(8)
    for t in top { try narrow.validate(t.params) }
  }

  @Test func categoricalsAreRestrictedToTheChoicesOfTheTopTrials() throws {
    let original = try Self.space()
    let trials = Self.trials(original, count: 80, seed: 2)
    let narrow = AdaptiveSearchSpace(original: original, gamma: 0.1)
      .narrowed(around: trials, direction: .minimize)
    guard case .categorical(let choices)? = narrow.parameter(named: "kind")?.domain else {
      Issue.record("kind is missing")
      return
    }
    #expect(choices == ["b"])
    // depth (active for a or b) keeps a condition on the remaining parent value.
    #expect(narrow.parameter(named: "depth")?.condition?.values == [.categorical("b")])
  }

  @Test func aConditionThatCanNoLongerHoldDropsTheChild() throws {
    let original = try SearchSpace(
      .categorical("kind", ["a", "b"]), .float("m", 0, 1, when: Condition("kind", is: "a")))
    let trials = (0..<8).map { i in
      Trial(number: i, state: .complete, params: ["kind": .categorical("b")], values: [Double(i)])
    }
    let narrow = AdaptiveSearchSpace(original: original).narrowed(
      around: trials, direction: .minimize)
    #expect(narrow.names == ["kind"])
  }

  @Test func wideningAfterAStallRestoresTowardsTheOriginal() throws {
    let original = try Self.space()
    var trials = Self.trials(original, count: 20, seed: 3)
    var adaptive = AdaptiveSearchSpace(original: original, patience: 5, minTrials: 10)
    adaptive.update(trials: trials, direction: .minimize)
    let narrowed = adaptive.current
    let w0 = Self.width("x", in: narrowed, original: original)
    #expect(w0 < 1)
    // Five more trials, all worse than the best: a stall of `patience` trials.
    let worst = trials.compactMap(\.value).max() ?? 0
    for i in 0..<5 {
      trials.append(
        Trial(number: 20 + i, state: .complete, params: trials[i].params, values: [worst + 1]))
      adaptive.update(trials: trials, direction: .minimize)
    }
    let w1 = Self.width("x", in: adaptive.current, original: original)
    #expect(w1 > w0)
    #expect(abs(w1 - min(1, max(2 * w0, 0.2))) < 0.02)
    // The previous narrowing stays inside the widened space; repeated stalls reach the original.
    for name in ["x", "lr", "n"] {
      #expect(
        Self.width(name, in: adaptive.current, original: original) >= Self.width(
          name, in: narrowed, original: original) - 1e-12)
    }
    for i in 0..<60 {
      trials.append(
        Trial(number: 25 + i, state: .complete, params: trials[i].params, values: [worst + 1]))
      adaptive.update(trials: trials, direction: .minimize)
    }
    #expect(adaptive.current == original)
  }

  @Test func proposalsNeverLeaveTheOriginalSpace() async throws {
    let original = try Self.space()
    for seed in UInt64(0)..<3 {
      let samplers: [any Sampler] = [
        AdaptiveSampler(base: RandomSampler(seed: seed), patience: 5),
        AdaptiveSampler(base: TPESampler(seed: seed), patience: 5),
        AdaptiveSampler(
          base: RandomForestSampler(seed: seed, randomCandidates: 200, localSearchStarts: 3),
          patience: 5),
      ]
      for sampler in samplers {
        let trials = try await SamplerTests.run(sampler, space: original, count: 40) {
          Self.loss($0)
        }
        for t in trials { try original.validate(t.params) }
        #expect(trials.allSatisfy { $0.state == .complete })
      }
    }
  }

  @Test func adaptiveSamplerIsDeterministicAndConcentratesProposals() async throws {
    let original = try Self.space()
    let make = { AdaptiveSampler(base: RandomSampler(seed: 9), patience: 100) }
    let a = try await SamplerTests.run(make(), space: original, count: 40) { Self.loss($0) }
    let b = try await SamplerTests.run(make(), space: original, count: 40) { Self.loss($0) }
    #expect(a.map(\.params) == b.map(\.params))
    let plain = try await SamplerTests.run(RandomSampler(seed: 9), space: original, count: 40) {
      Self.loss($0)
    }
    let meanLate = { (t: [Trial]) in t.suffix(20).compactMap(\.value).reduce(0, +) / 20 }
    print(
      "adaptive random search, mean loss of trials 21–40: adaptive \(meanLate(a)), plain \(meanLate(plain))"
    )
    #expect(meanLate(a) < meanLate(plain))
  }
}
