import Linalg

/// Random search on a table: configurations drawn uniformly without replacement, each
/// evaluated at the highest resource level, until the budget or the table runs out.
public struct RandomSearchMethod: BenchmarkMethod {
  /// `random`.
  public let name = "random"

  /// Random search.
  public init() {}

  /// See ``BenchmarkMethod/run(task:context:budget:seed:)``; never throws.
  public func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    var recorder = BenchmarkRecorder(task: task, budget: budget)
    let top = task.levels.count - 1
    let draws = min(task.count, Int((budget / task.topLevel + 1e-9).rounded(.down)))
    var generator = SeededGenerator(seed: seed)
    for i in generator.sample(draws, from: task.count) {
      guard recorder.evaluate(i, level: top) != nil else { break }
    }
    return recorder.trace
  }
}
