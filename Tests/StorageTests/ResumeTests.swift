import Foundation
import GRDB
import Search
import Testing

@testable import Storage

/// A run killed mid-study (SIGKILL: no tell, no cleanup) and resumed on the same file.
@Suite struct ResumeTests {
  /// Writes a study as a killed process leaves it: `complete` COMPLETE trials, then `running`
  /// trials left RUNNING, through a storage instance that is then dropped.
  func crashedRun(path: String, complete: Int, running: Int) async throws -> [Trial] {
    let storage = try SQLiteStorage(path: path)
    let study = try await Study(
      name: "crash", space: mixedSpace(), sampler: RandomSampler(seed: 5), pruner: NopPruner(),
      storage: storage)
    for _ in 0..<complete {
      let t = try await study.ask()
      try await study.tell(t.number, value: Double(t.number))
    }
    var left: [Trial] = []
    for _ in 0..<running { left.append(try await study.ask()) }
    return left
  }

  @Test func staleTrialsAreFailedWithTheReasonAndReenqueued() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("crash.db").path
    let left = try await crashedRun(path: path, complete: 3, running: 2)
    let storage = try SQLiteStorage(path: path)
    let stale = try await storage.failStaleTrials(studyName: "crash", reason: "killed (test)")
    #expect(stale.map(\.number) == left.map(\.number))
    #expect(stale.map(\.params) == left.map(\.params))
    #expect(stale.map(\.retryNumber) == [5, 6])
    let trials = try await storage.trials(studyName: "crash")
    #expect(trials.count == 7)
    for t in left {
      #expect(trials[t.number].state == .fail && trials[t.number].failReason == "killed (test)")
      #expect(trials[t.number].completeDate != nil)
    }
    for (i, t) in left.enumerated() {
      let retry = trials[5 + i]
      #expect(retry.state == .waiting && retry.params == t.params)
      #expect(retry.systemAttributes["retry_of"] == .number(Double(t.number)))
    }
    // Nothing is stale any more.
    #expect(try await storage.failStaleTrials(studyName: "crash").isEmpty)
  }

  @Test func aGracePeriodSparesTrialsWithAFreshHeartbeat() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("beat.db").path
    let left = try await crashedRun(path: path, complete: 1, running: 2)
    let storage = try SQLiteStorage(path: path)
    let s = try #require(try await storage.study(named: "crash"))
    try await storage.recordHeartbeat(studyID: s.id, number: left[0].number)
    // Trial 1 beat just now, trial 2 only started: with a one-hour grace neither is stale.
    #expect(try await storage.failStaleTrials(studyName: "crash", grace: .seconds(3600)).isEmpty)
    // Both started two hours ago (no sleeping in tests); trial 1 has a fresh heartbeat.
    let q = try DatabaseQueue(path: path)
    let old = TimestampFormat.string(from: Date().addingTimeInterval(-7200))
    try await q.write { db in try db.execute(sql: "UPDATE trials SET datetime_start = ?", arguments: [old]) }
    try q.close()
    let stale = try await storage.failStaleTrials(studyName: "crash", grace: .seconds(3600))
    #expect(stale.map(\.number) == [left[1].number])
  }

  @Test func aResumedStudyCompletesToNWithoutLosingOrDuplicatingCompleteTrials() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("resume.db").path
    let left = try await crashedRun(path: path, complete: 4, running: 2)
    let before = try await SQLiteStorage(path: path).trials(studyName: "crash")
    let storage = try SQLiteStorage(path: path)
    try await storage.failStaleTrials(studyName: "crash")
    let study = try await Study(
      name: "crash", space: mixedSpace(), sampler: RandomSampler(seed: 5), pruner: NopPruner(),
      storage: storage, loadIfExists: true)
    #expect(await study.finishedTrialCount == 4)
    let report = try await study.optimize(trials: 10, jobs: 2, showProgress: false) { ctx in
      Double(ctx.number)
    }
    #expect(report.stop == .reachedTrials)
    let after = try await storage.trials(studyName: "crash")
    let complete = after.filter { $0.state == .complete }
    #expect(complete.count == 10)
    // The 4 trials completed before the crash are unchanged; the 2 stale ones ran again first.
    for t in before where t.state == .complete {
      #expect(sameTrial(after[t.number], t))
    }
    let retried = after.filter { $0.systemAttributes["retry_of"] != nil }
    #expect(retried.map(\.params) == left.map(\.params))
    #expect(retried.allSatisfy { $0.state == .complete })
    #expect(Set(complete.map(\.number)).count == complete.count)
    #expect(after.filter { $0.state == .fail }.map(\.number) == left.map(\.number))
    // Resuming again to the same N runs nothing.
    let again = try await study.optimize(trials: 10, jobs: 2, showProgress: false) { _ in 0 }
    #expect(again.trials.isEmpty && again.finishedTrialCount == 10)
  }

  @Test func runningTrialsWriteHeartbeats() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("hb.db").path
    let storage = try SQLiteStorage(path: path)
    let study = try await Study(
      name: "hb", space: mixedSpace(), sampler: RandomSampler(seed: 1), pruner: NopPruner(),
      storage: storage)
    let reader = try DatabaseQueue(path: path)
    try await study.optimize(
      trials: 3, jobs: 2, heartbeatInterval: .milliseconds(10), showProgress: false
    ) { ctx in
      // Wait (bounded, never asserted on time) until this trial's heartbeat is in the file.
      for _ in 0..<1000 {
        let beats = try await reader.read { db in
          try Int.fetchOne(
            db,
            sql: "SELECT COUNT(*) FROM trial_heartbeats JOIN trials USING (trial_id) WHERE number = ?",
            arguments: [ctx.number]) ?? 0
        }
        if beats > 0 { return 1 }
        try await Task.sleep(for: .milliseconds(10))
      }
      return .nan
    }
    #expect(await study.trials.allSatisfy { $0.state == .complete })
  }
}
