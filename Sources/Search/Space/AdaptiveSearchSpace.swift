/// A search space that narrows around the best trials and widens back when progress stalls.
///
/// The space adapts in the unit coordinates of the **original** space (`u = (x − low)/(high −
/// low)`, on `log x` for log parameters; see ``SearchSpace/encode(_:)``), so it never leaves
/// the original bounds:
///
/// - **Narrow** (``narrowed(around:direction:)``): take the best `k = max(1, ⌈γ·n⌉)` of the n
///   COMPLETE trials. A numeric parameter gets `[min u − margin, max u + margin] ∩ [0, 1]` of
///   their values, mapped back and rounded onto the integer or step grid (outwards, so each of
///   the k values stays inside). A categorical keeps the choices the k trials used (all when
///   none of them holds it). Conditions lose parent values that are gone; a parameter whose
///   condition can no longer hold is dropped with its descendants.
/// - **Widen** (``widened(_:)``): each numeric range of the current space grows about its centre
///   to `min(1, max(factor·w, 2·margin))` in unit width (shifted to stay in [0, 1]);
///   categoricals get their original choices back.
///
/// ``update(trials:direction:)`` drives both: the original space until `minTrials` COMPLETE
/// trials exist; then a narrowing whenever the best value improves; and a widening once
/// `patience` COMPLETE trials have passed without improvement since the last improvement or
/// adaptation. This is a trust-region-style heuristic in the spirit of adaptive search spaces
/// for BO (e.g. TuRBO, Eriksson et al. 2019), not a method of Optuna or SMAC.
public struct AdaptiveSearchSpace: Sendable, Equatable {
  /// The space the adaptation starts from and never leaves.
  public let original: SearchSpace
  /// The space samplers should currently use.
  public private(set) var current: SearchSpace
  /// Fraction of COMPLETE trials that count as best (default 0.25).
  public let gamma: Double
  /// Widening of the top trials' range on each side, in unit coordinates (default 0.1).
  public let margin: Double
  /// COMPLETE trials without improvement before widening (default 10).
  public let patience: Int
  /// COMPLETE trials before the first narrowing (default 10).
  public let minTrials: Int
  /// Growth of the unit width when widening (default 2).
  public let widenFactor: Double
  private var bestPosition: Int?
  private var lastAdaptation = 0

  /// An adaptive space starting at (and bounded by) `original`.
  public init(
    original: SearchSpace, gamma: Double = 0.25, margin: Double = 0.1, patience: Int = 10,
    minTrials: Int = 10, widenFactor: Double = 2
  ) {
    self.original = original
    self.current = original
    self.gamma = Swift.min(Swift.max(gamma, 0), 1)
    self.margin = Swift.max(margin, 0)
    self.patience = Swift.max(patience, 1)
    self.minTrials = Swift.max(minTrials, 1)
    self.widenFactor = Swift.max(widenFactor, 1)
  }

  /// Narrows or widens ``current`` from the study's trials (see the type's documentation).
  public mutating func update(trials: [Trial], direction: StudyDirection) {
    let done = Self.complete(trials)
    guard done.count >= minTrials else {
      current = original
      bestPosition = nil
      lastAdaptation = done.count
      return
    }
    var best = 0
    for i in done.indices.dropFirst()
    where direction.loss(done[i].values[0]) < direction.loss(done[best].values[0]) {
      best = i
    }
    if best != bestPosition {
      bestPosition = best
      current = narrowed(around: trials, direction: direction)
      lastAdaptation = done.count
    } else if done.count - Swift.max(best + 1, lastAdaptation) >= patience {
      current = widened(current)
      lastAdaptation = done.count
    }
  }

  /// The original space narrowed around the best COMPLETE trials (the original when none).
  public func narrowed(around trials: [Trial], direction: StudyDirection) -> SearchSpace {
    let done = Self.complete(trials).sorted {
      direction.loss($0.values[0]) < direction.loss($1.values[0])
    }
    guard !done.isEmpty else { return original }
    let k = Swift.max(1, Int((gamma * Double(done.count)).rounded(.up)))
    let top = done.prefix(k)
    return rebuild { p in
      let values = top.compactMap { $0.params[p.name] }.filter(p.contains)
      guard !values.isEmpty else { return p }
      if case .categorical(let choices) = p.domain {
        let used = Set(values)
        return Self.with(
          p, .categorical(choices: choices.filter { used.contains(.categorical($0)) }))
      }
      let units = values.map { p.unit(of: $0) }
      let lo = Swift.max((units.min() ?? 0) - margin, 0)
      let hi = Swift.min((units.max() ?? 1) + margin, 1)
      return Self.numeric(p, lo: lo, hi: hi, keeping: values)
    }
  }

  /// `space` (a narrowing of ``original``) widened one step towards ``original``.
  public func widened(_ space: SearchSpace) -> SearchSpace {
    rebuild { p in
      guard p.domain.isNumeric else { return p }
      guard let now = space.parameter(named: p.name), let bounds = now.bounds else { return p }
      let a = p.unit(of: bounds.low)
      let b = p.unit(of: bounds.high)
      let width = Swift.min(1, Swift.max(widenFactor * (b - a), 2 * margin))
      var lo = (a + b) / 2 - width / 2
      var hi = lo + width
      if lo < 0 { (lo, hi) = (0, hi - lo) }
      if hi > 1 { (lo, hi) = (lo - (hi - 1), 1) }
      return Self.numeric(
        p, lo: Swift.max(lo, 0), hi: Swift.min(hi, 1), keeping: [bounds.low, bounds.high])
    }
  }

  /// The original parameters passed through `transform`, with conditions repaired.
  private func rebuild(_ transform: (Parameter) -> Parameter) -> SearchSpace {
    var kept: [Parameter] = []
    for p in original.parameters {
      var q = transform(p)
      if let c = q.condition {
        guard let parent = kept.first(where: { $0.name == c.parent }) else { continue }
        let values = c.values.filter(parent.contains)
        guard !values.isEmpty else { continue }
        q.condition = Condition(c.parent, in: values)
      }
      if let d = q.defaultValue, !q.contains(d) { q.defaultValue = nil }
      kept.append(q)
    }
    // Every parameter is a sub-domain of a valid original one, so validation cannot fail.
    return (try? SearchSpace(kept)) ?? original
  }

  /// `p` restricted to unit range [lo, hi], rounded outwards so every value of `keeping` stays in.
  private static func numeric(
    _ p: Parameter, lo: Double, hi: Double, keeping values: [ParameterValue]
  ) -> Parameter {
    let xs = values.compactMap(\.doubleValue)
    let low = Swift.min(p.value(atUnit: lo).doubleValue ?? 0, xs.min() ?? .infinity)
    let high = Swift.max(p.value(atUnit: hi).doubleValue ?? 0, xs.max() ?? -.infinity)
    switch p.domain {
    case .float(_, _, let log, let step):
      return with(p, .float(low: low, high: high, log: log, step: step))
    case .int(_, _, let log, let step):
      return with(p, .int(low: Int(low.rounded()), high: Int(high.rounded()), log: log, step: step))
    case .categorical:
      return p
    }
  }

  private static func with(_ p: Parameter, _ domain: Parameter.Domain) -> Parameter {
    var q = p
    q.domain = domain
    return q
  }

  private static func complete(_ trials: [Trial]) -> [Trial] {
    trials.filter { $0.state == .complete && !$0.values.isEmpty && $0.values[0].isFinite }
  }
}

extension Parameter {
  /// The lowest and highest value of a numeric domain (nil for categoricals).
  var bounds: (low: ParameterValue, high: ParameterValue)? {
    switch domain {
    case .float(let lo, let hi, _, _): return (.float(lo), .float(hi))
    case .int(let lo, let hi, _, _): return (.int(lo), .int(hi))
    case .categorical: return nil
    }
  }
}
