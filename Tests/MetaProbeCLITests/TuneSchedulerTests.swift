import Foundation
import Testing

/// `metaprobe tune --scheduler sh|bohb` (synchronous brackets) and `--trial-timeout` with a real learner.
@Suite struct TuneSchedulerTests {
  /// A decision tree on iris over the data fraction, levels 1/9, 1/3, 1 (η = 3).
  static let tree = [
    "tune", "iris", "--learner", "decision_tree", "--sampler", "random", "--cv", "3", "--seed", "2",
  ]

  /// How many trials hold 1, 2 and 3 intermediate values.
  static func levelCounts(_ study: [String: Any]) -> [Int] {
    let counts = TuneCommandTests.trials(study).map { ($0["intermediate_values"] as? [String: Any])?.count ?? 0 }
    return (1...3).map { k in counts.filter { $0 == k }.count }
  }

  /// sh with 9 trials is one bracket: 9 at 1/9 → ⌊9/3⌋ = 3 at 1/3 → 1 at 1, so 6 trials stop
  /// after one level, 2 after two (all 8 PRUNED), 1 completes.
  @Test func synchronousSuccessiveHalvingRunsOneBracketOfNine() throws {
    let (dir, url, _) = try TuneCommandTests.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try metaprobe(Self.tree + ["--scheduler", "sh", "--trials", "9", "--jobs", "2", "--storage", url, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let study = try #require(try run.json() as? [String: Any])
    #expect((study["counts"] as? [String: Int])?.filter { $0.value > 0 } == ["COMPLETE": 1, "PRUNED": 8])
    #expect(Self.levelCounts(study) == [6, 2, 1])
  }

  /// bohb with 15 trials runs HpBandSter's brackets for R = 9: 9 → 3 → 1, 3 → 1, 3, so 5
  /// complete; stopped after 9 and resumed to 15, it runs the same brackets.
  @Test func bohbRunsHyperbandBracketsAndResumesWithTheNextBracket() throws {
    let (dir, url, _) = try TuneCommandTests.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = try metaprobe(Self.tree + ["--scheduler", "bohb", "--trials", "9", "--storage", url])
    #expect(first.status == 0, "\(first.stderr)")
    let run = try metaprobe(Self.tree + ["--scheduler", "bohb", "--trials", "15", "--storage", url, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let study = try #require(try run.json() as? [String: Any])
    #expect((study["counts"] as? [String: Int])?.filter { $0.value > 0 } == ["COMPLETE": 5, "PRUNED": 10])
    // One level: 6 + 2 (bracket s = 1's rung 0) + 3 (s = 0); two: 2 + 1; three: 1.
    #expect(Self.levelCounts(study) == [11, 3, 1])
    let complete = TuneCommandTests.trials(study).filter { $0["state"] as? String == "COMPLETE" }
    #expect(complete.allSatisfy { $0["resource"] as? Double == 1 })
  }

  /// An MLP with a 0.5 s trial timeout stops between epochs; the trial is FAIL with the reason
  /// and the next trial still runs.
  ///
  /// The network is sized so that no machine finishes it near the limit: four hidden layers of
  /// 1024 units for 10 000 epochs are about 14 TFLOP per fold (minutes even at a teraflop), while
  /// one epoch is about 1.4 GFLOP, so the timeout is reached between epochs, never after the
  /// training has ended (a faster host finished the earlier 5000-epoch default-width MLP in time).
  @Test(.timeLimit(.minutes(5)))
  func trialTimeoutStopsAnMLPAndRecordsFail() throws {
    let (dir, url, _) = try TuneCommandTests.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try metaprobe(
      "tune", "iris", "--learner", "mlp", "--sampler", "random", "--cv", "2", "--trials", "2",
      "--set", "n_layers=4", "--set", "width=1024", "--set", "max_iter=10000", "--set", "n_iter_no_change=10000",
      "--set", "batch_size=75", "--trial-timeout", "0.5",
      "--storage", url, "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let study = try #require(try run.json() as? [String: Any])
    let trials = TuneCommandTests.trials(study)
    #expect(trials.count == 2)
    for t in trials {
      #expect(t["state"] as? String == "FAIL")
      #expect((t["fail_reason"] as? String) == "timed out after 0.5 s", "\(t)")
    }
  }
}
