import Forest
import Foundation
import Linalg
import Testing

/// Fit timing for scripts/bench_forest.py, which writes the data and compares with scikit-learn.
///
/// Runs only when `FOREST_BENCH_DATA` names the script's data file; prints `BENCH <name> <seconds>`
/// (best of the file's repeat count) and asserts nothing about time.
@Suite struct BenchmarkTimingTests {
  struct BenchDataset: Decodable {
    let name: String
    let x: [[Double]]
    let y: [Int]
    let repeats: Int
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["FOREST_BENCH_DATA"] != nil))
  func fitTimingForBenchmarkScript() throws {
    let path = try #require(ProcessInfo.processInfo.environment["FOREST_BENCH_DATA"])
    let datasets = try JSONDecoder().decode([BenchDataset].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    for dataset in datasets {
      let x = Matrix(dataset.x)
      let classCount = (dataset.y.max() ?? 0) + 1
      var best = Double.infinity
      for _ in 0..<max(1, dataset.repeats) {
        var forest = RandomForest<Int>(nEstimators: 100, nJobs: 2, seed: 0)
        let clock = ContinuousClock()
        let elapsed = try clock.measure { try forest.fit(x, dataset.y, classCount: classCount) }
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
      }
      print("BENCH \(dataset.name) \(best)")
    }
  }
}
