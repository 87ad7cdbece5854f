import Linalg

/// A predicted objective and its uncertainty, oriented so that larger is better.
public struct ScorePrediction: Sendable, Hashable, Codable {
  /// The predicted objective (larger is better).
  public var mean: Double
  /// The predictive standard deviation (0 when the model gives none), same unit as `mean`.
  public var sd: Double

  /// A prediction.
  public init(mean: Double, sd: Double) {
    self.mean = mean
    self.sd = sd
  }
}

/// A fitted performance surrogate: predicts the objective of meta-dataset rows (task features,
/// encoded configuration and resource level; see ``MetaDataset``).
public protocol MetaModel: Sendable {
  /// Predictions for each row of `rows` (columns as ``MetaDataset/featureNames``).
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the column count differs from the
  ///   training data's.
  func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction]
}
