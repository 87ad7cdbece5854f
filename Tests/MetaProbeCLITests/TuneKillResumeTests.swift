import Foundation
import Testing

/// The real `metaprobe tune` process killed with SIGKILL mid-study, then rerun to completion.
@Suite struct TuneKillResumeTests {
  static let total = 8

  static func arguments(_ url: String) -> [String] {
    [
      "tune", "breast_cancer", "--learner", "random_forest", "--sampler", "random", "--cv", "3",
      "--seed", "5", "--trials", "\(total)", "--study", "killed", "--storage", url,
      "--range", "n_estimators=150:300", "--set", "min_impurity_decrease=0",
    ]
  }

  /// The path of the built binary (as `metaprobe(...)` finds it).
  static func binary() throws -> URL {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("metaprobe") }
    return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
  }

  /// The study's trials as `studies show --json` reports them (empty before the study exists).
  static func trials(_ url: String) throws -> [[String: Any]] {
    let run = try metaprobe("studies", "show", "killed", "--storage", url, "--json")
    guard run.status == 0, let study = try? run.json() as? [String: Any] else { return [] }
    return TuneCommandTests.trials(study)
  }

  @Test func aKilledTuneResumesToNWithoutLosingCompleteTrials() throws {
    let (dir, url, _) = try TuneCommandTests.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let process = Process()
    process.executableURL = try Self.binary()
    process.arguments = Self.arguments(url)
    process.currentDirectoryURL = packageRoot
    var environment = ProcessInfo.processInfo.environment
    environment["METAPROBE_DATASETS"] = packageRoot.appendingPathComponent("datasets").path
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()

    var before: [[String: Any]] = []
    let deadline = Date().addingTimeInterval(600)
    while Date() < deadline, process.isRunning {
      before = try Self.trials(url)
      if before.filter({ $0["state"] as? String == "COMPLETE" }).count >= 2 { break }
      Thread.sleep(forTimeInterval: 0.2)
    }
    let wasRunning = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try #require(wasRunning, "the tune process ended before it could be killed")
    before = try Self.trials(url)
    let completeBefore = before.filter { $0["state"] as? String == "COMPLETE" }
    let runningBefore = before.filter { $0["state"] as? String == "RUNNING" }
    try #require(completeBefore.count >= 2)
    #expect(completeBefore.count < Self.total)

    let resumed = try metaprobe(Self.arguments(url) + ["--json"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let after = try Self.trials(url)
    let byNumber = Dictionary(uniqueKeysWithValues: after.compactMap { t in (t["number"] as? Int).map { ($0, t) } })
    let finished = after.filter { ["COMPLETE", "PRUNED", "FAIL"].contains($0["state"] as? String ?? "") }
    let failed = after.filter { $0["state"] as? String == "FAIL" }
    print(
      """
      kill-and-resume: before the kill \(completeBefore.count) COMPLETE, \(runningBefore.count) RUNNING \
      (numbers \(runningBefore.compactMap { $0["number"] as? Int })); after the rerun \(after.count) trials, \
      \(finished.count) finished (\(after.filter { $0["state"] as? String == "COMPLETE" }.count) COMPLETE, \
      \(failed.count) FAIL: \(failed.map { "#\($0["number"] ?? "?"): \($0["fail_reason"] ?? "")" }))
      """)

    // Exactly N finished trials, counted as the engine counts them: a stale FAIL whose
    // configuration was retried is stood in for by its retry.
    let retried = Set(after.compactMap { $0["retry_of"] as? Int })
    let counted = finished.filter { !($0["state"] as? String == "FAIL" && retried.contains($0["number"] as? Int ?? -1)) }
    print("kill-and-resume: \(counted.count) finished trials counted towards --trials \(Self.total)")
    #expect(counted.count == Self.total)
    #expect(finished.count == Self.total + runningBefore.count)
    #expect(after.allSatisfy { $0["state"] as? String != "RUNNING" && $0["state"] as? String != "WAITING" })
    // No COMPLETE trial lost: same number, value and params as before the kill.
    for t in completeBefore {
      let number = try #require(t["number"] as? Int)
      let now = try #require(byNumber[number], "trial \(number) lost")
      #expect(now["state"] as? String == "COMPLETE")
      #expect(now["value"] as? Double == t["value"] as? Double)
      #expect(TuneCommandTests.paramsKey(now) == TuneCommandTests.paramsKey(t))
    }
    // Trials left RUNNING are FAIL with the stale reason, and only they are FAIL.
    for t in runningBefore {
      let number = try #require(t["number"] as? Int)
      let now = try #require(byNumber[number])
      #expect(now["state"] as? String == "FAIL")
      #expect((now["fail_reason"] as? String)?.hasPrefix("stale") == true)
    }
    #expect(failed.count == runningBefore.count)
    // No configuration evaluated twice except each stale one, re-enqueued once.
    let staleKeys = runningBefore.map(TuneCommandTests.paramsKey)
    let evaluated = after.filter { $0["state"] as? String != "FAIL" }.map(TuneCommandTests.paramsKey)
    #expect(Set(evaluated).count == evaluated.count, "a configuration was evaluated twice")
    for key in staleKeys { #expect(evaluated.filter { $0 == key }.count == 1, "stale configuration not retried once") }
    for t in runningBefore {
      let number = t["number"] as? Int ?? -1
      let retry = after.filter { $0["retry_of"] as? Int == number }
      #expect(retry.count == 1)
      #expect(retry.first.map(TuneCommandTests.paramsKey) == TuneCommandTests.paramsKey(t))
    }
  }
}
