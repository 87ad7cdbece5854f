import Linalg
import MetaLearning
import Search
import Storage

/// The prior knowledge a meta-method gets for one held-out task: a meta-dataset built from the
/// other tasks' evaluations of the same learner, and the held-out task's meta-features.
///
/// To keep leave-one-task-out runs fast on tables of 30 000 configurations per task, at most
/// `configurationsPerTask` configurations per prior task are kept (all their resource levels), drawn
/// with a seeded generator; the task's best configuration at the highest level is always kept.
struct MetaPrior {
  let data: MetaDataset
  let space: SearchSpace
  let taskFeatures: [Double]

  init(task: TabularTask, context: BenchmarkContext, configurationsPerTask: Int, seed: UInt64, method: String)
    throws(ExperimentsError)
  {
    guard let features = context.taskFeatures[task.task] else {
      throw .method(name: method, task: task.task, reason: "the task meta-features table has no row for it")
    }
    var generator = SeededGenerator(seed: seed)
    var kept: [TuningLogRecord] = []
    for prior in context.priorProblems where prior.learner == task.learner {
      guard prior.task != context.heldOutTask else { continue }
      var numbers = Set<Int>()
      if prior.count > configurationsPerTask {
        for i in generator.sample(configurationsPerTask, from: prior.count) { numbers.insert(prior.numbers[i]) }
        let best = prior.trueValues.indices.max {
          let (a, b) = (prior.trueValue($0), prior.trueValue($1))
          return prior.direction == .maximize ? a < b : a > b
        }
        if let best { numbers.insert(prior.numbers[best]) }
      } else {
        numbers = Set(prior.numbers)
      }
      kept += context.priorRecords.filter { $0.task == prior.task && $0.learner == task.learner && numbers.contains($0.number) }
    }
    guard !kept.isEmpty else {
      throw .method(name: method, task: task.task, reason: "no other task of learner '\(task.learner)' to learn from")
    }
    do {
      data = try MetaDataset(records: kept, space: task.space, features: context.taskFeatures)
    } catch {
      throw .method(name: method, task: task.task, reason: "\(error)")
    }
    space = task.space
    taskFeatures = features
  }
}

/// The meta-model settings the benchmark's meta-methods share.
public struct MetaMethodSettings: Sendable, Hashable {
  /// The surrogate kind; default `forest` (the fastest to retrain between rounds).
  public var kind: MetaModelKind = .forest
  /// Configurations kept per prior task; default 500.
  public var configurationsPerTask = 500
  /// Trees of the forest surrogate; default 30.
  public var trees = 30
  /// Fraction of the columns each split of the forest considers; default 0.5.
  public var maxFeatures = 0.5
  /// Prior rows used to train, at most (spread evenly over the prior tasks); default 2000.
  public var maxPriorRows = 2000

  /// The defaults.
  public init() {}

  func fit(_ data: MetaDataset, seed: UInt64) throws(MetaLearningError) -> MetaRegressor {
    var forest = ForestMetaRegressor.Settings(seed: seed)
    forest.nEstimators = trees
    forest.maxFeatures = maxFeatures
    let taskCount = max(1, Set(data.tasks).count)
    let rows = try data.subsample(rowsPerTask: max(1, maxPriorRows / taskCount), seed: seed)
    return try MetaRegressor(fitting: kind, x: rows.x, y: rows.y, seed: seed, forest: forest)
  }
}

/// `zero_shot`: a meta-model trained on the other tasks ranks the held-out task's
/// configurations at the highest level; the best predicted one is evaluated once.
public struct ZeroShotMethod: BenchmarkMethod {
  /// `zero_shot`.
  public let name = "zero_shot"
  /// Needs task features.
  public var usesTaskFeatures: Bool { true }
  /// The meta-model settings.
  public var settings: MetaMethodSettings

  /// The method with `settings`.
  public init(settings: MetaMethodSettings = .init()) { self.settings = settings }

  /// See ``BenchmarkMethod/run(task:context:budget:seed:)``.
  public func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    let prior = try MetaPrior(
      task: task, context: context, configurationsPerTask: settings.configurationsPerTask, seed: seed, method: name)
    let top = task.levels.count - 1
    do {
      let model = try settings.fit(prior.data, seed: seed)
      let rows = MetaDataset.queryRows(
        taskFeatures: prior.taskFeatures, configurations: task.configurations, resource: task.topLevel, space: prior.space)
      let predictions = try model.predict(rows)
      var best = 0
      for i in predictions.indices where predictions[i].mean > predictions[best].mean { best = i }
      var recorder = BenchmarkRecorder(task: task, budget: budget)
      _ = recorder.evaluate(best, level: top)
      return recorder.trace
    } catch {
      throw .method(name: name, task: task.task, reason: "\(error)")
    }
  }
}

/// `nearest_tasks`: auto-sklearn's warm start. The other tasks are ranked by L1 distance of their
/// min-max-scaled meta-features; their best configurations are evaluated in that order, then
/// their second best, and so on (each snapped to the nearest unevaluated configuration of the
/// table), at the highest level until the budget is spent.
public struct NearestTasksMethod: BenchmarkMethod {
  /// `nearest_tasks`.
  public let name = "nearest_tasks"
  /// Needs task features.
  public var usesTaskFeatures: Bool { true }

  /// The method.
  public init() {}

  /// See ``BenchmarkMethod/run(task:context:budget:seed:)``.
  public func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    var recorder = BenchmarkRecorder(task: task, budget: budget)
    let top = task.levels.count - 1
    for i in try Self.order(task: task, context: context, count: Int(budget), method: name) {
      guard recorder.evaluate(i, level: top) != nil else { break }
    }
    return recorder.trace
  }

  /// The held-out task's configuration indices in warm-start order: the nearest task's best,
  /// the next nearest task's best, …, then their second best, and so on (each snapped to the
  /// nearest configuration of the table not already listed), at most `count`.
  ///
  /// - Throws: ``ExperimentsError/method(name:task:reason:)`` when a task lacks meta-features.
  static func order(task: TabularTask, context: BenchmarkContext, count: Int, method: String) throws(ExperimentsError) -> [Int] {
    guard let features = context.taskFeatures[task.task] else {
      throw .method(name: method, task: task.task, reason: "the task meta-features table has no row for it")
    }
    let priors = context.priorProblems.filter { $0.learner == task.learner && $0.task != context.heldOutTask }
    var bests: [TaskBest] = []
    var ranked: [String: [Int]] = [:]
    for p in priors {
      guard let f = context.taskFeatures[p.task] else {
        throw .method(name: method, task: p.task, reason: "the task meta-features table has no row for it")
      }
      let order = p.trueValues.indices.sorted {
        let (a, b) = (p.trueValue($0), p.trueValue($1))
        return a != b ? (p.direction == .maximize ? a > b : a < b) : $0 < $1
      }
      ranked[p.task] = Array(order.prefix(count + 1))
      bests.append(TaskBest(task: p.task, features: f, encodedConfiguration: [], value: p.trueValue(order[0])))
    }
    let neighbours: [(task: String, distance: Double)]
    do {
      neighbours = try NearestTasksWarmStart(space: task.space, tasks: bests).neighbours(of: features)
    } catch {
      throw .method(name: method, task: task.task, reason: "\(error)")
    }
    var listed = [Bool](repeating: false, count: task.count)
    var out: [Int] = []
    for depth in 0...max(count, 0) {
      for n in neighbours where out.count < count {
        guard let p = priors.first(where: { $0.task == n.task }), let list = ranked[n.task], depth < list.count,
          let i = task.nearest(to: p.configurations[list[depth]], excluding: listed)
        else { continue }
        listed[i] = true
        out.append(i)
      }
      if out.count >= count { break }
    }
    return out
  }
}

/// `meta_sh`: ``MetaLearning/MetaSuccessiveHalving`` on the table, with the other tasks'
/// evaluations as prior rows, the table's configurations as the candidate set, and the nearest
/// tasks' best configurations as half of round 0 (the other half: the prior meta-model's best
/// predictions, spread apart).
///
/// Levels: from the run's default minimum (0.1) up to the table's highest level with η = 2
/// (0.125, 0.25, 0.5, 1 on the own corpus) when the table holds them all, else every evaluation
/// at the table's highest level (the public tables hold only the full resource). The maximum is
/// the table's full resource, not the run's default 0.5, because the incumbent is judged there.
/// Probe features are not available in a table.
public struct MetaSHMethod: BenchmarkMethod {
  /// `meta_sh`.
  public let name = "meta_sh"
  /// Needs task features.
  public var usesTaskFeatures: Bool { true }
  /// The meta-model settings.
  public var settings: MetaMethodSettings

  /// The method with `settings`.
  public init(settings: MetaMethodSettings = .init()) { self.settings = settings }

  /// See ``BenchmarkMethod/run(task:context:budget:seed:)``.
  public func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    let prior = try MetaPrior(
      task: task, context: context, configurationsPerTask: settings.configurationsPerTask, seed: seed, method: name)
    var sh = MetaSuccessiveHalving.Settings()
    sh.measureFlatness = false
    // The halving ends at the table's full resource, where the incumbent is judged: on the own
    // corpus the best of all 32 configurations at 0.5 has a mean true regret of 0.49.
    sh.maxResource = task.topLevel
    let wanted = MetaSuccessiveHalving.levels(min: sh.minResource, max: sh.maxResource, reductionFactor: sh.reductionFactor)
    if !wanted.allSatisfy({ level in task.levels.contains { abs($0 - level) < 1e-9 } }) {
      sh.minResource = task.topLevel
      sh.maxResource = task.topLevel
    }
    var index: [Configuration: Int] = [:]
    for (i, c) in task.configurations.enumerated() { index[c] = i }
    let meta = settings
    var recorder = BenchmarkRecorder(task: task, budget: budget)
    do {
      let warm = try NearestTasksMethod.order(task: task, context: context, count: sh.numInitialConfigs / 2, method: name)
      let run = try MetaSuccessiveHalving(
        settings: sh, space: prior.space, direction: task.direction, taskFeatures: prior.taskFeatures,
        prior: prior.data, candidates: .finite(task.configurations), warmStart: warm.map { task.configurations[$0] },
        trainer: { data, s throws(MetaLearningError) in try meta.fit(data, seed: s) })
      _ = try await run.run(seed: seed, budget: budget) { config, resource in
        guard let i = index[config], let level = task.levels.firstIndex(where: { abs($0 - resource) < 1e-9 }),
          let value = recorder.evaluate(i, level: level)
        else { throw ExperimentsError.method(name: "meta_sh", task: task.task, reason: "no table entry for \(config) at \(resource)") }
        return MetaSuccessiveHalving.Evaluation(value: value)
      }
    } catch {
      throw .method(name: name, task: task.task, reason: "\(error)")
    }
    return recorder.trace
  }
}
