/// Thrown by an objective to end its trial as PRUNED (Optuna's `TrialPruned`).
///
/// ```swift
/// if try await context.shouldPrune() { throw TrialPruned() }
/// ```
public struct TrialPruned: Error, Sendable, CustomStringConvertible {
  /// A pruning signal.
  public init() {}
  public var description: String { "trial pruned" }
}

/// What an objective run by ``Study/optimize(trials:jobs:trialTimeout:studyTimeout:maxFailures:retries:callbacks:heartbeatInterval:showProgress:objective:)``
/// sees of its trial: the configuration, intermediate reports, pruning and cancellation.
///
/// Timeouts are cooperative: a timed-out trial's task is cancelled, but Swift cannot stop
/// CPU-bound code, so a long objective should call ``checkCancellation()`` (or test
/// ``isCancelled``) between epochs or folds; the trial is recorded FAIL ("timed out after …")
/// when the objective returns or throws.
public struct TrialContext: Sendable {
  /// The trial's number in its study.
  public let number: Int
  /// The configuration to evaluate.
  public let params: Configuration
  /// The study running the trial.
  public let study: Study

  /// A context for trial `number` of `study` (the engine makes these; tests may too).
  public init(number: Int, params: Configuration, study: Study) {
    self.number = number
    self.params = params
    self.study = study
  }

  /// Records an intermediate objective `value` at `resource` (epochs, data fraction, …), written
  /// to storage before it returns; a second report at the same resource is ignored.
  ///
  /// - Throws: `unsupported` for multi-objective studies, `trialFinished`, storage errors.
  public func report(_ value: Double, resource: Double) async throws(SearchError) {
    try await study.report(number: number, value: value, resource: resource)
  }

  /// Whether the study's pruner would stop this trial now; throw ``TrialPruned`` to stop it.
  ///
  /// - Throws: `unsupported` for multi-objective studies, storage errors.
  public func shouldPrune() async throws(SearchError) -> Bool {
    try await study.shouldPrune(number: number)
  }

  /// Sets a user attribute on the trial (exported as `user_attrs_<key>`).
  ///
  /// - Throws: storage errors.
  public func setUserAttribute(_ key: String, _ value: AttributeValue) async throws(SearchError) {
    try await study.setUserAttribute(number: number, key: key, value: value)
  }

  /// Whether the trial has been cancelled (its timeout passed, or the whole run was cancelled).
  public var isCancelled: Bool { Task.isCancelled }

  /// Throws `CancellationError` when the trial has been cancelled; call it between units of work.
  public func checkCancellation() throws(CancellationError) {
    if Task.isCancelled { throw CancellationError() }
  }
}
