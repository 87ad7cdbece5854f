import Linalg
import Search

/// A candidate configuration with the meta-model's prediction for it.
public struct RankedConfiguration: Sendable, Hashable {
  /// The configuration.
  public var configuration: Configuration
  /// The predicted objective (larger is better) and its sd.
  public var prediction: ScorePrediction
}

/// Scores candidate configurations on a task with a meta-model and sorts them best first.
///
/// - Parameters:
///   - candidates: configurations of `space`.
///   - taskFeatures: the task's features, in the meta-model's training order (NaN where undefined).
///   - resource: the resource level to predict at, in (0, 1].
///   - space: the space the meta-model was trained with.
///   - model: the performance surrogate.
/// - Returns: the candidates sorted by predicted mean, descending (ties keep the input order).
/// - Throws: the model's ``MetaLearningError/invalidInput(_:)`` (a column-count mismatch).
public func rankCandidates(
  _ candidates: [Configuration], taskFeatures: [Double], resource: Double, space: SearchSpace, model: some MetaModel
) throws(MetaLearningError) -> [RankedConfiguration] {
  guard !candidates.isEmpty else { return [] }
  let rows = MetaDataset.queryRows(taskFeatures: taskFeatures, configurations: candidates, resource: resource, space: space)
  let predictions = try model.predict(rows)
  let order = candidates.indices.sorted {
    predictions[$0].mean != predictions[$1].mean ? predictions[$0].mean > predictions[$1].mean : $0 < $1
  }
  return order.map { RankedConfiguration(configuration: candidates[$0], prediction: predictions[$0]) }
}
