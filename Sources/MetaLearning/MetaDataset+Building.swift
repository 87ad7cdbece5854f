import Linalg
import Search
import Storage

extension MetaDataset {
  /// The meta-dataset of a tuning log: one row per COMPLETE record with a finite value.
  ///
  /// Each row is the record's task features (from `features`, NaN where undefined), then
  /// `space.encode(record.params)`, then the record's resource; its target is the value,
  /// negated when the record's direction is `minimize`, so larger is always better. Records in
  /// any other state (PRUNED, FAIL) or without a finite value are skipped.
  ///
  /// - Parameters:
  ///   - records: the tuning log (any number of tasks; one learner is expected).
  ///   - space: the search space the configurations are encoded with (see
  ///     ``Search/SearchSpace/inferred(from:)`` when the log does not come with one).
  ///   - features: the task meta-features table.
  /// - Throws: ``MetaLearningError/missingTaskFeatures(task:)`` for the first task the table
  ///   lacks; ``MetaLearningError/invalidInput(_:)`` naming the record (index, task, number)
  ///   whose parameter is not in `space` or whose resource is outside (0, 1], or when no
  ///   usable record remains.
  public init(records: [TuningLogRecord], space: SearchSpace, features: TaskFeatureTable) throws(MetaLearningError) {
    var storage: [Double] = []
    var y: [Double] = []
    var tasks: [String] = []
    var taskRows: [String: [Double]] = [:]
    let width = features.names.count + space.encodedDimension + 1
    for (index, record) in records.enumerated() {
      guard record.state == .complete, let value = record.value, value.isFinite else { continue }
      guard let taskFeatures = taskRows[record.task] ?? features[record.task] else {
        throw .missingTaskFeatures(task: record.task)
      }
      taskRows[record.task] = taskFeatures
      if let unknown = record.params.names.first(where: { space.parameter(named: $0) == nil }) {
        throw .invalidInput(
          "record \(index) (task '\(record.task)', number \(record.number)): parameter '\(unknown)' is not in the search space")
      }
      guard record.resource > 0, record.resource <= 1 else {
        throw .invalidInput(
          "record \(index) (task '\(record.task)', number \(record.number)): resource \(record.resource) is outside (0, 1]")
      }
      storage.append(contentsOf: Self.row(taskFeatures: taskFeatures, configuration: record.params, resource: record.resource, space: space))
      y.append(record.direction == .minimize ? -value : value)
      tasks.append(record.task)
    }
    guard !y.isEmpty else { throw .invalidInput("the tuning log has no COMPLETE record with a finite value") }
    try self.init(
      featureNames: features.names + space.encodedNames + ["resource"],
      x: Matrix(rows: y.count, columns: width, storage: storage), y: y, tasks: tasks)
  }

  /// The query rows for one task: `taskFeatures`, each configuration encoded by `space`, and
  /// `resource`, in the column layout of ``init(records:space:features:)``.
  ///
  /// - Parameters:
  ///   - taskFeatures: the new task's features, in the order of the training table's names
  ///     (NaN where undefined).
  ///   - configurations: the candidate configurations of `space`.
  ///   - resource: the resource level in (0, 1] to predict at.
  ///   - space: the space the meta-model was trained with.
  /// - Returns: a `configurations.count × (taskFeatures.count + encodedDimension + 1)` matrix.
  public static func queryRows(
    taskFeatures: [Double], configurations: [Configuration], resource: Double, space: SearchSpace
  ) -> Matrix<Double> {
    let width = taskFeatures.count + space.encodedDimension + 1
    var storage: [Double] = []
    storage.reserveCapacity(width * configurations.count)
    for c in configurations {
      storage.append(contentsOf: row(taskFeatures: taskFeatures, configuration: c, resource: resource, space: space))
    }
    return Matrix(rows: configurations.count, columns: width, storage: storage)
  }

  private static func row(
    taskFeatures: [Double], configuration: Configuration, resource: Double, space: SearchSpace
  ) -> [Double] {
    taskFeatures + space.encode(configuration) + [resource]
  }
}
