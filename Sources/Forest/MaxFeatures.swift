/// How many features a node examines when it searches for a split (scikit-learn's `max_features`).
///
/// Features are drawn in random order without replacement; features constant within the node do
/// not count, so up to `resolved(featureCount:)` non-constant features are examined (fewer only
/// when the node has fewer non-constant features).
public enum MaxFeatures: Sendable, Equatable {
  /// Every feature (`max_features=None` or `1.0`).
  case all
  /// `max(1, ⌊√p⌋)` of the `p` features.
  case sqrt
  /// `max(1, ⌊log₂ p⌋)` of the `p` features.
  case log2
  /// `max(1, ⌊f · p⌋)` of the `p` features, with `f` in (0, 1].
  case fraction(Double)
  /// Exactly `k` features, with 1 ≤ `k` ≤ p.
  case count(Int)

  /// The number of features examined per node for `featureCount` features.
  ///
  /// - Parameter p: the number of features (columns of the training matrix), ≥ 1.
  /// - Returns: a count in 1...p.
  /// - Throws: `ForestError.invalidParameter` when the fraction is outside (0, 1] or the count
  ///   outside 1...p.
  public func resolved(featureCount p: Int) throws(ForestError) -> Int {
    switch self {
    case .all:
      return p
    case .sqrt:
      return max(1, Int(Double(p).squareRoot()))
    case .log2:
      return max(1, Int(forestLog2(Double(p))))
    case .fraction(let f):
      guard f > 0, f <= 1 else {
        throw .invalidParameter(name: "maxFeatures", value: ".fraction(\(f))", requirement: "0 < fraction ≤ 1")
      }
      return max(1, Int(f * Double(p)))
    case .count(let k):
      guard k >= 1, k <= p else {
        throw .invalidParameter(
          name: "maxFeatures", value: ".count(\(k))", requirement: "1 ≤ count ≤ \(p) (the feature count)")
      }
      return k
    }
  }
}
