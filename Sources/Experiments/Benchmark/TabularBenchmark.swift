import Storage

/// A suite of look-up tables: one ``TabularTask`` per (task, learner) of a tuning log.
///
/// Problems are named by task, or `task:learner` when the log holds several learners; they are
/// ordered by task, then learner. The records are kept so leave-one-task-out can hand the other
/// tasks' records to meta-methods.
public struct TabularBenchmark: Sendable {
  /// Every record of the suite.
  public let records: [TuningLogRecord]
  /// The look-up tables, by task then learner.
  public let problems: [TabularTask]

  /// The tables of every (task, learner) in `records`.
  ///
  /// - Throws: `ExperimentsError.table` for a task whose records cannot form a table, and
  ///   `.invalidSetting` when `records` is empty.
  public init(records: [TuningLogRecord]) throws(ExperimentsError) {
    guard !records.isEmpty else { throw .invalidSetting("the tuning log holds no records") }
    let learners = Set(records.map(\.learner))
    var groups: [String: [String: [TuningLogRecord]]] = [:]
    for r in records { groups[r.task, default: [:]][r.learner, default: []].append(r) }
    var problems: [TabularTask] = []
    for task in groups.keys.sorted() {
      guard let byLearner = groups[task] else { continue }
      for learner in byLearner.keys.sorted() {
        guard let rs = byLearner[learner] else { continue }
        problems.append(try TabularTask(records: rs, name: learners.count > 1 ? "\(task):\(learner)" : task))
      }
    }
    self.records = records
    self.problems = problems
  }

  /// The distinct task names, sorted.
  public var tasks: [String] { Array(Set(problems.map(\.task))).sorted() }
}
