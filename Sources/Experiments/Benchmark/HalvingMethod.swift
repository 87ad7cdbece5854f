import Linalg
import Search

/// Successive halving (`sh`) and Hyperband (`hyperband`) on a table, with Search's bracket rules
/// over the table's resource levels.
///
/// Resources run from the table's lowest to its highest level with reduction factor η: the
/// ratio of consecutive levels when they form a geometric series with an integer ratio ≥ 2
/// (0.125/0.25/0.5/1 gives η = 2), else ``reductionFactor``. A rung whose resource is not a
/// table level is evaluated at the smallest level above it. `sh` repeats the bracket of
/// ``SuccessiveHalving/rungs(initialConfigurations:)`` with n = η^s; `hyperband` cycles through
/// ``Hyperband/brackets`` (s_max first, Li et al. rounding). Each bracket starts fresh
/// configurations drawn uniformly without replacement; after a rung, the best ones (by table
/// value, NaN never, ties to the earlier drawn) fill the next rung's count. The run stops at the
/// first evaluation that does not fit the budget. On a table with a single level every
/// evaluation is at that level, so both reduce to random search.
public struct HalvingMethod: BenchmarkMethod {
  /// Which schedule.
  public enum Schedule: String, Sendable {
    case successiveHalving = "sh"
    case hyperband
  }

  /// The schedule.
  public let schedule: Schedule
  /// η when the table's levels do not imply one (≥ 2).
  public let reductionFactor: Int

  /// A halving method; `reductionFactor` is used only when the levels do not imply η.
  public init(_ schedule: Schedule, reductionFactor: Int = 2) {
    self.schedule = schedule
    self.reductionFactor = max(reductionFactor, 2)
  }

  /// `sh` or `hyperband`.
  public var name: String { schedule.rawValue }

  /// η for a table: the integer ratio of its consecutive levels, else ``reductionFactor``.
  public func eta(for levels: [Double]) -> Int {
    guard levels.count >= 2 else { return reductionFactor }
    let ratio = (levels[1] / levels[0]).rounded()
    guard ratio >= 2 else { return reductionFactor }
    for i in 1..<levels.count where abs(levels[i] / levels[i - 1] - ratio) > 1e-6 * ratio { return reductionFactor }
    return Int(ratio)
  }

  /// The brackets this method cycles through, as rungs.
  ///
  /// - Throws: `ExperimentsError.method` if Search rejects the schedule.
  public func brackets(for task: TabularTask) throws(ExperimentsError) -> [[Rung]] {
    let eta = eta(for: task.levels)
    do {
      switch schedule {
      case .successiveHalving:
        let sh = try SuccessiveHalving(minResource: task.levels[0], maxResource: task.topLevel, reductionFactor: eta)
        var n = 1
        for _ in 0..<sh.stages { n *= eta }
        return [sh.rungs(initialConfigurations: n)]
      case .hyperband:
        let hb = try Hyperband(minResource: task.levels[0], maxResource: task.topLevel, reductionFactor: eta)
        return hb.brackets.map(\.rungs)
      }
    } catch { throw .method(name: name, task: task.name, reason: "\(error)") }
  }

  /// See ``BenchmarkMethod/run(task:context:budget:seed:)``.
  ///
  /// - Throws: `ExperimentsError.method` if Search rejects the schedule.
  public func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    let brackets = try brackets(for: task)
    var recorder = BenchmarkRecorder(task: task, budget: budget)
    var generator = SeededGenerator(seed: seed)
    let order = generator.permutation(task.count)
    var drawn = 0
    var b = 0
    runs: while drawn < order.count {
      let rungs = brackets[b % brackets.count]
      b += 1
      let n = min(rungs[0].configurations, order.count - drawn)
      var alive = Array(drawn..<(drawn + n))  // positions in `order`: lower = drawn earlier
      drawn += n
      for (i, rung) in rungs.enumerated() {
        let level = task.levels.firstIndex { $0 >= rung.resource * (1 - 1e-9) } ?? task.levels.count - 1
        var results: [(position: Int, value: Double)] = []
        for p in alive {
          guard let v = recorder.evaluate(order[p], level: level) else { break runs }
          results.append((p, v))
        }
        guard i + 1 < rungs.count else { break }
        alive = Self.best(results, keep: rungs[i + 1].configurations, direction: task.direction)
      }
    }
    return recorder.trace
  }

  /// The `keep` best positions by value (NaN excluded), ties to the lower position.
  static func best(_ results: [(position: Int, value: Double)], keep: Int, direction: StudyDirection) -> [Int] {
    results.filter { !$0.value.isNaN }
      .sorted { a, b in a.value != b.value ? direction.isBetter(a.value, than: b.value) : a.position < b.position }
      .prefix(keep).map(\.position)
  }
}
