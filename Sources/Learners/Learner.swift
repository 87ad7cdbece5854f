import Datasets
import Linalg
import Search

/// One point of a learning curve: the state after an epoch (networks) or a stage of training.
public struct LearningCurvePoint: Sendable, Equatable, Codable {
  /// 1-based epoch (or stage) number.
  public var epoch: Int
  /// Mean training loss over the epoch's minibatches.
  public var trainLoss: Double
  /// Loss on the monitoring rows (the held-out fold in cross-validation), if any.
  public var validationLoss: Double?
  /// Accuracy on the monitoring rows, in [0, 1], if any.
  public var validationAccuracy: Double?
  /// Mean L2 norm of the minibatch gradients.
  public var gradientNorm: Double
  /// Learning rate used in the epoch.
  public var learningRate: Double
  /// Wall time of the epoch in seconds.
  public var seconds: Double

  /// A point with the given values (for curves built outside a learner, e.g. by tests and probes).
  public init(
    epoch: Int, trainLoss: Double, validationLoss: Double?, validationAccuracy: Double?, gradientNorm: Double,
    learningRate: Double, seconds: Double
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.gradientNorm = gradientNorm
    self.learningRate = learningRate
    self.seconds = seconds
  }

  enum CodingKeys: String, CodingKey {
    case epoch, seconds
    case trainLoss = "train_loss"
    case validationLoss = "validation_loss"
    case validationAccuracy = "validation_accuracy"
    case gradientNorm = "gradient_norm"
    case learningRate = "learning_rate"
  }
}

/// A model whose hyperparameters are tuned: its name, default search space and training.
///
/// Learners see a numeric matrix: the ``Pipeline`` imputes, one-hot encodes and (when
/// ``needsStandardization``) standardises the data, fitted on the training rows only, and draws
/// the budget's data fraction before calling ``fit(_:_:classCount:config:budget:seed:monitor:)``.
/// Hyperparameters use scikit-learn's names (`n_estimators`, `C`, `learning_rate_init`).
public protocol Learner: Sendable {
  /// The command-line name (`random_forest`, `svm`, `mlp`, …).
  var name: String { get }
  /// The default search space; its default configuration equals scikit-learn's defaults.
  var searchSpace: SearchSpace { get }
  /// Whether the default preprocessing standardises features (scale-sensitive learners).
  var needsStandardization: Bool { get }
  /// What the learner's iterations are (epochs, trees), or nil when it has none.
  var iterationKind: Resource.Kind? { get }

  /// Trains on `x` (rows × features, no NaN) and class indices `y`.
  ///
  /// - Parameters:
  ///   - x: preprocessed features.
  ///   - y: class indices in `0..<classCount`.
  ///   - classCount: number of classes (≥ 2 for most learners).
  ///   - config: a complete configuration of ``searchSpace`` (the pipeline fills defaults).
  ///   - budget: the iteration fraction to honour (the data fraction is applied by the pipeline).
  ///   - seed: seed of every random choice.
  ///   - monitor: rows to report validation loss and accuracy on, per epoch (never trained on).
  /// - Throws: ``LearnerError`` naming the hyperparameter or data at fault.
  func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel
}

/// A fitted model.
public protocol TrainedModel: Sendable {
  /// Predicted class indices, one per row of `x` (preprocessed like the training data).
  func predict(_ x: Matrix<Double>) throws(LearnerError) -> [Int]
  /// The learning curve seen while training (empty for learners without epochs).
  var learningCurve: [LearningCurvePoint] { get }
}

extension TrainedModel {
  /// Networks override this; other learners have no curve.
  public var learningCurve: [LearningCurvePoint] { [] }
}
