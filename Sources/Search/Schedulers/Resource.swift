/// A training budget that schedulers hand out in levels: data fraction, epochs or trees.
///
/// Successive halving, Hyperband, ASHA and the meta-optimizer all speak it: levels run from
/// `min` to `max`, each `reductionFactor` times the previous.
public struct Resource: Sendable, Hashable, Codable {
  /// What the resource counts.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The fraction of the training data, 0 < r ≤ 1.
    case dataFraction
    /// Training epochs.
    case epochs
    /// Trees of an ensemble.
    case trees
  }

  /// What the resource counts.
  public let kind: Kind
  /// The smallest level (> 0).
  public let min: Double
  /// The largest level (≥ min; at most 1 for a data fraction).
  public let max: Double
  /// η ≥ 2: the ratio between consecutive levels.
  public let reductionFactor: Int

  /// A validated resource.
  ///
  /// - Throws: `invalidSchedule` unless `0 < min ≤ max`, `reductionFactor ≥ 2`, and a data
  ///   fraction has `max ≤ 1`.
  public init(_ kind: Kind, min: Double, max: Double, reductionFactor: Int = 3) throws(SearchError) {
    try Halving.check(min: min, max: max, eta: reductionFactor)
    if kind == .dataFraction, max > 1 {
      throw .invalidSchedule("a data fraction cannot exceed 1, got max \(max)")
    }
    self.kind = kind
    self.min = min
    self.max = max
    self.reductionFactor = reductionFactor
  }

  /// The levels `max·η^(−s)`, …, `max·η^(−1)`, `max` with s = ⌊log_η(max/min)⌋, smallest first.
  public var levels: [Double] {
    let s = Halving.maxStage(min: min, max: max, eta: reductionFactor)
    return (0...s).map { i in max / Double(Halving.power(reductionFactor, s - i)) }
  }
}

extension SuccessiveHalving {
  /// Successive halving over `resource`'s levels.
  public init(_ resource: Resource) throws(SearchError) {
    try self.init(
      minResource: resource.min, maxResource: resource.max,
      reductionFactor: resource.reductionFactor)
  }
}

extension Hyperband {
  /// Hyperband over `resource`'s levels with the given bracket rounding.
  public init(_ resource: Resource, rounding: BracketRounding = .liEtAl) throws(SearchError) {
    try self.init(
      minResource: resource.min, maxResource: resource.max,
      reductionFactor: resource.reductionFactor, rounding: rounding)
  }
}

extension ASHA {
  /// ASHA over `resource`'s levels.
  public init(
    _ resource: Resource, minEarlyStoppingRate: Int = 0, direction: StudyDirection = .minimize
  ) throws(SearchError) {
    try self.init(
      minResource: resource.min, maxResource: resource.max,
      reductionFactor: resource.reductionFactor, minEarlyStoppingRate: minEarlyStoppingRate,
      direction: direction)
  }
}
