/// The brackets a synchronous driver (``Study/optimize(brackets:trials:jobs:trialTimeout:callbacks:showProgress:evaluate:)``)
/// runs one after another: plain successive halving, or Hyperband's brackets (as BOHB runs them).
///
/// Inside every bracket a rung completes before anything moves on: of the `n` configurations
/// evaluated at a rung, the best `max(⌊n/η⌋, 1)` are promoted (ties to the lower trial number,
/// failures never), the others end PRUNED (DESIGN.md, "Successive halving").
public enum BracketPlan: Sendable, Hashable {
  /// Successive halving repeated: every bracket starts `η^s` configurations at the schedule's
  /// smallest resource, so its last rung holds one (s = ``SuccessiveHalving/stages``).
  case successiveHalving(SuccessiveHalving)
  /// Hyperband's brackets, s = s_max, …, 0, then again (Li et al. 2018 or HpBandSter rounding,
  /// as the ``Hyperband`` value says; BOHB uses HpBandSter's).
  case hyperband(Hyperband)

  /// η.
  public var reductionFactor: Int {
    switch self {
    case .successiveHalving(let sh): return sh.reductionFactor
    case .hyperband(let hb): return hb.reductionFactor
    }
  }

  /// The number of distinct brackets in one cycle (1 for successive halving, s_max + 1 for Hyperband).
  public var bracketCount: Int {
    switch self {
    case .successiveHalving: return 1
    case .hyperband(let hb): return hb.maxStage + 1
    }
  }

  /// The bracket of iteration `iteration` ≥ 0 (brackets cycle).
  public func bracket(forIteration iteration: Int) -> Bracket {
    switch self {
    case .successiveHalving(let sh):
      let s = sh.stages
      return Bracket(s: s, rungs: sh.rungs(initialConfigurations: Halving.power(sh.reductionFactor, s)))
    case .hyperband(let hb):
      let brackets = hb.brackets
      let k = brackets.count
      return brackets[((iteration % k) + k) % k]
    }
  }

  /// The trial numbers promoted from a completed rung: the best `max(⌊n/η⌋, 1)` of the `n`
  /// results, best first; ties go to the lower number and NaN (failed) results never advance.
  public func promote(_ results: [(number: Int, value: Double)], direction: StudyDirection) -> [Int] {
    Halving.promote(results, eta: reductionFactor, direction: direction)
  }
}

extension Halving {
  /// The best `max(⌊n/η⌋, 1)` of `results` (n = their count), best first; ties by number, NaN never.
  static func promote(
    _ results: [(number: Int, value: Double)], eta: Int, direction: StudyDirection
  ) -> [Int] {
    guard !results.isEmpty else { return [] }
    let keep = Swift.max(results.count / eta, 1)
    let order = ranking(results.map(\.value), ids: results.map(\.number), direction: direction)
    return order.prefix(keep).filter { !results[$0].value.isNaN }.map { results[$0].number }
  }
}
