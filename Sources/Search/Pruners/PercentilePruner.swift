import Linalg

/// Prunes a trial whose best intermediate value so far is worse than a percentile of the
/// completed trials' values at the same resource (Optuna's `PercentilePruner`).
///
/// With `p` the percentile (for maximisation, 100 − p), the trial at its last resource `s` is
/// pruned when `best(trial) > percentile_p{ v_t(s) : t completed, s reported }` (minimise; `<`
/// for maximise), provided at least `startupTrials` trials are complete, `s ≥ warmupSteps`, `s`
/// is the first report in its interval, and at least `minTrials` completed trials reported `s`.
/// The percentile is numpy's linear interpolation. A NaN best value prunes.
public struct PercentilePruner: Pruner {
  /// The percentile, 0…100.
  public var percentile: Double
  /// Completed trials needed before pruning starts (Optuna default 5).
  public var startupTrials: Int
  /// Resources below this are never pruned (Optuna default 0).
  public var warmupSteps: Double
  /// Pruning is checked once per interval of this length after the warm-up (default 1).
  public var intervalSteps: Double
  /// Completed trials that must have reported the resource (default 1).
  public var minTrials: Int

  /// A percentile pruner with Optuna's defaults for the other settings.
  public init(
    percentile: Double, startupTrials: Int = 5, warmupSteps: Double = 0, intervalSteps: Double = 1,
    minTrials: Int = 1
  ) {
    precondition(percentile >= 0 && percentile <= 100, "percentile must be in [0, 100]")
    precondition(intervalSteps > 0, "intervalSteps must be positive")
    self.percentile = percentile
    self.startupTrials = startupTrials
    self.warmupSteps = warmupSteps
    self.intervalSteps = intervalSteps
    self.minTrials = minTrials
  }

  /// The verdict on `trial`; see the type's discussion for the rule.
  public func decide(trial: Trial, trials: [Trial], direction: StudyDirection) -> PruneDecision {
    let no = PruneDecision(shouldPrune: false)
    let completed = trials.filter { $0.state == .complete }
    guard !completed.isEmpty, completed.count >= startupTrials else { return no }
    guard let step = trial.lastResource, step >= warmupSteps else { return no }
    // First report in its interval: the previous reported resource lies before the interval start.
    let intervalStart =
      ((step - warmupSteps) / intervalSteps).rounded(.down) * intervalSteps + warmupSteps
    let previous = trial.intermediateValues.keys.filter { $0 != step }.max() ?? -Double.infinity
    guard previous < intervalStart else { return no }
    let reported = trial.intermediateValues.values.filter { !$0.isNaN }
    guard !reported.isEmpty else { return PruneDecision(shouldPrune: true) }
    let best = direction == .minimize ? reported.min() ?? .nan : reported.max() ?? .nan
    let others = completed.compactMap { $0.intermediateValues[step] }.filter { !$0.isNaN }
    guard others.count >= minTrials, !others.isEmpty else { return no }
    let p = direction == .maximize ? 100 - percentile : percentile
    let threshold = Statistics.quantile(others, p / 100)
    return PruneDecision(shouldPrune: direction == .minimize ? best > threshold : best < threshold)
  }
}

/// Prunes a trial whose best intermediate value is worse than the median of the completed
/// trials' values at the same resource (Optuna's `MedianPruner`: a 50th-percentile pruner).
public struct MedianPruner: Pruner {
  private let base: PercentilePruner

  /// A median pruner; Optuna's defaults: 5 startup trials, no warm-up, interval 1.
  public init(
    startupTrials: Int = 5, warmupSteps: Double = 0, intervalSteps: Double = 1, minTrials: Int = 1
  ) {
    base = PercentilePruner(
      percentile: 50, startupTrials: startupTrials, warmupSteps: warmupSteps,
      intervalSteps: intervalSteps, minTrials: minTrials)
  }

  /// The verdict on `trial`; see the type's discussion for the rule.
  public func decide(trial: Trial, trials: [Trial], direction: StudyDirection) -> PruneDecision {
    base.decide(trial: trial, trials: trials, direction: direction)
  }
}
