import Foundation
import Linalg
import Testing

@testable import Search

/// What the objectives of these tests saw, shared across their concurrent calls.
actor Observations {
  var intervals: [Int: (start: ContinuousClock.Instant, end: ContinuousClock.Instant)] = [:]
  var running = 0
  var maxRunning = 0
  var blasThreads: [Int] = []

  func begin(_ n: Int) -> ContinuousClock.Instant {
    running += 1
    maxRunning = max(maxRunning, running)
    blasThreads.append(BLASThreads.count)
    return .now
  }

  func end(_ n: Int, since start: ContinuousClock.Instant) {
    running -= 1
    intervals[n] = (start, .now)
  }

  /// Whether two trials' [start, end] intervals overlap.
  var sawOverlap: Bool {
    let all = Array(intervals.values)
    for i in all.indices {
      for j in all.indices where j > i {
        if all[i].start < all[j].end && all[j].start < all[i].end { return true }
      }
    }
    return false
  }
}

/// Blocks the calling thread, as CPU-bound code does, ignoring task cancellation.
func blockThread(seconds: Double) { Thread.sleep(forTimeInterval: seconds) }

/// An error with a recognisable description.
struct Boom: Error, CustomStringConvertible {
  var description: String { "boom in the objective" }
}

@Suite(.serialized) struct ExecutionTests {
  static func study(storage: any StudyStorage = InMemoryStorage()) async throws -> Study {
    try await Study(
      name: "exec", space: SearchSpace(.float("x", -5, 5), .int("n", 1, 10)),
      sampler: RandomSampler(seed: 2), pruner: NopPruner(), storage: storage)
  }

  @Test func twoJobsRunTrialsConcurrentlyWithOneBLASThread() async throws {
    let study = try await Self.study()
    let seen = Observations()
    let report = try await study.optimize(trials: 6, jobs: 2, showProgress: false) { ctx in
      let start = await seen.begin(ctx.number)
      // Wait (at most 10 s, never asserted on) for a second trial to be running: with two jobs
      // it starts while this one waits; with one job at a time it never would.
      for _ in 0..<1000 where await seen.maxRunning < 2 { try await Task.sleep(for: .milliseconds(10)) }
      await seen.end(ctx.number, since: start)
      return Double(ctx.number)
    }
    #expect(report.trials.count == 6 && report.stop == .reachedTrials)
    #expect(await seen.sawOverlap)
    #expect(await seen.maxRunning == 2)
    #expect(await seen.blasThreads.allSatisfy { $0 == 1 })
    #expect(await study.trials.allSatisfy { $0.state == .complete })
  }

  @Test func failuresAreRecordedWithReasonsAndTheStudyGoesOn() async throws {
    let study = try await Self.study()
    let report = try await study.optimize(
      trials: 7, jobs: 2, trialTimeout: .seconds(1), showProgress: false
    ) { ctx in
      switch ctx.number {
      case 1: throw Boom()
      case 2: return .nan
      case 3:
        // Cooperative: Task.sleep throws when the timeout cancels the trial.
        try await Task.sleep(for: .seconds(60))
        return 0
      case 4:
        // Blocking and never checks (as CPU-bound code): the timeout is recorded when it returns.
        blockThread(seconds: 2)
        return 4
      case 5: throw TrialPruned()
      default: return Double(ctx.number)
      }
    }
    #expect(report.stop == .reachedTrials)
    let trials = await study.trials
    #expect(trials.count == 7)
    #expect(trials[1].state == .fail && trials[1].failReason == "boom in the objective")
    #expect(trials[2].state == .fail && trials[2].failReason == "the objective value nan is not finite")
    #expect(trials[3].state == .fail && trials[3].failReason == "timed out after 1 s")
    #expect(trials[4].state == .fail && trials[4].failReason == "timed out after 1 s")
    #expect(trials[5].state == .pruned)
    #expect([0, 6].allSatisfy { trials[$0].state == .complete })
  }

  @Test func maxFailuresStopsStartingTrials() async throws {
    let study = try await Self.study()
    let report = try await study.optimize(
      trials: 20, jobs: 1, maxFailures: 3, showProgress: false
    ) { _ in throw Boom() }
    #expect(report.stop == .maxFailures)
    #expect(report.trials.count == 3)
    #expect(await study.trials.allSatisfy { $0.state == .fail })
  }

  @Test func retriesReenqueueAFailedConfiguration() async throws {
    let study = try await Self.study()
    // Each configuration fails on its first attempt and succeeds on its retry.
    let report = try await study.optimize(trials: 3, jobs: 1, retries: 1, showProgress: false) {
      ctx in
      let t = try await ctx.study.trial(ctx.number)
      if t.systemAttributes["retry_of"] == nil { throw Boom() }
      return 1
    }
    let trials = await study.trials
    #expect(report.finishedTrialCount == 3)
    #expect(trials.map(\.state) == [.fail, .complete, .fail, .complete, .fail, .complete])
    for i in stride(from: 1, to: 6, by: 2) {
      #expect(trials[i].systemAttributes["retry_of"] == .number(Double(i - 1)))
      #expect(trials[i].params == trials[i - 1].params)
    }
    // Always failing with retries: 2 tries each configuration three times, then moves on.
    let other = try await Self.study()
    try await other.optimize(trials: 2, jobs: 2, retries: 2, showProgress: false) { _ in
      throw Boom()
    }
    let tries = await other.trials
    #expect(tries.count == 6 && tries.allSatisfy { $0.state == .fail })
    #expect(Set(tries.map(\.params)).count == 2)
  }

  @Test func trialsCountsFinishedTrialsSoAResumedStudyCompletesToN() async throws {
    let storage = InMemoryStorage()
    let first = try await Self.study(storage: storage)
    try await first.optimize(trials: 5, jobs: 2, showProgress: false) { _ in 1 }
    let resumed = try await Study(
      name: "exec", space: SearchSpace(.float("x", -5, 5), .int("n", 1, 10)),
      sampler: RandomSampler(seed: 2), pruner: NopPruner(), storage: storage, loadIfExists: true)
    let enqueued = try await resumed.enqueue(["x": .float(0.5), "n": .int(3)])
    let report = try await resumed.optimize(trials: 8, jobs: 2, showProgress: false) { _ in 2 }
    #expect(report.trials.count == 3)
    #expect(await resumed.trials.count == 8)
    #expect(report.trials.contains { $0.number == enqueued && $0.state == .complete })
    #expect(try await resumed.optimize(trials: 8, jobs: 2, showProgress: false) { _ in 3 }.trials.isEmpty)
  }

  @Test func callbacksSeeEachFinishedTrialAndContextReports() async throws {
    let study = try await Self.study()
    let seen = Observations()
    let report = try await study.optimize(
      trials: 4, jobs: 2, callbacks: [{ _, t in _ = await seen.begin(t.number) }],
      showProgress: false
    ) { ctx in
      try await ctx.report(5, resource: 1)
      try await ctx.setUserAttribute("seen", .bool(true))
      #expect(try await ctx.shouldPrune() == false)
      try ctx.checkCancellation()
      return 1
    }
    #expect(await seen.blasThreads.count == report.trials.count)
    for t in await study.trials {
      #expect(t.intermediateValues == [1: 5] && t.userAttributes["seen"] == .bool(true))
    }
  }

  @Test func studyTimeoutAndExhaustedGridStop() async throws {
    let study = try await Self.study()
    let r = try await study.optimize(
      trials: 10, jobs: 2, studyTimeout: .zero, showProgress: false
    ) { _ in 1 }
    #expect(r.stop == .studyTimeout && r.trials.isEmpty)
    let grid = try await Study(
      name: "g", space: SearchSpace(.categorical("c", ["a", "b"])),
      sampler: GridSampler(pointsPerNumeric: 2, seed: 0), pruner: NopPruner())
    let g = try await grid.optimize(trials: 5, jobs: 1, showProgress: false) { _ in 1 }
    #expect(g.stop == .exhausted && g.trials.count == 2)
  }

  @Test func cancellingTheRunFailsRunningTrialsAndStops() async throws {
    let study = try await Self.study()
    let seen = Observations()
    let run = Task {
      try await study.optimize(trials: 10, jobs: 2, showProgress: false) { ctx in
        _ = await seen.begin(ctx.number)
        try await Task.sleep(for: .seconds(60))
        return 0
      }
    }
    for _ in 0..<1000 where await seen.maxRunning < 2 { try await Task.sleep(for: .milliseconds(10)) }
    run.cancel()
    let report = try await run.value
    #expect(report.stop == .cancelled)
    let trials = await study.trials
    #expect(trials.count == 2 && trials.allSatisfy { $0.state == .fail && $0.failReason == "cancelled" })
  }

  @Test func badArgumentsAreRejected() async throws {
    let study = try await Self.study()
    await #expect(throws: SearchError.unsupported("jobs must be ≥ 1, got 0")) {
      try await study.optimize(trials: 1, jobs: 0, showProgress: false) { _ in 1 }
    }
    await #expect(throws: SearchError.unsupported("maxFailures must be ≥ 1, got 0")) {
      try await study.optimize(trials: 1, jobs: 1, maxFailures: 0, showProgress: false) { _ in 1 }
    }
  }

  @Test func theBLASScopeSetsOneThreadOnFirstEntryAndRestoresOnLastExit() {
    // The bookkeeping alone: OpenBLAS's count is process-global and other suites run at once.
    var s = ParallelBLASScope.State()
    #expect(s.enter(current: 4) == 1)
    #expect(s.enter(current: 1) == nil)
    #expect(s.exit() == nil)
    #expect(s.exit() == 4)
    #expect(s == ParallelBLASScope.State(depth: 0, saved: 4))
  }

  @Test func progressLineShowsDoneBestElapsedAndETA() {
    #expect(
      ProgressBar.line(done: 5, total: 10, best: 0.5, elapsed: 10)
        == "[############............] 5/10 trials  best 0.5  elapsed 0:10  ETA 0:10")
    #expect(ProgressBar.line(done: 0, total: 3, best: nil, elapsed: 0).hasSuffix("best -  elapsed 0:00  ETA -"))
    #expect(ProgressBar.clock(3725) == "1:02:05")
    #expect(TrialRunner.describe(.milliseconds(1500)) == "1.5 s")
    #expect(TrialRunner.describe(.seconds(30)) == "30 s")
  }
}
