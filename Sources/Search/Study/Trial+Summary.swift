extension Trial {
  /// The COMPLETE trial with the best value in `direction` among `trials` (ties go to the
  /// lowest number, that is the first in `trials`' order); nil when none has completed.
  public static func best(in trials: some Sequence<Trial>, direction: StudyDirection) -> Trial? {
    var best: Trial?
    for t in trials where t.state == .complete {
      guard let v = t.value else { continue }
      if let b = best?.value, !direction.isBetter(v, than: b) { continue }
      best = t
    }
    return best
  }

  /// The number of finished trials among `trials` that count towards a study's target.
  ///
  /// COMPLETE, PRUNED and FAIL trials count, except a FAIL trial that has been retried (some
  /// trial has system attribute `retry_of` = its number): its retry stands in for it. So a study
  /// resumed after a stale-trial repair (failed, retry enqueued) counts each configuration once.
  public static func countedFinished(in trials: [Trial]) -> Int {
    let retried = retriedNumbers(in: trials)
    return trials.filter { $0.state.isFinished && !($0.state == .fail && retried.contains($0.number)) }.count
  }

  /// The numbers of the trials that some trial retries (its `retry_of` system attribute).
  static func retriedNumbers(in trials: [Trial]) -> Set<Int> {
    Set(trials.compactMap { $0.systemAttributes["retry_of"]?.number.map { Int($0) } })
  }

  /// The number of trials in each state, every state present (zero when none), keyed by the
  /// state's raw value (`COMPLETE`, `PRUNED`, …).
  public static func stateCounts(in trials: some Sequence<Trial>) -> [String: Int] {
    var counts = Dictionary(uniqueKeysWithValues: TrialState.allCases.map { ($0.rawValue, 0) })
    for t in trials { counts[t.state.rawValue, default: 0] += 1 }
    return counts
  }
}
