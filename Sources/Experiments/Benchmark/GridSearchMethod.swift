import Search

/// Grid search on a table over a coarse sub-grid of the table's own values.
///
/// Sub-grid: for each parameter of the inferred space, the table's distinct values sorted
/// (categoricals: every choice); a numeric parameter with more than `pointsPerParameter`
/// values keeps the ones at positions ⌊(k + ½)/m·(n − 1) + ½⌋, k = 0…m−1, of its n sorted values
/// (for n = 10, m = 3: the 3rd, 6th and 9th), so the extremes are skipped. m is 3, lowered
/// to 2, then 1 while the sub-grid would exceed 1024 points. Visiting order is deterministic
/// (the seed is not used): start at the sub-grid point nearest the centre of the encoded cube,
/// then always the point farthest (Euclidean, encoded space) from every point visited so far,
/// ties to the lower Cartesian index — a space-filling order, so a small budget still spans
/// every parameter. Each point is evaluated, at the highest level, at the nearest unevaluated
/// table configuration (the point itself on a full-grid table). The run stops when the budget
/// or the sub-grid runs out.
public struct GridSearchMethod: BenchmarkMethod {
  /// `grid`.
  public let name = "grid"

  /// Grid search.
  public init() {}

  /// See ``BenchmarkMethod/run(task:context:budget:seed:)``; never throws.
  public func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    var recorder = BenchmarkRecorder(task: task, budget: budget)
    let top = task.levels.count - 1
    for point in Self.points(of: task) {
      guard recorder.fits(level: top), let i = task.nearest(to: point, excluding: recorder.evaluated) else { break }
      _ = recorder.evaluate(i, level: top)
    }
    return recorder.trace
  }

  /// The sub-grid of `task`, in visiting order.
  public static func points(of task: TabularTask) -> [Configuration] {
    var distinct: [String: [ParameterValue]] = [:]
    for c in task.configurations {
      for (name, v) in c.pairs where task.space.parameter(named: name) != nil { distinct[name, default: []].append(v) }
    }
    let axes: [(String, [ParameterValue])] = task.space.parameters.map { p in
      let vs = Array(Set(distinct[p.name] ?? []))
      let sorted = vs.sorted { a, b in
        if let x = a.doubleValue, let y = b.doubleValue { return x < y }
        return a.description < b.description
      }
      return (p.name, sorted)
    }
    var m = 3
    var chosen: [(String, [ParameterValue])] = []
    repeat {
      chosen = axes.map { name, values in
        guard values.first?.doubleValue != nil, values.count > m else { return (name, values) }
        let n = Double(values.count - 1)
        return (name, (0..<m).map { k in values[Int((Double(k) + 0.5) / Double(m) * n + 0.5)] })
      }
      m -= 1
    } while m >= 1 && chosen.reduce(1, { $0 * $1.1.count }) > 1024
    var grid: [Configuration] = [Configuration()]
    for (name, values) in chosen {
      grid = grid.flatMap { base in
        values.map { v in
          var c = base
          c[name] = v
          return c
        }
      }
    }
    return farthestPointOrder(grid, space: task.space)
  }

  private static func farthestPointOrder(_ grid: [Configuration], space: SearchSpace) -> [Configuration] {
    guard !grid.isEmpty else { return [] }
    let x = grid.map { space.encode($0) }
    func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
    let centre = [Double](repeating: 0.5, count: space.encodedDimension)
    var next = 0
    for i in x.indices where distance(x[i], centre) < distance(x[next], centre) { next = i }
    var minDistance = [Double](repeating: .infinity, count: x.count)
    var visited = [Bool](repeating: false, count: x.count)
    var order: [Configuration] = []
    for _ in x.indices {
      order.append(grid[next])
      visited[next] = true
      var far = -1
      for i in x.indices where !visited[i] {
        minDistance[i] = min(minDistance[i], distance(x[i], x[next]))
        if far < 0 || minDistance[i] > minDistance[far] { far = i }
      }
      guard far >= 0 else { break }
      next = far
    }
    return order
  }
}
