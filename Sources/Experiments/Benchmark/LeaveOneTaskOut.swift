import Foundation
import Storage

/// The leave-one-task-out benchmark: every method on every problem of a suite, several seeds,
/// each run seeing only the other tasks' records.
///
/// For each problem (task, learner) and seed index k, every method gets the same run seed
/// (common random numbers), derived from the base seed, the problem index and k. The context
/// holds every record of the other tasks (all learners of the held-out task are withheld).
public struct LeaveOneTaskOut: Sendable {
  /// The suite.
  public let suite: TabularBenchmark
  /// The methods, in report order.
  public let methods: [any BenchmarkMethod]
  /// The budget B in full-evaluation equivalents (≥ 1); curves run over 1…B.
  public let budget: Int
  /// The number of seeds per problem (≥ 1).
  public let seeds: Int
  /// The base seed.
  public let seed: UInt64
  /// The task features given to meta-methods (empty when none is needed).
  public let taskFeatures: TaskFeatureTable

  /// A benchmark.
  ///
  /// - Throws: `ExperimentsError.invalidSetting` for no methods, a budget below 1, fewer than
  ///   one seed or a repeated method name.
  public init(
    suite: TabularBenchmark, methods: [any BenchmarkMethod], budget: Int, seeds: Int = 10, seed: UInt64 = 0,
    taskFeatures: TaskFeatureTable = TaskFeatureTable(names: [])
  ) throws(ExperimentsError) {
    guard !methods.isEmpty else { throw .invalidSetting("no methods to benchmark") }
    guard budget >= 1 else { throw .invalidSetting("budget must be at least 1, got \(budget)") }
    guard seeds >= 1 else { throw .invalidSetting("seeds must be at least 1, got \(seeds)") }
    guard Set(methods.map(\.name)).count == methods.count else {
      throw .invalidSetting("a method is listed twice: \(methods.map(\.name).joined(separator: ","))")
    }
    self.suite = suite
    self.methods = methods
    self.budget = budget
    self.seeds = seeds
    self.seed = seed
    self.taskFeatures = taskFeatures
  }

  /// The seed of run k on problem p (the same for every method).
  public func runSeed(problem p: Int, seed k: Int) -> UInt64 {
    seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(p) &* 1_000_003 &+ UInt64(k)
  }

  /// The context of the held-out `task`: only the other tasks' records and tables.
  public func context(heldOut task: String) -> BenchmarkContext {
    BenchmarkContext(
      heldOutTask: task, priorRecords: suite.records.filter { $0.task != task },
      priorProblems: suite.problems.filter { $0.task != task }, taskFeatures: taskFeatures)
  }

  /// Runs every (problem, method, seed), at most `jobs` at a time.
  ///
  /// - Parameter progress: called after each run with (runs done, runs in all).
  /// - Throws: the first method error.
  public func run(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (Int, Int) -> Void)? = nil)
    async throws(ExperimentsError) -> BenchmarkResult
  {
    let contexts = Dictionary(uniqueKeysWithValues: suite.tasks.map { ($0, context(heldOut: $0)) })
    struct Job: Sendable { let problem: Int, method: Int, seed: Int }
    var queue: [Job] = []
    for p in suite.problems.indices {
      for m in methods.indices { for k in 0..<seeds { queue.append(Job(problem: p, method: m, seed: k)) } }
    }
    var runs = [[[BenchmarkRun?]]](
      repeating: [[BenchmarkRun?]](repeating: [BenchmarkRun?](repeating: nil, count: seeds), count: methods.count),
      count: suite.problems.count)
    let problems = suite.problems
    let methods = methods
    let budget = budget
    do {
      try await withThrowingTaskGroup(of: (Job, BenchmarkRun).self) { group in
        var next = 0
        var done = 0
        func submit() {
          let job = queue[next]
          next += 1
          let task = problems[job.problem]
          let method = methods[job.method]
          let s = runSeed(problem: job.problem, seed: job.seed)
          let context =
            contexts[task.task]
            ?? BenchmarkContext(
              heldOutTask: task.task, priorRecords: [], priorProblems: [], taskFeatures: taskFeatures)
          group.addTask {
            let trace = try await method.run(task: task, context: context, budget: Double(budget), seed: s)
            return (job, BenchmarkRun(task: task, trace: trace, budget: budget))
          }
        }
        while next < min(max(jobs, 1), queue.count) { submit() }
        while let (job, run) = try await group.next() {
          runs[job.problem][job.method][job.seed] = run
          done += 1
          progress?(done, queue.count)
          if next < queue.count { submit() }
        }
      }
    } catch let error as ExperimentsError {
      throw error
    } catch {
      throw .invalidSetting("benchmark interrupted: \(error)")
    }
    return BenchmarkResult(
      problems: problems.map(\.name), methods: methods.map(\.name), budget: budget, seeds: seeds,
      runs: runs.map { $0.map { $0.compactMap { $0 } } })
  }
}

/// The metrics of one run (one method, problem and seed).
public struct BenchmarkRun: Sendable, Hashable {
  /// The incumbent's normalised regret after budgets 1…B.
  public var regretCurve: [Double]
  /// The cost to come within 1 % of the best; nil when not reached within the budget.
  public var costToTarget: Double?
  /// The number of evaluations made.
  public var evaluations: Int

  /// The metrics of `trace` on `task` for budget B.
  public init(task: TabularTask, trace: BenchmarkTrace, budget: Int) {
    regretCurve = BenchmarkMetrics.regretCurve(of: trace, task: task, budget: budget)
    costToTarget = BenchmarkMetrics.costToTarget(of: trace, task: task)
    evaluations = trace.evaluations.count
  }

  /// A run with the given metrics (for tests and aggregation).
  public init(regretCurve: [Double], costToTarget: Double?, evaluations: Int) {
    self.regretCurve = regretCurve
    self.costToTarget = costToTarget
    self.evaluations = evaluations
  }

  /// The regret at the budget (the curve's last point; 1 for an empty curve).
  public var regretAtBudget: Double { regretCurve.last ?? BenchmarkMetrics.regretWithoutEvaluation }
}
