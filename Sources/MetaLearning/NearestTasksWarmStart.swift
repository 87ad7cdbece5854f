import Linalg
import Search

/// auto-sklearn's meta-learning warm start (Feurer et al. 2015; `autosklearn/metalearning`):
/// the best configurations of the training tasks nearest to the new task.
///
/// For a new task: meta-features the new task lacks (NaN) are dropped; NaN in the training
/// tasks is replaced by the column's mean over the tasks that have it (a column no training
/// task has is dropped); each column is min-max scaled over the training tasks as scikit-learn's
/// `MinMaxScaler` (a constant column keeps range 1, so it scales by `x − min`); the distance is
/// L1 (`minkowski, p=1`); the tasks are ranked by distance (ties by training order) and each
/// contributes its best configuration, duplicates skipped, until `count` are collected.
public struct NearestTasksWarmStart: Sendable, Codable {
  /// The space the configurations belong to.
  public let space: SearchSpace
  /// The training tasks: name, features, encoded best configuration and value.
  public let tasks: [TaskBest]

  /// The warm start over the best configurations of the tasks of `data`.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the layout does not fit `space`.
  public init(training data: MetaDataset, space: SearchSpace) throws(MetaLearningError) {
    self.init(space: space, tasks: try data.bestConfigurations(space: space))
  }

  /// The warm start over given task bests.
  public init(space: SearchSpace, tasks: [TaskBest]) {
    self.space = space
    self.tasks = tasks
  }

  /// The training tasks ordered by L1 distance to `taskFeatures` (nearest first), with distances.
  ///
  /// - Parameters:
  ///   - taskFeatures: the new task's features, training table order, NaN where undefined.
  ///   - excluding: a task to leave out (leave-one-task-out), or nil.
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the feature count differs from training.
  public func neighbours(of taskFeatures: [Double], excluding: String? = nil) throws(MetaLearningError) -> [(task: String, distance: Double)] {
    let base = tasks.filter { $0.task != excluding }
    guard let first = base.first else { return [] }
    guard taskFeatures.count == first.features.count else {
      throw .invalidInput("\(taskFeatures.count) task features, the warm start was built with \(first.features.count)")
    }
    var columns: [(values: [Double], target: Double)] = []
    for j in taskFeatures.indices where !taskFeatures[j].isNaN {
      let raw = base.map { $0.features[j] }
      let present = raw.filter { !$0.isNaN }
      guard !present.isEmpty else { continue }
      let mean = Statistics.mean(present)
      columns.append((raw.map { $0.isNaN ? mean : $0 }, taskFeatures[j]))
    }
    var distance = [Double](repeating: 0, count: base.count)
    for c in columns {
      let low = c.values.min() ?? 0
      let high = c.values.max() ?? 0
      let range = high - low > 0 ? high - low : 1
      let target = (c.target - low) / range
      for i in base.indices { distance[i] += abs((c.values[i] - low) / range - target) }
    }
    let order = base.indices.sorted { distance[$0] != distance[$1] ? distance[$0] < distance[$1] : $0 < $1 }
    return order.map { (base[$0].task, distance[$0]) }
  }

  /// The best configurations of the nearest tasks, nearest first, without duplicates.
  ///
  /// - Parameters:
  ///   - taskFeatures: the new task's features, training table order, NaN where undefined.
  ///   - count: how many configurations at most (auto-sklearn uses 25).
  ///   - excluding: a task to leave out, or nil.
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` for a feature-count mismatch or a best
  ///   configuration that does not decode.
  public func configurations(for taskFeatures: [Double], count: Int, excluding: String? = nil) throws(MetaLearningError) -> [Configuration] {
    var out: [Configuration] = []
    var seen = Set<Configuration>()
    for n in try neighbours(of: taskFeatures, excluding: excluding) where out.count < count {
      guard let best = tasks.first(where: { $0.task == n.task }) else { continue }
      let config: Configuration
      do {
        config = try space.decode(best.encodedConfiguration)
      } catch {
        throw .invalidInput("task '\(n.task)': best configuration does not decode: \(error)")
      }
      if seen.insert(config).inserted { out.append(config) }
    }
    return out
  }
}
