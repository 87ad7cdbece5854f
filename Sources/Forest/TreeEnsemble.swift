import Linalg

/// A fitted ensemble of trees that averages their predictions (`RandomForest`, `ExtraTrees`).
///
/// Classifiers (`Target == Int`) use soft voting: the predicted probabilities are the mean of the
/// trees' leaf class fractions, as scikit-learn's `predict_proba`. Regressors (`Target == Double`)
/// predict the mean of the trees' predictions and expose the per-tree predictions and their
/// variance, the uncertainty a random-forest surrogate (SMAC, Hutter et al. 2011) uses.
public protocol TreeEnsemble: Sendable {
  /// `Int` for classifiers, `Double` for regressors.
  associatedtype Target: TreeTarget
  /// The fitted trees (scikit-learn's `estimators_`), empty before fitting.
  var estimators: [DecisionTree<Target>] { get }
}

extension TreeEnsemble {
  /// Whether the ensemble has been fitted.
  public var isFitted: Bool { !estimators.isEmpty }

  /// The number of features the ensemble was fitted on (0 before fitting).
  public var featureCount: Int { estimators.first?.featureCount ?? 0 }

  /// Mean decrease in impurity per feature, normalised to sum 1 (scikit-learn's `feature_importances_`).
  ///
  /// The mean over trees (single-leaf trees left out) of each tree's normalised importances,
  /// renormalised to sum 1; all zeros when every tree is a single leaf, empty before fitting.
  public var featureImportances: [Double] {
    var total = [Double](repeating: 0, count: featureCount)
    var trees = 0
    for tree in estimators where tree.nodeCount > 1 {
      for (f, value) in tree.featureImportances.enumerated() { total[f] += value }
      trees += 1
    }
    guard trees > 0 else { return total }
    let sum = total.reduce(0, +)
    return sum > 0 ? total.map { $0 / sum } : total
  }

  /// The mean over trees of each row's leaf values, `rows × outputCount`.
  func meanLeafValues(_ x: Matrix<Double>) throws(ForestError) -> Matrix<Double> {
    precondition(isFitted, "\(Self.self) used for prediction before fit")
    try estimators[0].checkPredictionInput(x)
    let outputs = max(1, estimators[0].classCount)
    var out = Matrix<Double>(rows: x.rows, columns: outputs)
    let scale = 1 / Double(estimators.count)
    out.storage.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for tree in estimators { tree.addLeafValues(of: x, scale: scale, into: base) }
    }
    return out
  }
}

extension TreeEnsemble where Target == Int {
  /// The number of classes of the fitted classifier (0 before fitting).
  public var classCount: Int { estimators.first?.classCount ?? 0 }

  /// Class probabilities by soft voting: the mean over trees of the leaf class fractions.
  ///
  /// - Parameter x: `m × p` finite features (m ≥ 0) with the fitted `p`.
  /// - Returns: an `m × classCount` matrix whose rows sum to 1.
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the ensemble is fitted.
  /// - Complexity: O(T · m · (depth + K)) for `T` trees.
  public func predictProbabilities(_ x: Matrix<Double>) throws(ForestError) -> Matrix<Double> {
    try meanLeafValues(x)
  }

  /// The class with the largest mean probability for each row (lowest label among ties).
  ///
  /// - Parameter x: `m × p` finite features with the fitted `p`.
  /// - Returns: `m` labels in `0..<classCount`.
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the ensemble is fitted.
  public func predict(_ x: Matrix<Double>) throws(ForestError) -> [Int] {
    argmaxRows(try meanLeafValues(x))
  }
}

extension TreeEnsemble where Target == Double {
  /// The mean over trees of each row's prediction.
  ///
  /// - Parameter x: `m × p` finite features with the fitted `p`.
  /// - Returns: `m` predictions.
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the ensemble is fitted.
  /// - Complexity: O(T · m · depth) for `T` trees.
  public func predict(_ x: Matrix<Double>) throws(ForestError) -> [Double] {
    try meanLeafValues(x).storage
  }

  /// Every tree's prediction for every row.
  ///
  /// - Parameter x: `m × p` finite features with the fitted `p`.
  /// - Returns: an `m × T` matrix whose column `t` holds tree `t`'s predictions.
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the ensemble is fitted.
  /// - Complexity: O(T · m · depth).
  public func perTreePredictions(_ x: Matrix<Double>) throws(ForestError) -> Matrix<Double> {
    precondition(isFitted, "\(Self.self) used for prediction before fit")
    try estimators[0].checkPredictionInput(x)
    let trees = estimators.count
    var out = Matrix<Double>(rows: x.rows, columns: trees)
    for (t, tree) in estimators.enumerated() {
      let values = tree.leafValues(of: x).storage
      for i in 0..<x.rows { out.storage[i * trees + t] = values[i] }
    }
    return out
  }

  /// The mean and the variance across trees of each row's prediction.
  ///
  /// ```
  /// mean(x)     = (1/T) Σₜ fₜ(x)
  /// variance(x) = (1/T) Σₜ (fₜ(x) − mean(x))²     (population variance, numpy's `var`)
  /// ```
  /// This is the predictive distribution of SMAC's random-forest surrogate (Hutter et al. 2011)
  /// without its leaf-variance term.
  /// - Parameter x: `m × p` finite features with the fitted `p`.
  /// - Returns: `m` means and `m` variances (≥ 0).
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the ensemble is fitted.
  public func predictMeanAndVariance(_ x: Matrix<Double>) throws(ForestError) -> (mean: [Double], variance: [Double]) {
    let perTree = try perTreePredictions(x)
    let trees = perTree.columns
    var mean = [Double](repeating: 0, count: x.rows)
    var variance = [Double](repeating: 0, count: x.rows)
    for i in 0..<x.rows {
      let row = perTree.storage[(i * trees)..<((i + 1) * trees)]
      let m = row.reduce(0, +) / Double(trees)
      mean[i] = m
      variance[i] = row.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(trees)
    }
    return (mean, variance)
  }
}
