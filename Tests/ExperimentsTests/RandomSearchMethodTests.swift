import Experiments
import Foundation
import Testing

/// The exact expected regret of the best of k draws without replacement from n distinct values:
/// the i-th smallest (1-based) is the maximum with probability C(i−1, k−1)/C(n, k).
func expectedRegretOfBestDraw(_ regrets: [Double], values: [Double], k: Int) -> Double {
  let order = values.indices.sorted { values[$0] < values[$1] }
  func choose(_ n: Int, _ r: Int) -> Double {
    guard r >= 0, r <= n else { return 0 }
    var x = 1.0
    for j in 0..<r { x = x * Double(n - j) / Double(j + 1) }
    return x
  }
  let total = choose(values.count, k)
  return order.enumerated().reduce(0) { acc, item in acc + choose(item.offset, k - 1) / total * regrets[item.element] }
}

@Test func randomSearchMatchesOrderStatisticsClosedForm() async throws {
  // 20 configurations with distinct values (a fixed scramble of 1…20), maximised.
  let values = (0..<20).map { Double(($0 * 7) % 20 + 1) }
  let task = try TabularTask(records: tableRecords(configurations: 20, levels: [1]) { c, _ in values[c] })
  let regrets = (0..<20).map { task.regret(ofConfiguration: $0) }
  let seeds = 3000
  for k in [1, 3, 8] {
    var samples: [Double] = []
    for seed in 0..<seeds {
      let trace = try await RandomSearchMethod().run(task: task, context: emptyContext("t"), budget: Double(k), seed: UInt64(seed))
      #expect(trace.evaluations.count == k)
      #expect(Set(trace.evaluations.map(\.configuration)).count == k)  // without replacement
      samples.append(BenchmarkMetrics.regretCurve(of: trace, task: task, budget: k)[k - 1])
    }
    let mean = samples.reduce(0, +) / Double(seeds)
    let sd = sqrt(samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(seeds - 1))
    let exact = expectedRegretOfBestDraw(regrets, values: values, k: k)
    // Tolerance: 4 standard errors of the mean over the seeds.
    #expect(abs(mean - exact) <= 4 * sd / sqrt(Double(seeds)), "k=\(k): mean \(mean), exact \(exact)")
  }
}
