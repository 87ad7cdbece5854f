import Forest
import Foundation
import Linalg
import Testing

/// Fit timing for scripts/bench_forest.py, which writes the data and compares with scikit-learn.
///
/// Runs only when `FOREST_BENCH_DATA` names the script's data file; prints
/// `BENCH <name> <nJobs> <wall s> <cpu s> <mean nodes per tree>` (best of the file's repeat count,
/// for nJobs 2 and 1) and asserts nothing about time.
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
      for jobs in [2, 1] {
        var bestWall = Double.infinity
        var bestCPU = Double.infinity
        var nodes = 0
        for _ in 0..<max(1, dataset.repeats) {
          var forest = RandomForest<Int>(nEstimators: 100, nJobs: jobs, seed: 0)
          let cpuStart = processCPUSeconds()
          let clock = ContinuousClock()
          let elapsed = try clock.measure { try forest.fit(x, dataset.y, classCount: classCount) }
          bestCPU = min(bestCPU, processCPUSeconds() - cpuStart)
          bestWall = min(bestWall, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
          nodes = forest.estimators.map(\.nodeCount).reduce(0, +) / forest.estimators.count
        }
        print("BENCH \(dataset.name) \(jobs) \(bestWall) \(bestCPU) \(nodes)")
      }
    }
  }
}

/// CPU seconds used by this process so far (all threads).
private func processCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
