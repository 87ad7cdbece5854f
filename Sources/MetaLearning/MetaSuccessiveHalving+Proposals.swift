import Linalg
import Search

// A run's meta-model: the rows it is trained on, the candidates it ranks and the variations of
// incumbents it proposes, and the incumbent the run returns.
extension MetaSuccessiveHalvingRun {
  // MARK: Meta-model

  var width: Int { run.taskFeatures.count + run.space.encodedDimension + 1 + probeNames.count }

  func row(_ config: Configuration, resource: Double, encoded: [Double]? = nil) -> [Double] {
    let probes = probesByConfig[config]
    return run.taskFeatures + (encoded ?? run.space.encode(config)) + [resource]
      + probeNames.map { probes?[$0] ?? .nan }
  }

  mutating func train() throws(MetaLearningError) {
    let own = trace.filter { $0.value != nil }
    var names = (run.prior?.featureNames ?? []) + probeNames
    if run.prior == nil {
      names = (0..<run.taskFeatures.count).map { "task_\($0)" } + run.space.encodedNames + ["resource"] + probeNames
    }
    var storage: [Double] = []
    var y: [Double] = []
    var tasks: [String] = []
    if let prior = run.prior {
      for i in 0..<prior.x.rows {
        storage += Array(prior.x.row(i)) + Array(repeating: .nan, count: probeNames.count)
      }
      y = prior.y
      tasks = prior.tasks
    }
    for e in own {
      storage += row(e.configuration, resource: e.resource)
      y.append((e.value ?? 0) * sign)
      tasks.append("__target__")
    }
    guard y.count >= 2 else { return }
    let data = try MetaDataset(
      featureNames: names, x: Matrix(rows: y.count, columns: width, storage: storage), y: y, tasks: tasks)
    let m = try run.trainer(data, generator.next())
    model = m
    if own.count >= 3 {
      let x = Matrix(rows: own.count, columns: width, storage: own.flatMap { row($0.configuration, resource: $0.resource) })
      let predicted = try m.predict(x).map(\.mean)
      lastFit = RankCorrelation.spearman(predicted, own.map { ($0.value ?? 0) * sign })
    } else {
      lastFit = .nan
    }
    fitQuality.append(lastFit)
  }

  /// Candidates scored `mean + exploration · sd` (oriented) at the largest level, best first.
  mutating func rankedCandidates(excluding: Set<Configuration>) -> [(config: Configuration, score: Double, sd: Double)] {
    var pool: [(config: Configuration, encoded: [Double])]
    if finite.isEmpty {
      pool = (0..<run.settings.candidateCount).map { _ in
        let c = run.space.sample(using: &generator)
        return (c, run.space.encode(c))
      }
    } else {
      pool = finite
    }
    pool.removeAll { excluding.contains($0.config) }
    guard !pool.isEmpty else { return [] }
    guard let model else {
      return pool.map { ($0.config, 0, 0) }
    }
    let top = levels[levels.count - 1]
    let x = Matrix(rows: pool.count, columns: width, storage: pool.flatMap { row($0.config, resource: top, encoded: $0.encoded) })
    guard let predictions = try? model.predict(x) else { return pool.map { ($0.config, 0, 0) } }
    let k = run.settings.exploration
    var scored = zip(pool, predictions).enumerated().map { i, p in
      (config: p.0.config, score: p.1.mean + k * p.1.sd, sd: p.1.sd, order: i)
    }
    scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }
    return scored.map { ($0.config, $0.score, $0.sd) }
  }

  /// The best predicted of 16 Gaussian variations of `base` in the unit-encoded space, with a
  /// scale that grows with the model's uncertainty at `base` relative to the candidates' spread.
  mutating func variation(of base: Configuration, spread: Double, taken: Set<Configuration>) -> Configuration? {
    let top = levels[levels.count - 1]
    let encoded = run.space.encode(base)
    var sdHere = 0.0
    if let model, let p = try? model.predict(Matrix(rows: 1, columns: width, storage: row(base, resource: top))).first {
      sdHere = p.sd
    }
    let ratio = spread > 0 ? sdHere / spread : 0
    let sigma = Swift.min(Swift.max(run.settings.variationScale * (1 + ratio), 0.01), 0.3)
    var options: [Configuration] = []
    for _ in 0..<16 {
      let v = encoded.map { $0 == SearchSpace.inactiveFill ? $0 : Swift.min(Swift.max($0 + sigma * generator.normal(), 0), 1) }
      if let c = nearest(to: v, taken: taken), !options.contains(c) { options.append(c) }
    }
    guard !options.isEmpty else { return nil }
    guard let model else { return options[0] }
    let x = Matrix(rows: options.count, columns: width, storage: options.flatMap { row($0, resource: top) })
    guard let p = try? model.predict(x) else { return options[0] }
    var best = 0
    for i in 1..<options.count where p[i].mean > p[best].mean { best = i }
    return options[best]
  }

  func nearest(to v: [Double], taken: Set<Configuration>) -> Configuration? {
    if finite.isEmpty {
      guard let c = try? run.space.decode(v), !taken.contains(c) else { return nil }
      return c
    }
    var best: (Configuration, Double)?
    for f in finite where !taken.contains(f.config) {
      var d = 0.0
      for j in v.indices { d += (v[j] - f.encoded[j]) * (v[j] - f.encoded[j]) }
      if best == nil || d < best!.1 { best = (f.config, d) }
    }
    return best?.0
  }

  // MARK: Incumbent and result

  /// The best observed value at the highest level reached so far, in the objective's direction.
  func incumbent() -> (config: Configuration, value: Double, resource: Double)? {
    var best: (config: Configuration, value: Double, resource: Double)?
    for e in trace {
      guard let v = e.value else { continue }
      if let b = best {
        if e.resource > b.resource || (e.resource == b.resource && v * sign > b.value * sign) {
          best = (e.configuration, v, e.resource)
        }
      } else {
        best = (e.configuration, v, e.resource)
      }
    }
    return best
  }

  /// Configurations ordered by their best observed oriented value at their highest level.
  func incumbentList() -> [Configuration] {
    var bestAt: [Configuration: (resource: Double, value: Double, order: Int)] = [:]
    for (i, e) in trace.enumerated() {
      guard let v = e.value else { continue }
      let o = v * sign
      if let b = bestAt[e.configuration], b.resource > e.resource || (b.resource == e.resource && b.value >= o) { continue }
      bestAt[e.configuration] = (e.resource, o, bestAt[e.configuration]?.order ?? i)
    }
    return bestAt.sorted {
      ($0.value.resource, $0.value.value, -$0.value.order) > ($1.value.resource, $1.value.value, -$1.value.order)
    }.prefix(3).map(\.key)
  }

  func result() -> MetaSuccessiveHalving.Result {
    let inc = incumbent()
    return .init(best: inc?.config, bestValue: inc?.value, bestResource: inc?.resource, trace: trace, fitQuality: fitQuality)
  }

  func unique(_ configs: [Configuration]) -> [Configuration] {
    var seen: Set<Configuration> = []
    return configs.filter { seen.insert($0).inserted }
  }
}
