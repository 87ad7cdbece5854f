import Linalg

extension MetaDataset {
  /// At most `rowsPerTask` rows of each task, drawn without replacement by a seeded generator
  /// (row order kept); tasks with fewer rows keep them all.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when `rowsPerTask` < 1.
  public func subsample(rowsPerTask: Int, seed: UInt64) throws(MetaLearningError) -> MetaDataset {
    guard rowsPerTask >= 1 else { throw .invalidInput("rows per task must be ≥ 1, got \(rowsPerTask)") }
    var byTask: [String: [Int]] = [:]
    var order: [String] = []
    for (i, t) in tasks.enumerated() {
      if byTask[t] == nil { order.append(t) }
      byTask[t, default: []].append(i)
    }
    var generator = SeededGenerator(seed: seed)
    var keep: [Int] = []
    for t in order {
      let rows = byTask[t] ?? []
      if rows.count <= rowsPerTask {
        keep += rows
      } else {
        keep += generator.sample(rowsPerTask, from: rows.count).map { rows[$0] }
      }
    }
    keep.sort()
    return try MetaDataset(featureNames: featureNames, x: x.rows(keep), y: keep.map { y[$0] }, tasks: keep.map { tasks[$0] })
  }
}
