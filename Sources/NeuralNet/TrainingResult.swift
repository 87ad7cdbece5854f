/// What ``Trainer`` reports after each epoch.
public struct EpochMetrics: Sendable, Equatable {
  /// The epoch number, 1-based (1 is the first epoch).
  public var epoch: Int
  /// The mean of the minibatch losses of this epoch (training mode, so with dropout); NaN or
  /// infinite if the epoch diverged.
  public var trainLoss: Float
  /// The validation loss at the end of the epoch (evaluation mode); `nil` without a validation set.
  public var validationLoss: Float?
  /// The validation accuracy in [0, 1] at the end of the epoch; `nil` without a validation set
  /// or for real-valued targets.
  public var validationAccuracy: Float?
  /// The mean over minibatches of the gradient's L2 norm ‖∇L‖₂ (before the optimizer step).
  public var gradientNorm: Float
  /// The learning rate used throughout the epoch.
  public var learningRate: Float
  /// Wall time of the epoch in seconds, validation included.
  public var seconds: Double
}

/// What the epoch callback asks the trainer to do next.
public enum TrainingControl: Sendable, Equatable {
  /// Go on to the next epoch.
  case `continue`
  /// Stop now (e.g. a pruner decided the trial is not promising).
  case stop
}

/// How training ended.
public enum TrainingOutcome: Sendable, Equatable {
  /// All epochs ran.
  case completed
  /// Early stopping fired after `epoch` (1-based): the monitored loss had not improved for
  /// `patience` epochs.
  case earlyStopped(epoch: Int)
  /// The callback returned ``TrainingControl/stop`` after `epoch`.
  case stopped(epoch: Int)
  /// A minibatch loss or gradient became NaN or infinite during `epoch`; training stopped
  /// before applying that step.
  case diverged(epoch: Int)
}

/// Early stopping on the validation loss (on the training loss when there is no validation set).
public struct EarlyStopping: Sendable, Equatable {
  /// Epochs without improvement tolerated before stopping, ≥ 1.
  public var patience: Int
  /// The decrease that counts as an improvement, ≥ 0 (default 0).
  public var minDelta: Float
  /// Whether to restore the parameters of the best epoch when stopping early (Keras
  /// `restore_best_weights`; default true).
  public var restoreBestParameters: Bool

  /// Creates an early-stopping rule.
  public init(patience: Int, minDelta: Float = 0, restoreBestParameters: Bool = true) {
    self.patience = patience
    self.minDelta = minDelta
    self.restoreBestParameters = restoreBestParameters
  }
}

/// The result of ``Trainer/fit(_:x:targets:validation:optimizer:onEpoch:)``.
public struct TrainingResult: Sendable, Equatable {
  /// One entry per epoch run (the diverged epoch included, with its non-finite loss).
  public var history: [EpochMetrics]
  /// How training ended.
  public var outcome: TrainingOutcome
  /// The network's parameters at the end (the best epoch's if early stopping restored them;
  /// those before the failing step if training diverged), in ``Network/parameters`` order.
  public var parameters: [Float]
}
