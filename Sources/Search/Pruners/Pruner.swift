/// A pruner's verdict on a running trial, with the bookkeeping it wants stored on the trial.
public struct PruneDecision: Sendable, Hashable {
  /// Whether the trial should stop now.
  public var shouldPrune: Bool
  /// System attributes to write on the trial, such as Optuna's `completed_rung_k`.
  public var systemAttributes: [String: AttributeValue]

  /// A decision with optional attributes.
  public init(shouldPrune: Bool, systemAttributes: [String: AttributeValue] = [:]) {
    self.shouldPrune = shouldPrune
    self.systemAttributes = systemAttributes
  }
}

/// Decides from intermediate values whether a running trial should stop (Optuna's `BasePruner`).
///
/// Pruners are stateless values: whatever they must remember is returned as system attributes,
/// which the study writes through its storage, so pruning survives a resume.
public protocol Pruner: Sendable {
  /// The verdict on `trial` given every trial of the study.
  ///
  /// - Parameters:
  ///   - trial: the running trial, with its intermediate values.
  ///   - trials: all trials of the study (including `trial`).
  ///   - direction: the study's (single) direction.
  func decide(trial: Trial, trials: [Trial], direction: StudyDirection) -> PruneDecision
}

/// A pruner that never prunes (Optuna's `NopPruner`).
public struct NopPruner: Pruner {
  /// A pruner that never prunes.
  public init() {}
  /// Never prunes.
  public func decide(trial: Trial, trials: [Trial], direction: StudyDirection) -> PruneDecision {
    PruneDecision(shouldPrune: false)
  }
}
