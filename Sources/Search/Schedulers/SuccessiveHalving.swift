/// Synchronous successive halving (Jamieson & Talwalkar 2016; the inner loop of Hyperband).
///
/// With `s = ⌊log_η(R/r)⌋` for max resource R and min resource r, n configurations start at
/// resource `R·η^(−s)`; at rung i, `n_i = max(⌊n·η^(−i)⌋, 1)` configurations run at
/// `r_i = R·η^(i−s)`, and the best `max(⌊n_i/η⌋, 1)` move on (ties go to the lower trial number).
public struct SuccessiveHalving: Sendable, Hashable {
  /// The smallest resource (> 0).
  public let minResource: Double
  /// The largest resource (≥ minResource).
  public let maxResource: Double
  /// η ≥ 2.
  public let reductionFactor: Int

  /// A successive-halving schedule.
  ///
  /// - Throws: `invalidSchedule` unless `0 < minResource ≤ maxResource` and `reductionFactor ≥ 2`.
  public init(minResource: Double, maxResource: Double, reductionFactor: Int = 3)
    throws(SearchError)
  {
    try Halving.check(min: minResource, max: maxResource, eta: reductionFactor)
    self.minResource = minResource
    self.maxResource = maxResource
    self.reductionFactor = reductionFactor
  }

  /// s = ⌊log_η(maxResource/minResource)⌋: the number of halvings.
  public var stages: Int {
    Halving.maxStage(min: minResource, max: maxResource, eta: reductionFactor)
  }

  /// The rungs for `n` starting configurations: `s + 1` rungs from `R·η^(−s)` to `R`.
  public func rungs(initialConfigurations n: Int) -> [Rung] {
    let s = stages
    return (0...s).map { i in
      Rung(
        configurations: Swift.max(n / Halving.power(reductionFactor, i), 1),
        resource: maxResource / Double(Halving.power(reductionFactor, s - i)))
    }
  }

  /// The trial numbers that advance from a rung: the best `max(⌊n/η⌋, 1)` of `results`.
  ///
  /// - Parameters:
  ///   - results: (trial number, value) of every configuration evaluated at the rung.
  ///   - direction: whether smaller or larger values are better; NaN ranks last and never advances.
  /// - Returns: the advancing trial numbers, best first; ties go to the lower trial number.
  public func promote(_ results: [(number: Int, value: Double)], direction: StudyDirection) -> [Int] {
    Halving.promote(results, eta: reductionFactor, direction: direction)
  }
}
