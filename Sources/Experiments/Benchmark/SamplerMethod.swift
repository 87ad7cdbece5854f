import Search

/// A Search sampler (`tpe`: ``TPESampler``, `gp`: ``GPSampler``, defaults of each) on a table.
///
/// Each proposal is snapped to the nearest unevaluated table configuration
/// (``TabularTask/nearest(to:excluding:)``) and evaluated at the highest level; the sampler
/// then sees the snapped configuration with its table value, so its model is fitted on points
/// that exist. The run stops when the budget or the table runs out.
public struct SamplerMethod: BenchmarkMethod {
  /// Which sampler.
  public enum Kind: String, Sendable { case tpe, gp }

  /// The sampler.
  public let kind: Kind

  /// A sampler method.
  public init(_ kind: Kind) { self.kind = kind }

  /// `tpe` or `gp`.
  public var name: String { kind.rawValue }

  /// See ``BenchmarkMethod/run(task:context:budget:seed:)``.
  ///
  /// - Throws: `ExperimentsError.method` carrying a sampler error.
  public func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    var sampler: any Sampler = kind == .tpe ? TPESampler(seed: seed) : GPSampler(seed: seed)
    var recorder = BenchmarkRecorder(task: task, budget: budget)
    let top = task.levels.count - 1
    var trials: [Trial] = []
    while recorder.fits(level: top) {
      let proposal: Configuration
      do {
        proposal = try sampler.sample(space: task.space, trials: trials, directions: [task.direction])
      } catch { throw .method(name: name, task: task.name, reason: "\(error)") }
      guard let i = task.nearest(to: proposal, excluding: recorder.evaluated),
        let v = recorder.evaluate(i, level: top)
      else { break }
      trials.append(
        Trial(number: trials.count, state: .complete, params: task.configurations[i], values: [v]))
    }
    return recorder.trace
  }
}
