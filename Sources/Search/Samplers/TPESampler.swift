import Foundation
import Linalg

/// The tree-structured Parzen estimator with Optuna 5.0's defaults.
///
/// TPE is due to Bergstra, Bardenet, Bengio & Kégl (NeurIPS 2011).
///
/// After `startupTrials` observed trials (before that: uniform random), the observed trials are
/// ranked and split: the best `γ(n) = min(⌈0.1·n⌉, 25)` form the "below" group, the rest
/// "above". A ``ParzenEstimator`` is fitted to each group: l(x) to below, g(x) to above, with
/// equal weights for below and Optuna's `default_weights` for above (a ramp from 1/n to 1 over
/// the oldest n − 25 trials, then 25 ones, when n > 25), prior weight 1, magic clip on,
/// endpoints off. `eiCandidates` candidates are drawn from l and the one maximising
/// `log l(x) − log g(x)` is proposed.
///
/// Ranking follows Optuna 5.0.0: COMPLETE trials by value first; PRUNED trials after them, by
/// the largest resource reached (descending) then their last intermediate value; with
/// `constantLiar`, RUNNING trials join the above group (and are not counted in n). Multi-objective studies rank COMPLETE
/// trials by non-dominated sorting, ties by number (Optuna breaks the last front by
/// hypervolume contribution, not done here).
///
/// With `multivariate: false` (the default here; Optuna 5.0 defaults to multivariate for
/// single-objective studies), each parameter is sampled from its own 1-D estimators over the
/// trials that hold it, in declaration order, so conditional parameters are sampled only when
/// active. With `multivariate: true`, the unconditional parameters are sampled jointly from
/// product kernels (Optuna's multivariate TPE with `group=False`) and the conditional ones
/// independently afterwards.
public struct TPESampler: Sampler {
  /// Observed trials before TPE takes over from random sampling (Optuna: 10).
  public let startupTrials: Int
  /// Candidates drawn from l(x) per proposal (Optuna: 24).
  public let eiCandidates: Int
  /// Whether unconditional parameters are modelled jointly.
  public let multivariate: Bool
  /// Whether RUNNING trials count as the worst observations (Optuna 5.0: true).
  public let constantLiar: Bool
  /// Weight of the prior kernel (Optuna: 1.0).
  public let priorWeight: Double
  private var generator: SeededGenerator

  /// A TPE sampler whose proposals are fixed by `seed` and the trials it sees.
  public init(
    seed: UInt64, startupTrials: Int = 10, eiCandidates: Int = 24, multivariate: Bool = false,
    constantLiar: Bool = true, priorWeight: Double = 1.0
  ) {
    precondition(eiCandidates >= 1, "eiCandidates must be at least 1")
    precondition(priorWeight > 0, "priorWeight must be positive")
    self.startupTrials = startupTrials
    self.eiCandidates = eiCandidates
    self.multivariate = multivariate
    self.constantLiar = constantLiar
    self.priorWeight = priorWeight
    generator = SeededGenerator(seed: seed)
  }

  /// γ(n) = min(⌈0.1·n⌉, 25): the size of the "below" group among n observations.
  public static func gamma(_ n: Int) -> Int { Swift.min((n + 9) / 10, 25) }

  /// Optuna's `default_weights(n)`: n ones for n < 25, else a linear ramp from 1/n to 1 over
  /// the first n − 25 (oldest) observations followed by 25 ones.
  public static func defaultWeights(_ n: Int) -> [Double] {
    guard n >= 25 else { return [Double](repeating: 1, count: n) }
    let m = n - 25
    let start = 1 / Double(n)
    let ramp: [Double] =
      m == 1 ? [start] : (0..<m).map { start + (1 - start) * Double($0) / Double(m - 1) }
    return ramp + [Double](repeating: 1, count: 25)
  }

  /// The next configuration: uniform until `startupTrials` trials are observed, then TPE.
  ///
  /// - Complexity: O(eiCandidates · n · d) per parameter group for n observed trials.
  public mutating func sample(space: SearchSpace, trials: [Trial], directions: [StudyDirection])
    -> Configuration
  {
    let observed = observations(trials, directions)
    let finished = observed.filter { !$0.isRunning }.count  // running trials are not counted
    guard finished >= startupTrials, finished > 0 else {
      return space.sample(using: &generator)
    }
    // Optuna's default_gamma; its multi-objective variant drops the cap of 25.
    let nBelow = directions.count == 1 ? Self.gamma(finished) : (finished + 9) / 10
    let (below, above) = split(observed, nBelow: nBelow, directions: directions)
    var config = Configuration()
    if multivariate {
      let group = space.parameters.filter { $0.condition == nil }
      if !group.isEmpty {
        let row = propose(group, below: below, above: above)
        for (p, x) in zip(group, row) { config[p.name] = Self.value(x, p) }
      }
    }
    for p in space.parameters where config[p.name] == nil && space.isActive(p, in: config) {
      config[p.name] = Self.value(propose([p], below: below, above: above)[0], p)
    }
    return space.canonical(config)
  }

  /// One proposal for `group`: the candidate from l maximising log l − log g.
  private mutating func propose(_ group: [Parameter], below: [Trial], above: [Trial]) -> [Double] {
    let settings = ParzenSettings(
      priorWeight: priorWeight, magicClip: true, considerEndpoints: false)
    let rowsBelow = Self.rows(below, group)
    let rowsAbove = Self.rows(above, group)
    let l = ParzenEstimator(
      observations: rowsBelow, parameters: group, weights: Self.defaultWeights(rowsBelow.count),
      settings: settings)
    let g = ParzenEstimator(
      observations: rowsAbove, parameters: group, weights: Self.defaultWeights(rowsAbove.count),
      settings: settings)
    let candidates = l.sample(count: eiCandidates, using: &generator)
    // argmax of the score; the first candidate on ties (as numpy's argmax).
    var best = candidates[0]
    var bestScore = l.logPDF(best) - g.logPDF(best)
    for c in candidates.dropFirst() {
      let s = l.logPDF(c) - g.logPDF(c)
      if s > bestScore || (bestScore.isNaN && !s.isNaN) {
        best = c
        bestScore = s
      }
    }
    return best
  }

  /// The rows (raw values, or choice indices) of the trials holding every parameter of `group`.
  private static func rows(_ trials: [Trial], _ group: [Parameter]) -> [[Double]] {
    trials.compactMap { t in
      var row: [Double] = []
      for p in group {
        guard let v = t.params[p.name] else { return nil }
        switch (p.domain, v) {
        case (.categorical(let choices), .categorical(let s)):
          guard let i = choices.firstIndex(of: s) else { return nil }
          row.append(Double(i))
        default:
          guard let x = v.doubleValue else { return nil }
          row.append(x)
        }
      }
      return row
    }
  }

  private static func value(_ x: Double, _ p: Parameter) -> ParameterValue {
    switch p.domain {
    case .float: return .float(x)
    case .int: return .int(Int(x.rounded()))
    case .categorical(let choices):
      return .categorical(choices[Swift.min(Swift.max(Int(x), 0), choices.count - 1)])
    }
  }

  private struct Observation {
    var trial: Trial
    /// The sort key before the losses: −∞ for COMPLETE, −(last resource) for PRUNED, 1 for
    /// PRUNED without reports (Optuna's `_get_pruned_trial_score`).
    var step: Double
    var losses: [Double]
    var isRunning = false
  }

  private func observations(_ trials: [Trial], _ directions: [StudyDirection]) -> [Observation] {
    let single = directions.count == 1
    return trials.compactMap { t in
      switch t.state {
      case .complete:
        guard t.values.count == directions.count, t.values.allSatisfy(\.isFinite) else {
          return nil
        }
        return Observation(
          trial: t, step: -.infinity, losses: zip(directions, t.values).map { $0.loss($1) })
      case .pruned where single:
        guard let r = t.lastResource, let v = t.intermediateValues[r] else {
          return Observation(trial: t, step: 1, losses: [0])
        }
        return Observation(
          trial: t, step: -r, losses: [v.isNaN ? .infinity : directions[0].loss(v)])
      case .running where single && constantLiar:
        return Observation(trial: t, step: .infinity, losses: [.infinity], isRunning: true)
      default:
        return nil
      }
    }
  }

  private func split(_ obs: [Observation], nBelow: Int, directions: [StudyDirection])
    -> (below: [Trial], above: [Trial])
  {
    let order: [Int]
    if directions.count == 1 {
      order = obs.indices.sorted { i, j in
        let (a, b) = (obs[i], obs[j])
        if a.step != b.step { return a.step < b.step }
        if a.losses[0] != b.losses[0] { return a.losses[0] < b.losses[0] }
        return i < j
      }
    } else {
      let ranks = Pareto.ranks(obs.map(\.losses))
      order = obs.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
    }
    // RUNNING trials (constant liar) always fall in the above group.
    let belowSet = Set(order.filter { !obs[$0].isRunning }.prefix(nBelow))
    let below = obs.indices.filter { belowSet.contains($0) }.map { obs[$0].trial }
    let above = obs.indices.filter { !belowSet.contains($0) }.map { obs[$0].trial }
    return (below, above)
  }
}
