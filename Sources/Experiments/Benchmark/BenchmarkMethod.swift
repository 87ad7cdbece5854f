import Storage

/// A hyperparameter-optimisation method that the leave-one-task-out benchmark runs on a table.
///
/// Baselines (``BaselineMethod``) use only the held-out task's table; meta-methods (`meta_sh`,
/// `zero_shot`, `nearest_tasks`, provided by `MetaLearning`) also read the context's prior
/// records and task features, which never include the held-out task's records.
public protocol BenchmarkMethod: Sendable {
  /// The method's report name (`random`, `tpe`, `meta_sh`, …).
  var name: String { get }
  /// Whether the method reads ``BenchmarkContext/taskFeatures`` (they are computed only then).
  var usesTaskFeatures: Bool { get }
  /// Runs the method on the held-out table within `budget`.
  ///
  /// - Parameters:
  ///   - task: the held-out task's look-up table (evaluate through a ``BenchmarkRecorder``).
  ///   - context: what a meta-method may learn from: the other tasks only.
  ///   - budget: in full-evaluation equivalents (an evaluation at resource r costs r), > 0.
  ///   - seed: the run's seed; the same seed gives the same trace.
  /// - Returns: the evaluations in the order made, within the budget.
  /// - Throws: `ExperimentsError.method` when the method cannot run.
  func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
}

extension BenchmarkMethod {
  /// Baselines ignore task features.
  public var usesTaskFeatures: Bool { false }
}

/// What a method may see besides the held-out table: the other tasks' records and the task
/// feature table.
///
/// Leave-one-task-out builds it without any record of the held-out task (of any learner).
/// Task features are per task and include the held-out task's row: a new task's meta-features
/// (or landmark scores) are what a meta-method starts from.
public struct BenchmarkContext: Sendable {
  /// The held-out task's name.
  public let heldOutTask: String
  /// Every record of the other tasks.
  public let priorRecords: [TuningLogRecord]
  /// The other tasks' look-up tables.
  public let priorProblems: [TabularTask]
  /// Features by task (NaN where unknown); empty when no method asked for them.
  public let taskFeatures: TaskFeatureTable

  /// A context; see each property.
  public init(
    heldOutTask: String, priorRecords: [TuningLogRecord], priorProblems: [TabularTask],
    taskFeatures: TaskFeatureTable
  ) {
    self.heldOutTask = heldOutTask
    self.priorRecords = priorRecords
    self.priorProblems = priorProblems
    self.taskFeatures = taskFeatures
  }
}

/// One evaluation of a method: a table configuration at a resource level.
public struct BenchmarkEvaluation: Sendable, Hashable {
  /// The configuration's index in the task's table.
  public var configuration: Int
  /// The level index in ``TabularTask/levels``.
  public var level: Int
  /// The resource level, in (0, 1] (the evaluation's cost).
  public var resource: Double
  /// The table value observed (NaN when the level was not logged for the configuration).
  public var value: Double
  /// The cumulative cost up to and including this evaluation, in full-evaluation equivalents.
  public var cost: Double

  /// An evaluation record; see each property.
  public init(configuration: Int, level: Int, resource: Double, value: Double, cost: Double) {
    self.configuration = configuration
    self.level = level
    self.resource = resource
    self.value = value
    self.cost = cost
  }
}

/// The evaluations of one run, in order.
public struct BenchmarkTrace: Sendable, Hashable {
  /// The evaluations, in the order made.
  public var evaluations: [BenchmarkEvaluation]

  /// A trace of the given evaluations.
  public init(evaluations: [BenchmarkEvaluation]) { self.evaluations = evaluations }
}

/// Evaluates table configurations for a method and charges them to the budget.
///
/// An evaluation at resource r costs r; it is refused (``evaluate(_:level:)`` returns nil)
/// when it would take the spent cost above the budget (with 1e-9 slack for rounding).
public struct BenchmarkRecorder: Sendable {
  /// The table evaluated.
  public let task: TabularTask
  /// The budget, in full-evaluation equivalents.
  public let budget: Double
  /// The evaluations so far.
  public private(set) var trace = BenchmarkTrace(evaluations: [])
  /// The cost spent so far.
  public private(set) var spent = 0.0
  /// Which configurations have been evaluated at any level.
  public private(set) var evaluated: [Bool]

  /// A recorder with nothing spent.
  public init(task: TabularTask, budget: Double) {
    self.task = task
    self.budget = budget
    evaluated = Array(repeating: false, count: task.count)
  }

  /// Whether an evaluation at level index `level` still fits the budget.
  public func fits(level: Int) -> Bool { spent + task.levels[level] <= budget + 1e-9 }

  /// Evaluates configuration `index` at level index `level` and returns its table value (NaN
  /// when not logged at that level), or nil when the evaluation does not fit the budget.
  public mutating func evaluate(_ index: Int, level: Int) -> Double? {
    guard fits(level: level) else { return nil }
    let r = task.levels[level]
    spent += r
    let v = task.value(index, level: level)
    evaluated[index] = true
    trace.evaluations.append(
      BenchmarkEvaluation(configuration: index, level: level, resource: r, value: v, cost: spent))
    return v
  }
}
