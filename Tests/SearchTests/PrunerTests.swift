import Testing

@testable import Search

@Suite struct PrunerTests {
  /// Five COMPLETE trials whose values at resource 1 are 1…5 (median 3).
  static func history() -> [Trial] {
    (0..<5).map { i in
      Trial(
        number: i, state: .complete, params: [:], values: [Double(i + 1)],
        intermediateValues: [0: 10, 1: Double(i + 1)])
    }
  }

  static func running(_ values: [Double: Double]) -> Trial {
    Trial(number: 9, state: .running, params: [:], intermediateValues: values)
  }

  /// Whether `pruner` prunes a running trial with `values` (resource → value) against `trials`.
  static func prunes(
    _ pruner: some Pruner, _ values: [Double: Double], _ trials: [Trial] = history(),
    _ direction: StudyDirection = .minimize
  ) -> Bool {
    pruner.decide(trial: running(values), trials: trials, direction: direction).shouldPrune
  }
}

// Every decision below agrees with Optuna 5.0.0's pruners run on the same sequences.
extension PrunerTests {
  @Test func medianPrunerPrunesWorseThanMedianAtSameResource() {
    let p = MedianPruner()
    let worse: [Double: Double] = [0: 10, 1: 3.5]
    let better: [Double: Double] = [0: 10, 1: 2.5]
    let equal: [Double: Double] = [0: 10, 1: 3]
    #expect(Self.prunes(p, worse))
    #expect(!Self.prunes(p, better))
    #expect(!Self.prunes(p, equal))
    // Maximising: below the median prunes.
    let low: [Double: Double] = [0: 0, 1: 2.5]
    let high: [Double: Double] = [0: 0, 1: 3.5]
    #expect(Self.prunes(p, low, Self.history(), .maximize))
    #expect(!Self.prunes(p, high, Self.history(), .maximize))
  }

  @Test func medianPrunerUsesTheBestValueSoFar() {
    // Best so far is 1 (at resource 0) although the current value 9 is worse than the median 3.
    let values: [Double: Double] = [0: 1, 1: 9]
    #expect(!Self.prunes(MedianPruner(), values))
  }

  @Test func medianPrunerWaitsForStartupTrialsWarmupAndInterval() {
    let bad: [Double: Double] = [0: 10, 1: 4.5]
    let four = Array(Self.history().prefix(4))
    #expect(!Self.prunes(MedianPruner(), bad, four))
    #expect(!Self.prunes(MedianPruner(warmupSteps: 2), bad))
    // Interval 2 from 0: resource 1 shares the interval [0, 2) with the earlier report at 0.
    #expect(!Self.prunes(MedianPruner(intervalSteps: 2), bad))
    let alone: [Double: Double] = [1: 4.5]
    #expect(Self.prunes(MedianPruner(intervalSteps: 2), alone))
    // No completed trial reported resource 7: nothing to compare.
    let unseen: [Double: Double] = [7: 100]
    #expect(!Self.prunes(MedianPruner(), unseen))
  }

  @Test func percentilePrunerUsesNumpyLinearPercentile() {
    let p = PercentilePruner(percentile: 25)  // 25th percentile of 1…5 is 2
    let a: [Double: Double] = [1: 2.5]
    let b: [Double: Double] = [1: 1.5]
    let c: [Double: Double] = [1: 3.5]
    #expect(Self.prunes(p, a))
    #expect(!Self.prunes(p, b))
    // Maximising uses the 75th percentile, 4.
    #expect(Self.prunes(p, c, Self.history(), .maximize))
  }

  @Test func successiveHalvingPrunerFollowsOptunasRungRule() async throws {
    let space = try SearchSpace(.float("x", 0, 1))
    let study = try await Study(
      space: space, sampler: RandomSampler(seed: 1),
      pruner: SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2))
    // Rung 0 completes at resource 1, rung 1 at 2.
    let a = try await study.ask()
    try await study.report(number: a.number, value: 0.5, resource: 1)
    #expect(try await study.shouldPrune(number: a.number) == false)  // first arrival: best so far
    let b = try await study.ask()
    try await study.report(number: b.number, value: 0.7, resource: 1)
    #expect(try await study.shouldPrune(number: b.number) == true)  // ⌊2/2⌋−1 = 0: must beat 0.5
    try await study.tell(b.number, state: .pruned)
    let c = try await study.ask()
    try await study.report(number: c.number, value: 0.3, resource: 1)
    #expect(try await study.shouldPrune(number: c.number) == false)  // ⌊3/2⌋−1 = 0: 0.3 is best
    let d = try await study.ask()
    try await study.report(number: d.number, value: 0.6, resource: 1)
    #expect(try await study.shouldPrune(number: d.number) == true)  // index 1 of [.3,.5,.6,.7] is .5
    let e = try await study.ask()
    try await study.report(number: e.number, value: 0.5, resource: 1)
    #expect(try await study.shouldPrune(number: e.number) == false)  // index 1 of 5 values is .5
    // Trial a reaches rung 1 (resource 2) first: alone there, it survives.
    try await study.report(number: a.number, value: 0.4, resource: 2)
    #expect(try await study.shouldPrune(number: a.number) == false)
    let stored = try await study.trial(a.number).systemAttributes
    let expected: [String: AttributeValue] = [
      "completed_rung_0": .number(0.5), "completed_rung_1": .number(0.4),
    ]
    #expect(stored == expected)
  }
}

/// ``HyperbandPruner``: Optuna's bracket count and budgets, and comparisons within a bracket.
@Suite struct HyperbandPrunerTests {
  @Test func bracketsAndBudgetsMatchOptunaFormulas() throws {
    // Optuna: n_brackets = floor(log_3(81)) + 1 = 5; budgets ceil(5·3^(4−i)/(5−i)) = 81, 34, 15, 8, 5.
    let p = try HyperbandPruner(minResource: 1, maxResource: 81, reductionFactor: 3)
    #expect(p.bracketCount == 5)
    #expect((0..<5).map(p.budget(ofBracket:)) == [81, 34, 15, 8, 5])
    let q = try HyperbandPruner(minResource: 1.0 / 9.0, maxResource: 1, reductionFactor: 3)
    #expect(q.bracketCount == 3)
    #expect((0..<3).map(q.budget(ofBracket:)) == [9, 5, 3])
    // Over many trials the brackets are filled in proportion to the budgets.
    var counts = [0, 0, 0]
    for n in 0..<17_000 { counts[q.bracket(ofTrial: n)] += 1 }
    #expect(abs(Double(counts[0]) / 17_000 - 9.0 / 17) < 0.02)
    #expect(abs(Double(counts[2]) / 17_000 - 3.0 / 17) < 0.02)
    #expect(throws: SearchError.self) { try HyperbandPruner(minResource: 0, maxResource: 1) }
  }

  @Test func aTrialIsComparedOnlyWithItsBracket() throws {
    let p = try HyperbandPruner(minResource: 1, maxResource: 9, reductionFactor: 3)
    let numbers = Array(0..<200)
    let zero = numbers.filter { p.bracket(ofTrial: $0) == 0 }
    let last = numbers.filter { p.bracket(ofTrial: $0) == p.bracketCount - 1 }
    try #require(zero.count >= 3 && !last.isEmpty)
    // Two strong bracket-0 trials reached rung 0 (resource 1); a weak third is pruned there.
    var trials = zero.prefix(2).map { n in
      Trial(
        number: n, state: .complete, params: Configuration(), values: [0.9],
        intermediateValues: [1: 0.9], systemAttributes: ["completed_rung_0": .number(0.9)])
    }
    let weak = Trial(number: zero[2], state: .running, params: Configuration(), intermediateValues: [1: 0.1])
    trials.append(weak)
    #expect(p.decide(trial: weak, trials: trials, direction: .maximize).shouldPrune)
    // The same weak value in the last bracket is never pruned below the maximum resource.
    let other = Trial(number: last[0], state: .running, params: Configuration(), intermediateValues: [1: 0.1, 3: 0.1])
    let decision = p.decide(trial: other, trials: trials + [other], direction: .maximize)
    #expect(!decision.shouldPrune)
    #expect(decision.systemAttributes["hyperband_bracket"] == .number(Double(p.bracketCount - 1)))
  }
}
