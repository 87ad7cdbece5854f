import Linalg
import Search

/// One training task's best configuration at its highest resource level, read from a meta-dataset.
public struct TaskBest: Sendable, Codable, Equatable {
  /// The task.
  public var task: String
  /// The task's features (NaN where undefined).
  public var features: [Double]
  /// The best configuration, encoded by the search space.
  public var encodedConfiguration: [Double]
  /// Its value (larger is better), averaged over identical rows.
  public var value: Double

  /// A task's best configuration; see each property.
  public init(task: String, features: [Double], encodedConfiguration: [Double], value: Double) {
    self.task = task
    self.features = features
    self.encodedConfiguration = encodedConfiguration
    self.value = value
  }
}

extension MetaDataset {
  /// The distinct rows of `task` at the task's highest resource level, with their mean target
  /// (several seeds of the same configuration are averaged), in order of first appearance.
  ///
  /// - Returns: row indices (the first of each group), row vectors and mean targets; empty when
  ///   the task has no row.
  public func highestResourceRows(of task: String) -> [(row: Int, x: [Double], y: Double)] {
    let resourceColumn = x.columns - 1
    let rows = tasks.indices.filter { tasks[$0] == task }
    guard let top = rows.map({ x[$0, resourceColumn] }).max() else { return [] }
    var order: [[Double]] = []
    var groups: [[Double]: (row: Int, sum: Double, count: Int)] = [:]
    for i in rows where x[i, resourceColumn] == top {
      // NaN is never equal to itself: key rows on a NaN-free copy.
      let key = x.row(i).map { $0.isNaN ? Double.infinity : $0 }
      if let g = groups[key] {
        groups[key] = (g.row, g.sum + y[i], g.count + 1)
      } else {
        groups[key] = (i, y[i], 1)
        order.append(key)
      }
    }
    return order.compactMap { key in
      groups[key].map { g in (g.row, x.row(g.row), g.sum / Double(g.count)) }
    }
  }

  /// The distinct tasks in order of first appearance.
  public var taskNames: [String] {
    var seen = Set<String>()
    return tasks.filter { seen.insert($0).inserted }
  }

  /// Each task's best configuration at its highest resource level (ties: first row).
  ///
  /// - Parameter space: the space the rows were encoded with (fixes the column layout).
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the column count does not fit `space`.
  public func bestConfigurations(space: SearchSpace) throws(MetaLearningError) -> [TaskBest] {
    let d = space.encodedDimension
    let f = x.columns - d - 1
    guard f >= 0 else {
      throw .invalidInput("meta-dataset has \(x.columns) columns, too few for \(d) encoded parameters and the resource")
    }
    return taskNames.compactMap { task in
      let rows = highestResourceRows(of: task)
      guard var best = rows.first else { return nil }
      for r in rows.dropFirst() where r.y > best.y { best = r }
      return TaskBest(
        task: task, features: Array(best.x[0..<f]), encodedConfiguration: Array(best.x[f..<(f + d)]), value: best.y)
    }
  }
}
