import Search
import Storage

/// One task's look-up table: the value of every logged configuration at every resource level.
///
/// Built from the tuning-log records of one (task, learner). A configuration is identified by
/// its `number`; its value at a level is the mean over the COMPLETE records with a finite value
/// at that level (over seeds). Configurations without a value at the task's highest level are
/// left out, so every configuration has a true value: its value at the highest level.
public struct TabularTask: Sendable {
  /// The task (dataset) name: the key of task features and the unit held out.
  public let task: String
  /// The learner whose configurations the table holds.
  public let learner: String
  /// The name in reports: the task, or `task:learner` when a suite has several learners.
  public let name: String
  /// Whether larger or smaller values are better.
  public let direction: StudyDirection
  /// The configuration numbers of the log, ascending; index `i` everywhere means `numbers[i]`.
  public let numbers: [Int]
  /// The configurations, by index.
  public let configurations: [Configuration]
  /// The resource levels present in the task's records, ascending, each in (0, 1].
  public let levels: [Double]
  /// The search space inferred from the configurations (``inferredSpace(of:)``).
  public let space: SearchSpace
  /// The regret scale: best and median of ``trueValues``.
  public let regret: NormalisedRegret
  private let table: [Double]
  private let encoded: [Double]

  /// The table of one (task, learner) from its records.
  ///
  /// - Parameters:
  ///   - records: the records of one task and learner (any order, any seeds and levels).
  ///   - name: the report name; `task` by default.
  /// - Throws: `ExperimentsError.table` naming the task when records mix tasks, learners or
  ///   directions, or no configuration has a finite value at the highest level.
  public init(records: [TuningLogRecord], name: String? = nil) throws(ExperimentsError) {
    guard let first = records.first else { throw .table(task: name ?? "?", reason: "no records") }
    let task = first.task
    for r in records {
      guard r.task == task, r.learner == first.learner else {
        throw .table(task: task, reason: "records of several tasks or learners (\(r.task), \(r.learner))")
      }
      guard r.direction == first.direction else {
        throw .table(task: task, reason: "mixed directions (configuration \(r.number))")
      }
    }
    let usable = records.filter { $0.state == .complete && ($0.value?.isFinite ?? false) }
    let levels = Array(Set(usable.map(\.resource))).sorted()
    guard let top = levels.last else { throw .table(task: task, reason: "no COMPLETE record with a finite value") }
    let levelIndex = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
    var sums: [Int: [Double]] = [:]
    var counts: [Int: [Int]] = [:]
    var params: [Int: Configuration] = [:]
    for r in records where params[r.number] == nil { params[r.number] = r.params }
    for r in usable {
      guard let l = levelIndex[r.resource], let v = r.value else { continue }
      sums[r.number, default: Array(repeating: 0, count: levels.count)][l] += v
      counts[r.number, default: Array(repeating: 0, count: levels.count)][l] += 1
    }
    let numbers = counts.keys.filter { counts[$0]?[levels.count - 1] ?? 0 > 0 }.sorted()
    guard !numbers.isEmpty else {
      throw .table(task: task, reason: "no configuration has a value at the highest resource \(top)")
    }
    var table = [Double](repeating: .nan, count: numbers.count * levels.count)
    for (i, n) in numbers.enumerated() {
      guard let s = sums[n], let c = counts[n] else { continue }
      for l in levels.indices where c[l] > 0 { table[i * levels.count + l] = s[l] / Double(c[l]) }
    }
    let configurations = numbers.map { params[$0] ?? Configuration() }
    let trueValues = numbers.indices.map { table[$0 * levels.count + levels.count - 1] }
    guard let scale = NormalisedRegret(trueValues: trueValues, direction: first.direction) else {
      throw .table(task: task, reason: "no finite true value")
    }
    let space = try Self.inferredSpace(of: configurations, task: task)
    self.task = task
    self.learner = first.learner
    self.name = name ?? task
    self.direction = first.direction
    self.numbers = numbers
    self.configurations = configurations
    self.levels = levels
    self.space = space
    self.regret = scale
    self.table = table
    self.encoded = configurations.flatMap { space.encode($0) }
  }

  /// The number of configurations.
  public var count: Int { numbers.count }

  /// The highest resource level (the level of true values).
  public var topLevel: Double { levels[levels.count - 1] }

  /// The value of configuration `index` at level index `level` (NaN when not logged).
  public func value(_ index: Int, level: Int) -> Double { table[index * levels.count + level] }

  /// The true value of configuration `index`: its value at the highest level.
  public func trueValue(_ index: Int) -> Double { value(index, level: levels.count - 1) }

  /// The true values of every configuration, by index.
  public var trueValues: [Double] { numbers.indices.map(trueValue) }

  /// The normalised regret of configuration `index` as incumbent.
  public func regret(ofConfiguration index: Int) -> Double { regret.regret(of: trueValue(index)) }

  /// The index of the configuration nearest to `config` in ``space``'s encoding (Euclidean,
  /// unit scale, log for log parameters) among those not yet `evaluated`; ties go to the lower
  /// index. `nil` when every configuration is evaluated.
  public func nearest(to config: Configuration, excluding evaluated: [Bool]) -> Int? {
    let u = space.encode(config)
    let d = u.count
    var best: Int?
    var bestDistance = Double.infinity
    for i in 0..<count where !evaluated[i] {
      var s = 0.0
      let base = i * d
      for j in 0..<d {
        let e = encoded[base + j] - u[j]
        s += e * e
      }
      if s < bestDistance {
        bestDistance = s
        best = i
      }
    }
    return best
  }
}

extension TabularTask {
  /// The index of configuration `number`, or nil when the table does not hold it.
  public func index(ofNumber number: Int) -> Int? {
    var (lo, hi) = (0, numbers.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if numbers[mid] < number { lo = mid + 1 } else { hi = mid }
    }
    return lo < numbers.count && numbers[lo] == number ? lo : nil
  }
}
