import Foundation
import Search
import Testing

@testable import Storage

/// Two workers (two storages and two studies on one SQLite file) optimising one study at once.
@Suite struct MultiWorkerTests {
  @Test func twoWorkersShareTheTargetAndRunEachEnqueuedTrialOnce() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("workers.db").path
    let space = try mixedSpace()
    let setup = try await Study(
      name: "shared", space: space, sampler: RandomSampler(seed: 1), pruner: NopPruner(),
      storage: try SQLiteStorage(path: path))
    var enqueued: [Configuration] = []
    for i in 0..<4 {
      let c: Configuration = [
        "x": .float(Double(i)), "lr": .float(0.01), "layers": .int(2),
        "activation": .categorical("relu"),
      ]
      try await setup.enqueue(c)
      enqueued.append(c)
    }
    let target = 12
    let jobs = 2
    let reports = try await withThrowingTaskGroup(of: OptimizationReport.self) { group in
      for seed in [UInt64(10), 20] {
        group.addTask {
          let study = try await Study(
            name: "shared", space: space, sampler: RandomSampler(seed: seed), pruner: NopPruner(),
            storage: try SQLiteStorage(path: path), loadIfExists: true)
          return try await study.optimize(trials: target, jobs: jobs, showProgress: false) { ctx in
            try await Task.sleep(for: .milliseconds(5))
            return Double(ctx.number)
          }
        }
      }
      var all: [OptimizationReport] = []
      for try await r in group { all.append(r) }
      return all
    }
    let trials = try await SQLiteStorage(path: path).trials(studyName: "shared")
    let complete = trials.filter { $0.state == .complete }
    #expect(reports.allSatisfy { $0.stop == .reachedTrials })
    // The shared count reaches the target; each worker overshoots by at most the other's jobs.
    #expect(complete.count >= target && complete.count <= target + jobs)
    #expect(trials.map(\.number) == Array(0..<trials.count))
    #expect(!trials.contains { $0.state == .running || $0.state == .waiting })
    for c in enqueued {
      #expect(trials.filter { $0.params == c }.count == 1, "\(c) ran more than once")
    }
    #expect(reports.map(\.trials.count).reduce(0, +) == complete.count)
  }
}
