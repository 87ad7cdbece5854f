/// The hyperparameters of one CART tree, with scikit-learn's names in camelCase.
///
/// Shared by `DecisionTree` and the ensembles (`RandomForest`, `ExtraTrees`), which pass them to
/// every tree they grow. Values are checked when a model is fitted, not here, so a configuration
/// read from a search space can be stored before it is validated.
public struct TreeParameters: Sendable, Equatable {
  /// The impurity to minimise: `.gini` or `.entropy` for classification, `.squaredError` for regression.
  public var criterion: SplitCriterion
  /// `.best` (CART) or `.random` (Extra-Trees thresholds).
  public var splitter: Splitter
  /// The maximum depth of the tree (root at depth 0), ≥ 1; `nil` grows until leaves are pure or
  /// too small to split.
  public var maxDepth: Int?
  /// The minimum number of (distinct) training rows a node needs to be split, ≥ 2.
  public var minSamplesSplit: Int
  /// The minimum number of (distinct) training rows in each child of a split, ≥ 1.
  public var minSamplesLeaf: Int
  /// How many features each node examines.
  public var maxFeatures: MaxFeatures
  /// A node is split only if the weighted impurity decrease `N_t/N · (I − N_R/N_t · I_R − N_L/N_t · I_L)`
  /// is at least this value, ≥ 0.
  public var minImpurityDecrease: Double

  /// Creates tree hyperparameters; the defaults are scikit-learn's for a classification tree.
  ///
  /// - Parameters:
  ///   - criterion: the impurity, default `.gini`.
  ///   - splitter: `.best` (default) or `.random`.
  ///   - maxDepth: maximum depth ≥ 1, or `nil` (default) for unlimited.
  ///   - minSamplesSplit: ≥ 2, default 2.
  ///   - minSamplesLeaf: ≥ 1, default 1.
  ///   - maxFeatures: features examined per node, default `.all`.
  ///   - minImpurityDecrease: ≥ 0, default 0.
  public init(
    criterion: SplitCriterion = .gini,
    splitter: Splitter = .best,
    maxDepth: Int? = nil,
    minSamplesSplit: Int = 2,
    minSamplesLeaf: Int = 1,
    maxFeatures: MaxFeatures = .all,
    minImpurityDecrease: Double = 0
  ) {
    self.criterion = criterion
    self.splitter = splitter
    self.maxDepth = maxDepth
    self.minSamplesSplit = minSamplesSplit
    self.minSamplesLeaf = minSamplesLeaf
    self.maxFeatures = maxFeatures
    self.minImpurityDecrease = minImpurityDecrease
  }

  /// Checks every value against its range and the task, and resolves `maxFeatures`.
  func validated(featureCount: Int, classification: Bool) throws(ForestError) -> ResolvedTreeParameters {
    guard criterion.isClassification == classification else {
      throw .invalidParameter(
        name: "criterion", value: ".\(criterion.rawValue)",
        requirement: classification ? ".gini or .entropy for classification" : ".squaredError for regression")
    }
    if let maxDepth, maxDepth < 1 {
      throw .invalidParameter(name: "maxDepth", value: "\(maxDepth)", requirement: "maxDepth ≥ 1 or nil")
    }
    guard minSamplesSplit >= 2 else {
      throw .invalidParameter(name: "minSamplesSplit", value: "\(minSamplesSplit)", requirement: "minSamplesSplit ≥ 2")
    }
    guard minSamplesLeaf >= 1 else {
      throw .invalidParameter(name: "minSamplesLeaf", value: "\(minSamplesLeaf)", requirement: "minSamplesLeaf ≥ 1")
    }
    guard minImpurityDecrease >= 0, minImpurityDecrease.isFinite else {
      throw .invalidParameter(
        name: "minImpurityDecrease", value: "\(minImpurityDecrease)", requirement: "finite and ≥ 0")
    }
    return ResolvedTreeParameters(
      criterion: criterion, splitter: splitter, maxDepth: maxDepth ?? Int.max,
      minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
      maxFeatures: try maxFeatures.resolved(featureCount: featureCount),
      minImpurityDecrease: minImpurityDecrease)
  }
}

/// Tree hyperparameters after validation, with `maxFeatures` as a count and `maxDepth` as a number.
struct ResolvedTreeParameters: Sendable {
  let criterion: SplitCriterion
  let splitter: Splitter
  let maxDepth: Int
  let minSamplesSplit: Int
  let minSamplesLeaf: Int
  let maxFeatures: Int
  let minImpurityDecrease: Double
}
