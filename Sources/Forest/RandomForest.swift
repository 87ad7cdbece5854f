import Linalg

/// A random forest (Breiman 2001) with scikit-learn's semantics: `RandomForest<Int>` is
/// `RandomForestClassifier`, `RandomForest<Double>` is `RandomForestRegressor`.
///
/// Each of `nEstimators` CART trees is grown on a bootstrap sample (rows weighted by how often
/// they were drawn) and examines `maxFeatures` random features per node; predictions average the
/// trees (soft voting for classes). Trees are grown on `nJobs` threads, each from a generator
/// derived from `seed` and its index, so the fitted forest does not depend on `nJobs`.
///
/// ```swift
/// var forest = RandomForest<Double>(nEstimators: 200, seed: 1)
/// try forest.fit(x, y)
/// let (mean, variance) = try forest.predictMeanAndVariance(candidates)
/// ```
public struct RandomForest<Target: TreeTarget>: TreeEnsemble {
  /// The number of trees T ≥ 1.
  public var nEstimators: Int
  /// The hyperparameters of every tree (`splitter` is `.best`).
  public var treeParameters: TreeParameters
  /// Whether each tree sees a bootstrap sample (true) or the whole training set.
  public var bootstrap: Bool
  /// The number of trees grown at once, ≥ 1.
  public var nJobs: Int
  /// The forest seed (scikit-learn's `random_state`); tree `t` uses a generator derived from `(seed, t)`.
  public var seed: UInt64
  /// The fitted trees (scikit-learn's `estimators_`), empty before fitting.
  public private(set) var estimators: [DecisionTree<Target>] = []
  /// Out-of-bag score of the last fit, `nil` without bootstrap or before fitting.
  ///
  /// Accuracy in [0, 1] for classifiers, R² (≤ 1) for regressors, each row predicted by the trees
  /// whose bootstrap left it out; rows that every tree drew are left out.
  public private(set) var oobScore: Double?

  /// Creates an unfitted forest from explicit settings.
  ///
  /// - Parameters:
  ///   - nEstimators: T ≥ 1.
  ///   - treeParameters: per-tree hyperparameters; the criterion must match `Target`.
  ///   - bootstrap: draw a bootstrap sample per tree.
  ///   - nJobs: worker threads ≥ 1.
  ///   - seed: any value.
  public init(nEstimators: Int, treeParameters: TreeParameters, bootstrap: Bool, nJobs: Int, seed: UInt64) {
    self.nEstimators = nEstimators
    self.treeParameters = treeParameters
    self.bootstrap = bootstrap
    self.nJobs = nJobs
    self.seed = seed
  }

  /// Fits to validated data and stores the trees and the out-of-bag score.
  private mutating func fit(x: Matrix<Double>, data: TrainingData) throws(ForestError) {
    let settings = EnsembleSettings(nEstimators: nEstimators, bootstrap: bootstrap, nJobs: nJobs, seed: seed)
    let fitted: FittedEnsemble<Target> = try fitEnsemble(
      x: x, data: data, parameters: treeParameters, settings: settings)
    estimators = fitted.trees
    oobScore = fitted.oobScore
  }
}

extension RandomForest where Target == Int {
  /// Creates an unfitted classifier; defaults are scikit-learn's `RandomForestClassifier` (≥ 1.1).
  ///
  /// - Parameters:
  ///   - nEstimators: T ≥ 1, default 100.
  ///   - criterion: `.gini` (default) or `.entropy`.
  ///   - maxDepth: ≥ 1, or `nil` (default) for unlimited.
  ///   - minSamplesSplit: ≥ 2, default 2.
  ///   - minSamplesLeaf: ≥ 1, default 1.
  ///   - maxFeatures: features per node, default `.sqrt`.
  ///   - minImpurityDecrease: ≥ 0, default 0.
  ///   - bootstrap: default true.
  ///   - nJobs: worker threads ≥ 1, default 2.
  ///   - seed: any value, default 0.
  public init(
    nEstimators: Int = 100, criterion: SplitCriterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
    minSamplesLeaf: Int = 1, maxFeatures: MaxFeatures = .sqrt, minImpurityDecrease: Double = 0,
    bootstrap: Bool = true, nJobs: Int = 2, seed: UInt64 = 0
  ) {
    self.init(
      nEstimators: nEstimators,
      treeParameters: TreeParameters(
        criterion: criterion, splitter: .best, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
        minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures, minImpurityDecrease: minImpurityDecrease),
      bootstrap: bootstrap, nJobs: nJobs, seed: seed)
  }

  /// Fits the forest to class labels.
  ///
  /// - Parameters:
  ///   - x: `n × p` finite features, n ≥ 1, p ≥ 1.
  ///   - y: `n` labels in `0..<classCount`.
  ///   - classCount: K ≥ 1.
  ///   - sampleWeights: `n` finite weights ≥ 0 with a positive sum, or `nil` for ones.
  /// - Throws: `ForestError` on bad data or hyperparameters; the forest is unchanged then.
  /// - Complexity: O(T · k · n log² n) for balanced trees, `k` features per node, over `nJobs` threads.
  public mutating func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, sampleWeights: [Double]? = nil
  ) throws(ForestError) {
    let data = try TrainingData(x, labels: y, classCount: classCount, weights: sampleWeights)
    try fit(x: x, data: data)
  }
}

extension RandomForest where Target == Double {
  /// Creates an unfitted regressor; defaults are scikit-learn's `RandomForestRegressor` (≥ 1.1).
  ///
  /// - Parameters:
  ///   - nEstimators: T ≥ 1, default 100.
  ///   - maxDepth: ≥ 1, or `nil` (default) for unlimited.
  ///   - minSamplesSplit: ≥ 2, default 2.
  ///   - minSamplesLeaf: ≥ 1, default 1.
  ///   - maxFeatures: features per node, default `.all` (scikit-learn's 1.0).
  ///   - minImpurityDecrease: ≥ 0, default 0.
  ///   - bootstrap: default true.
  ///   - nJobs: worker threads ≥ 1, default 2.
  ///   - seed: any value, default 0.
  public init(
    nEstimators: Int = 100, maxDepth: Int? = nil, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1,
    maxFeatures: MaxFeatures = .all, minImpurityDecrease: Double = 0, bootstrap: Bool = true, nJobs: Int = 2,
    seed: UInt64 = 0
  ) {
    self.init(
      nEstimators: nEstimators,
      treeParameters: TreeParameters(
        criterion: .squaredError, splitter: .best, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
        minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures, minImpurityDecrease: minImpurityDecrease),
      bootstrap: bootstrap, nJobs: nJobs, seed: seed)
  }

  /// Fits the forest to regression targets (squared error).
  ///
  /// - Parameters:
  ///   - x: `n × p` finite features, n ≥ 1, p ≥ 1.
  ///   - y: `n` finite targets.
  ///   - sampleWeights: `n` finite weights ≥ 0 with a positive sum, or `nil` for ones.
  /// - Throws: `ForestError` on bad data or hyperparameters; the forest is unchanged then.
  /// - Complexity: O(T · k · n log² n) for balanced trees, `k` features per node, over `nJobs` threads.
  public mutating func fit(_ x: Matrix<Double>, _ y: [Double], sampleWeights: [Double]? = nil) throws(ForestError) {
    let data = try TrainingData(x, targets: y, weights: sampleWeights)
    try fit(x: x, data: data)
  }
}
