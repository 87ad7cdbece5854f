import Foundation
import GRDB
import Search
import Testing

@testable import Storage

/// A real worker process killed with SIGKILL mid-run, then resumed on the same SQLite file.
///
/// The worker is this test binary run again with a filter selecting
/// ``killableWorkerChildProcess()``, which does its work only when the environment names a
/// database (in an ordinary run it returns at once).
@Suite struct KillResumeTests {
  static let databaseVariable = "METAPROBE_KILL_TEST_DB"
  static func space() throws -> SearchSpace { try mixedSpace() }

  @Test func killableWorkerChildProcess() async throws {
    guard let path = ProcessInfo.processInfo.environment[Self.databaseVariable] else { return }
    let study = try await Study(
      name: "killed", space: Self.space(), sampler: RandomSampler(seed: 8), pruner: NopPruner(),
      storage: try SQLiteStorage(path: path), loadIfExists: true)
    try await study.optimize(trials: 10_000, jobs: 2, showProgress: false) { ctx in
      try await Task.sleep(for: .milliseconds(20))
      return Double(ctx.number)
    }
  }

  func completeCount(_ path: String) -> Int {
    guard FileManager.default.fileExists(atPath: path),
      let q = try? DatabaseQueue(
        path: path,
        configuration: {
          var c = GRDB.Configuration()
          c.readonly = true
          return c
        }())
    else { return 0 }
    defer { try? q.close() }
    return
      (try? q.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials WHERE state = 'COMPLETE'")
      }) ?? 0
  }

  @Test func aWorkerKilledWithSIGKILLResumesToNWithoutLosingCompleteTrials() async throws {
    let binary = ProcessInfo.processInfo.arguments[0]
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      Issue.record("cannot find the test binary at \(binary)")
      return
    }
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("killed.db").path
    let child = Process()
    child.executableURL = URL(fileURLWithPath: binary)
    child.arguments = [
      "--testing-library", "swift-testing", "--filter", "killableWorkerChildProcess",
    ]
    var env = ProcessInfo.processInfo.environment
    env[Self.databaseVariable] = path
    child.environment = env
    child.standardOutput = FileHandle.nullDevice
    child.standardError = FileHandle.nullDevice
    try child.run()
    // Wait (bounded, never asserted on time) until the worker has completed a few trials.
    for _ in 0..<1200 where completeCount(path) < 4 && child.isRunning {
      try await Task.sleep(for: .milliseconds(50))
    }
    let reached = completeCount(path)
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    try #require(reached >= 4, "the worker completed \(reached) trials before the kill")

    let storage = try SQLiteStorage(path: path)
    let before = try await storage.trials(studyName: "killed")
    let completeBefore = before.filter { $0.state == .complete }
    let runningBefore = before.filter { $0.state == .running }
    let stale = try await storage.failStaleTrials(studyName: "killed")
    #expect(stale.map(\.number) == runningBefore.map(\.number))
    let target = completeBefore.count + 6
    let study = try await Study(
      name: "killed", space: Self.space(), sampler: RandomSampler(seed: 9), pruner: NopPruner(),
      storage: storage, loadIfExists: true)
    let report = try await study.optimize(trials: target, jobs: 2, showProgress: false) { ctx in
      Double(ctx.number)
    }
    #expect(report.stop == .reachedTrials)
    let after = try await storage.trials(studyName: "killed")
    let completeAfter = after.filter { $0.state == .complete }
    #expect(completeAfter.count == target)
    for t in completeBefore { #expect(sameTrial(after[t.number], t)) }
    #expect(after.map(\.number) == Array(0..<after.count))
    #expect(!after.contains { $0.state == .running || $0.state == .waiting })
    // Each stale configuration ran again exactly once, as a retry.
    for s in stale {
      let retries = after.filter { $0.systemAttributes["retry_of"] == .number(Double(s.number)) }
      #expect(retries.count == 1 && retries.first?.state == .complete)
    }
  }
}
