/// The impurity a tree minimises when it chooses a split (scikit-learn's `criterion`).
///
/// For a node with weighted class fractions `pₖ` or weighted targets `yᵢ` (weights `wᵢ`, total `W`):
/// ```
/// gini          = 1 − Σₖ pₖ²
/// entropy       = −Σₖ pₖ · log₂ pₖ
/// squaredError  = Σᵢ wᵢ (yᵢ − ȳ)² / W,   ȳ = Σᵢ wᵢ yᵢ / W
/// ```
/// `gini` and `entropy` apply to classification, `squaredError` to regression.
public enum SplitCriterion: String, Sendable, Equatable, CaseIterable {
  /// Gini impurity (classification).
  case gini
  /// Shannon entropy in bits (classification; scikit-learn's `"entropy"` / `"log_loss"`).
  case entropy
  /// Weighted variance of the target (regression; scikit-learn's `"squared_error"`).
  case squaredError

  /// Whether the criterion applies to classification targets.
  public var isClassification: Bool { self != .squaredError }
}

/// How a node chooses its split threshold (scikit-learn's `splitter`).
public enum Splitter: String, Sendable, Equatable, CaseIterable {
  /// Best threshold per examined feature: midpoints between consecutive distinct sorted values (CART).
  case best
  /// One threshold per examined feature, uniform in [min, max] of the node's values (Extra-Trees,
  /// Geurts, Ernst & Wehenkel 2006).
  case random
}
