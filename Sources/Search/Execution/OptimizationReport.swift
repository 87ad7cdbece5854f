import Foundation
import Linalg

/// Called after each trial finishes in ``Study/optimize(trials:jobs:trialTimeout:studyTimeout:maxFailures:retries:callbacks:heartbeatInterval:showProgress:objective:)``, with the finished trial.
public typealias TrialCallback = @Sendable (Study, Trial) async -> Void

/// Why ``Study/optimize(trials:jobs:trialTimeout:studyTimeout:maxFailures:retries:callbacks:heartbeatInterval:showProgress:objective:)`` stopped.
public enum OptimizationStop: String, Sendable, Hashable {
  /// The study holds the requested number of finished trials.
  case reachedTrials
  /// The study timeout passed (trials already running were let finish).
  case studyTimeout
  /// `maxFailures` trials failed in this run.
  case maxFailures
  /// The sampler has nothing left to propose (an exhausted grid).
  case exhausted
  /// The task running the optimisation was cancelled.
  case cancelled
}

/// What one call of ``Study/optimize(trials:jobs:trialTimeout:studyTimeout:maxFailures:retries:callbacks:heartbeatInterval:showProgress:objective:)`` did.
public struct OptimizationReport: Sendable, Hashable {
  /// The trials finished by this call, in the order they finished.
  public var trials: [Trial]
  /// Why the call stopped.
  public var stop: OptimizationStop
  /// The study's finished-trial count at the end (see ``Study/finishedTrialCount``).
  public var finishedTrialCount: Int
}

extension Study {
  /// The number of finished trials that count towards `optimize(trials:)`'s target
  /// (``Trial/countedFinished(in:)``: a retried FAIL counts once, through its retry).
  public var finishedTrialCount: Int { Trial.countedFinished(in: cache) }

  var retriedNumbers: Set<Int> { Trial.retriedNumbers(in: cache) }

  /// How many retries led to `trial` (0 for a first attempt), following `retry_of` links.
  func retryDepth(of trial: Trial) -> Int {
    var depth = 0
    var current = trial
    while let n = current.systemAttributes["retry_of"]?.number.map({ Int($0) }),
      let previous = cache.first(where: { $0.number == n }), depth < cache.count
    {
      depth += 1
      current = previous
    }
    return depth
  }

  /// Enqueues a WAITING retry of a failed trial, with system attribute `retry_of`.
  func enqueueRetry(of trial: Trial) async throws(SearchError) {
    let w = try await storage.createTrial(
      studyID: id,
      Trial(
        state: .waiting, params: trial.params,
        systemAttributes: ["retry_of": .number(Double(trial.number))]))
    store(w)
  }
}
