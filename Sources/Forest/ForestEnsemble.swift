import Linalg

/// What sets a tree ensemble's kind apart: how its trees split and whether they see bootstrap
/// samples unless told otherwise.
public protocol ForestKind: Sendable {
  /// The splitter of every tree.
  static var splitter: Splitter { get }
  /// The default of `bootstrap`.
  static var bootstrapsByDefault: Bool { get }
}

/// Breiman's random forest: best splits among the examined features, bootstrap samples.
public enum BreimanForest: ForestKind {
  public static let splitter = Splitter.best
  public static let bootstrapsByDefault = true
}

/// Geurts et al.'s extremely randomised trees: one random threshold per examined feature, the
/// whole training set.
public enum ExtremelyRandomisedTrees: ForestKind {
  public static let splitter = Splitter.random
  public static let bootstrapsByDefault = false
}

/// An ensemble of trees with scikit-learn's semantics, grown on `nJobs` threads, each tree from a
/// generator derived from `seed` and its index, so the fitted ensemble does not depend on `nJobs`.
/// Use it as ``RandomForest`` or ``ExtraTrees``.
public struct ForestEnsemble<Target: TreeTarget, Kind: ForestKind>: TreeEnsemble {
  /// The number of trees T ≥ 1.
  public var nEstimators: Int
  /// The hyperparameters of every tree (`splitter` is `Kind.splitter`).
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

extension ForestEnsemble where Target == Int {
  /// Creates an unfitted classifier; defaults are scikit-learn's `RandomForestClassifier` (≥ 1.1)
  /// or `ExtraTreesClassifier`.
  ///
  /// - Parameters:
  ///   - nEstimators: T ≥ 1, default 100.
  ///   - criterion: `.gini` (default) or `.entropy`.
  ///   - maxDepth: ≥ 1, or `nil` (default) for unlimited.
  ///   - minSamplesSplit: ≥ 2, default 2.
  ///   - minSamplesLeaf: ≥ 1, default 1.
  ///   - maxFeatures: features per node, default `.sqrt`.
  ///   - minImpurityDecrease: ≥ 0, default 0.
  ///   - bootstrap: default `Kind.bootstrapsByDefault` (true for random forests, false for extra trees).
  ///   - nJobs: worker threads ≥ 1, default 2.
  ///   - seed: any value, default 0.
  public init(
    nEstimators: Int = 100, criterion: SplitCriterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
    minSamplesLeaf: Int = 1, maxFeatures: MaxFeatures = .sqrt, minImpurityDecrease: Double = 0,
    bootstrap: Bool = Kind.bootstrapsByDefault, nJobs: Int = 2, seed: UInt64 = 0
  ) {
    self.init(
      nEstimators: nEstimators,
      treeParameters: TreeParameters(
        criterion: criterion, splitter: Kind.splitter, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
        minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures, minImpurityDecrease: minImpurityDecrease),
      bootstrap: bootstrap, nJobs: nJobs, seed: seed)
  }

  /// Fits the ensemble to class labels.
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

extension ForestEnsemble where Target == Double {
  /// Creates an unfitted regressor; defaults are scikit-learn's `RandomForestRegressor` (≥ 1.1)
  /// or `ExtraTreesRegressor`.
  ///
  /// - Parameters:
  ///   - nEstimators: T ≥ 1, default 100.
  ///   - maxDepth: ≥ 1, or `nil` (default) for unlimited.
  ///   - minSamplesSplit: ≥ 2, default 2.
  ///   - minSamplesLeaf: ≥ 1, default 1.
  ///   - maxFeatures: features per node, default `.all` (scikit-learn's 1.0).
  ///   - minImpurityDecrease: ≥ 0, default 0.
  ///   - bootstrap: default `Kind.bootstrapsByDefault` (true for random forests, false for extra trees).
  ///   - nJobs: worker threads ≥ 1, default 2.
  ///   - seed: any value, default 0.
  public init(
    nEstimators: Int = 100, maxDepth: Int? = nil, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1,
    maxFeatures: MaxFeatures = .all, minImpurityDecrease: Double = 0, bootstrap: Bool = Kind.bootstrapsByDefault, nJobs: Int = 2,
    seed: UInt64 = 0
  ) {
    self.init(
      nEstimators: nEstimators,
      treeParameters: TreeParameters(
        criterion: .squaredError, splitter: Kind.splitter, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
        minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures, minImpurityDecrease: minImpurityDecrease),
      bootstrap: bootstrap, nJobs: nJobs, seed: seed)
  }

  /// Fits the ensemble to regression targets (squared error).
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
