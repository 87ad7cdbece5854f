import Linalg

/// The training matrix of a meta-model: one row per evaluation of a tuning log.
///
/// Row layout: the task's meta-features (raw, NaN where undefined), then the configuration
/// encoded by its search space (``Search/SearchSpace/encode(_:)``), then the resource level in
/// (0, 1]. Targets are oriented so that larger is better (a minimised objective is negated).
/// Scaling and imputation belong to the meta-model, which learns them on its training rows.
public struct MetaDataset: Sendable {
  /// The column names: task feature names, encoded parameter names, then `resource`.
  public var featureNames: [String]
  /// The rows, `featureNames.count` columns.
  public var x: Matrix<Double>
  /// The oriented objective of each row (larger is better).
  public var y: [Double]
  /// The task of each row, for grouped (leave-task-out) cross-validation.
  public var tasks: [String]

  /// A meta-dataset from its parts.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the counts disagree or a target is not finite.
  public init(featureNames: [String], x: Matrix<Double>, y: [Double], tasks: [String]) throws(MetaLearningError) {
    guard x.columns == featureNames.count, x.rows == y.count, y.count == tasks.count else {
      throw .invalidInput(
        "meta-dataset shape: \(x.rows)x\(x.columns) rows, \(featureNames.count) names, \(y.count) targets, \(tasks.count) tasks")
    }
    if let i = y.firstIndex(where: { !$0.isFinite }) {
      throw .invalidInput("meta-dataset row \(i) (task '\(tasks[i])'): target \(y[i]) is not finite")
    }
    self.featureNames = featureNames
    self.x = x
    self.y = y
    self.tasks = tasks
  }
}
