import Linalg
import Search

/// A starting configuration proposed for a new task, with where it came from.
public struct SuggestedConfiguration: Sendable, Hashable {
  /// Where the candidate came from: `predicted` (configuration predictor), `nearest_task`
  /// (best configuration of a near training task) or `random` (a draw from the space).
  public var source: String
  /// The configuration and the surrogate's prediction at the highest training resource.
  public var ranked: RankedConfiguration
}

extension TrainedMetaModel {
  /// Starting configurations for a task: the configuration predictor's proposal, the best
  /// configurations of the `nearest` nearest training tasks and `randomCandidates` seeded draws
  /// from the space, deduplicated (first source kept), ranked by the surrogate at
  /// ``highestResource``; the best `count`.
  ///
  /// - Parameters:
  ///   - taskFeatures: the task's features in ``taskFeatureNames`` order (see ``taskFeatures(names:values:)``).
  ///   - count: how many to return (≥ 1).
  ///   - nearest: how many nearest-task configurations to add (default 10).
  ///   - randomCandidates: how many random draws to add (default 1000).
  ///   - seed: the seed of the random draws.
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` for a feature-count mismatch.
  public func suggestions(
    taskFeatures: [Double], count: Int, nearest: Int = 10, randomCandidates: Int = 1000, seed: UInt64 = 0
  ) throws(MetaLearningError) -> [SuggestedConfiguration] {
    guard taskFeatures.count == taskFeatureNames.count else {
      throw .invalidInput("\(taskFeatures.count) task features, the meta-model expects \(taskFeatureNames.count)")
    }
    var candidates: [Configuration] = []
    var sources: [Configuration: String] = [:]
    func add(_ c: Configuration, _ source: String) {
      if sources[c] == nil {
        sources[c] = source
        candidates.append(c)
      }
    }
    if let predictor = configurationPredictor { add(try predictor.predict(taskFeatures: taskFeatures), "predicted") }
    for c in try nearestTasks.configurations(for: taskFeatures, count: nearest) { add(c, "nearest_task") }
    var generator = SeededGenerator(seed: seed)
    for _ in 0..<Swift.max(0, randomCandidates) { add(space.sample(using: &generator), "random") }
    let ranked = try rankCandidates(
      candidates, taskFeatures: taskFeatures, resource: highestResource, space: space, model: surrogate)
    return ranked.prefix(Swift.max(1, count)).map { SuggestedConfiguration(source: sources[$0.configuration] ?? "random", ranked: $0) }
  }
}
