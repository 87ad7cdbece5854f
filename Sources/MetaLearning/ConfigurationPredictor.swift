import Linalg
import Search

/// Predicts a good configuration for a new task from its features: one regressor per encoded
/// hyperparameter column, each trained on (task features → that column of the task's best
/// configuration) over the training tasks, the predicted vector decoded by the search space.
///
/// The regressors are random forests (``ForestMetaRegressor``: imputation and indicators
/// included); with one row per training task, a few dozen rows are typical.
public struct ConfigurationPredictor: Sendable, Codable {
  /// The space the configurations are encoded and decoded with.
  public let space: SearchSpace
  /// One regressor per encoded column (``Search/SearchSpace/encodedNames``).
  public let regressors: [ForestMetaRegressor]

  /// Trains on the best configuration of each task of `data`.
  ///
  /// - Parameters:
  ///   - data: a meta-dataset built with `space`.
  ///   - space: its search space.
  ///   - settings: the forests' settings (default: scikit-learn's, 100 trees).
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the layout does not fit `space` or
  ///   there are fewer than 2 tasks.
  public init(
    training data: MetaDataset, space: SearchSpace, settings: ForestMetaRegressor.Settings = .init()
  ) throws(MetaLearningError) {
    let best = try data.bestConfigurations(space: space)
    guard best.count >= 2 else {
      throw .invalidInput("a configuration predictor needs at least 2 training tasks, got \(best.count)")
    }
    let f = best[0].features.count
    let x = Matrix<Double>(rows: best.count, columns: f, storage: best.flatMap(\.features))
    var regressors: [ForestMetaRegressor] = []
    for j in 0..<space.encodedDimension {
      var s = settings
      s.seed = settings.seed &+ UInt64(j)
      regressors.append(try ForestMetaRegressor(fitting: x, best.map { $0.encodedConfiguration[j] }, settings: s))
    }
    self.space = space
    self.regressors = regressors
  }

  /// The predicted configuration for a task with `taskFeatures` (training table order, NaN where undefined).
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the feature count differs from training.
  public func predict(taskFeatures: [Double]) throws(MetaLearningError) -> Configuration {
    let row = Matrix<Double>(rows: 1, columns: taskFeatures.count, storage: taskFeatures)
    var vector: [Double] = []
    for r in regressors { vector.append(try r.predict(row)[0].mean) }
    do {
      return try space.decode(vector)
    } catch {
      throw .invalidInput("decoding the predicted configuration: \(error)")
    }
  }
}
