import MetaLearning

/// The benchmark's metrics on traces: incumbents, regret curves, cost to target, ranks.
///
/// **Incumbent rule.** After a prefix of a trace, the incumbent is the configuration with the
/// best observed value among the evaluations at the highest resource level observed so far
/// (NaN values are ignored; ties go to the earlier evaluation). Its regret is the
/// ``NormalisedRegret`` of its *true* value (its value at the table's highest level), so a
/// method is judged by what it would return, not by a lucky low-fidelity score.
public enum BenchmarkMetrics {
  /// The regret reported before any evaluation: 1, the regret of the median configuration.
  public static let regretWithoutEvaluation = 1.0

  /// The incumbent's configuration index after the evaluations of cumulative cost ≤ `cost`
  /// (with 1e-9 slack), or nil when there is none.
  public static func incumbent(of trace: BenchmarkTrace, task: TabularTask, atCost cost: Double = .infinity) -> Int? {
    var level = -1
    var best: (index: Int, value: Double)?
    for e in trace.evaluations where e.cost <= cost + 1e-9 && !e.value.isNaN {
      if e.level > level {
        level = e.level
        best = (e.configuration, e.value)
      } else if e.level == level, let b = best, task.direction.isBetter(e.value, than: b.value) {
        best = (e.configuration, e.value)
      }
    }
    return best?.index
  }

  /// The incumbent's normalised regret after each budget 1, 2, …, `budget` (full-evaluation
  /// equivalents); ``regretWithoutEvaluation`` before the first evaluation.
  public static func regretCurve(of trace: BenchmarkTrace, task: TabularTask, budget: Int) -> [Double] {
    (0..<max(budget, 0)).map { b in
      incumbent(of: trace, task: task, atCost: Double(b + 1)).map(task.regret(ofConfiguration:))
        ?? regretWithoutEvaluation
    }
  }

  /// The cumulative cost at which the incumbent's true value first comes within `tolerance`
  /// (relative) of the task's best: |best − incumbent| ≤ tolerance·|best|.
  ///
  /// - Returns: nil when the trace never gets there (the run is censored at its budget).
  public static func costToTarget(of trace: BenchmarkTrace, task: TabularTask, tolerance: Double = 0.01) -> Double? {
    let best = task.regret.best
    for e in trace.evaluations {
      guard let i = incumbent(of: trace, task: task, atCost: e.cost) else { continue }
      if abs(best - task.trueValue(i)) <= tolerance * abs(best) { return e.cost }
    }
    return nil
  }

  /// The average rank of each method (column) over blocks (rows, e.g. one per task and seed),
  /// ranking the methods' regrets within each block (lower regret, better rank; ties averaged;
  /// NaN last) with `RankCorrelation.averageRanks`.
  ///
  /// - Parameter regrets: one row per block, one column per method.
  public static func averageRanks(_ regrets: [[Double]]) -> [Double] {
    guard let width = regrets.first?.count, width > 0 else { return [] }
    var sums = [Double](repeating: 0, count: width)
    for row in regrets { for (j, r) in RankCorrelation.averageRanks(row).enumerated() { sums[j] += r } }
    return sums.map { $0 / Double(regrets.count) }
  }
}
