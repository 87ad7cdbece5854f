import Experiments
import Testing

@Test func averageRanksAverageTiesWithinEachBlock() {
  // NaN regret ranks last (a method that never finished).
  #expect(BenchmarkMetrics.averageRanks([[0.5, 0.2, 0.5, .nan]]) == [2.5, 1, 2.5, 4])
  // Block 1: A best, B and C tie (2.5 each); block 2: C best, A and B tie (2.5 each).
  let average = BenchmarkMetrics.averageRanks([[0.1, 0.4, 0.4], [0.3, 0.3, 0.0]])
  #expect(average == [1.75, 2.5, 1.75])
}

@Test func incumbentIsBestAtHighestObservedLevelAndCostToTargetIsCensored() throws {
  // Four configurations, levels 0.5 and 1, maximised; true values 0.5, 0.9, 1.0, 0.7.
  let low: [Double] = [0.9, 0.6, 0.3, 0.8]
  let high: [Double] = [0.5, 0.9, 1.0, 0.7]
  let task = try TabularTask(
    records: tableRecords(configurations: 4, levels: [0.5, 1]) { c, l in l == 0 ? low[c] : high[c] })
  // median of true values = (0.7 + 0.9)/2 = 0.8, best 1.0, scale 0.2.
  func e(_ c: Int, _ l: Int, _ cost: Double) -> BenchmarkEvaluation {
    BenchmarkEvaluation(configuration: c, level: l, resource: task.levels[l], value: task.value(c, level: l), cost: cost)
  }
  // Low-level evaluations of 0 and 1, then 3 at full resource: incumbent 0 (0.9 at 0.5), then 3
  // (the only full-resource value), even though 3's 0.7 is below 0's 0.9 at the lower level.
  let trace = BenchmarkTrace(evaluations: [e(0, 0, 0.5), e(1, 0, 1.0), e(3, 1, 2.0)])
  #expect(BenchmarkMetrics.incumbent(of: trace, task: task, atCost: 1) == 0)
  #expect(BenchmarkMetrics.incumbent(of: trace, task: task) == 3)
  let curve = BenchmarkMetrics.regretCurve(of: trace, task: task, budget: 3)
  #expect(abs(curve[0] - 2.5) < 1e-12)  // (1.0 − 0.5)/0.2
  #expect(abs(curve[1] - 1.5) < 1e-12)  // (1.0 − 0.7)/0.2
  #expect(abs(curve[2] - 1.5) < 1e-12)
  #expect(BenchmarkMetrics.costToTarget(of: trace, task: task) == nil)
  // Adding configuration 2 at full resource reaches the best at cost 3.
  let reached = BenchmarkTrace(evaluations: trace.evaluations + [e(2, 1, 3.0)])
  #expect(BenchmarkMetrics.costToTarget(of: reached, task: task) == 3)
  // 0.995 is within 1 % of 1.0; 0.98 is not.
  let near = try TabularTask(records: tableRecords(configurations: 3, levels: [1]) { c, _ in [1.0, 0.995, 0.98][c] })
  func one(_ c: Int) -> BenchmarkTrace {
    BenchmarkTrace(evaluations: [BenchmarkEvaluation(configuration: c, level: 0, resource: 1, value: near.trueValue(c), cost: 1)])
  }
  #expect(BenchmarkMetrics.costToTarget(of: one(1), task: near) == 1)
  #expect(BenchmarkMetrics.costToTarget(of: one(2), task: near) == nil)
  // Censored runs count as the budget in the summary; reached is the fraction that got there.
  let runs = [
    BenchmarkRun(regretCurve: [1, 0], costToTarget: 2, evaluations: 2),
    BenchmarkRun(regretCurve: [1, 1], costToTarget: nil, evaluations: 2),
  ]
  let result = BenchmarkResult(problems: ["t"], methods: ["m"], budget: 2, seeds: 2, runs: [[runs]])
  let s = result.summary(method: 0)
  #expect(s.costToTarget == 2)
  #expect(s.reachedTarget == 0.5)
  #expect(s.regretCurve == [1, 0.5])
  #expect(s.averageRank == 1)
}
