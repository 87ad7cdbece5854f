import Forest
import Linalg

/// Hyperparameter importance by functional ANOVA (Hutter, Hoos & Leyton-Brown 2014, "An
/// efficient approach for assessing hyperparameter importance", ICML), as Optuna 5.0's
/// `FanovaImportanceEvaluator(n_trees=64, max_depth=64)`.
///
/// 1. The parameters are those present in every COMPLETE trial with a finite value (Optuna's
///    intersection search space); parameters with a single value (`low == high`, one choice)
///    get importance 0 and are left out of the fit.
/// 2. A `RandomForest<Double>` (`trees` trees, `maxDepth`, `minSamplesSplit` 2,
///    `minSamplesLeaf` 1, all features per split, bootstrap: scikit-learn's
///    `RandomForestRegressor` defaults) is fitted to the encoded parameters
///    (``SearchSpace/encode(_:)``: unit scale, on `log x` for log parameters, categoricals
///    one-hot) and the objective values `y` as they are (the direction does not matter for
///    variances).
/// 3. For every tree `t` with total variance `Vₜ > 0` and every parameter `j` (its one-hot
///    columns taken together), the fraction `max(V_{t,j}, 0) / Vₜ` (``FanovaTree``); the
///    importance of `j` is the mean over those trees,
///    `I_j = (1/|T₊|) Σ_{t ∈ T₊} V_{t,j} / Vₜ`,
/// 4. normalised to sum 1 and sorted by decreasing importance (ties keep declaration order).
///
/// Differences from Optuna: the forest is this package's (different random streams, so the
/// numbers agree only up to forest noise), and log parameters are analysed on the log scale
/// (Optuna's transform keeps them on the raw scale; the importances coincide for linear
/// parameters, since trees and volume weights are invariant to affine rescaling).
public struct FanovaImportance: Sendable {
  /// Trees in the forest (Optuna: 64).
  public var trees: Int
  /// Maximum tree depth (Optuna: 64).
  public var maxDepth: Int?
  /// scikit-learn's default 2.
  public var minSamplesSplit: Int
  /// scikit-learn's default 1.
  public var minSamplesLeaf: Int
  /// The forest seed.
  public var seed: UInt64

  /// An evaluator with Optuna's defaults.
  public init(
    trees: Int = 64, maxDepth: Int? = 64, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1,
    seed: UInt64 = 0
  ) {
    self.trees = trees
    self.maxDepth = maxDepth
    self.minSamplesSplit = minSamplesSplit
    self.minSamplesLeaf = minSamplesLeaf
    self.seed = seed
  }

  /// The importance of each parameter, summing to 1, most important first.
  ///
  /// - Parameters:
  ///   - space: the study's search space.
  ///   - trials: the study's trials; only COMPLETE ones with a finite first value are used.
  /// - Throws: `unsupported` with fewer than two usable trials, when no parameter varies, when
  ///   every tree has zero variance (a constant objective), or when the forest cannot be fitted.
  public func importances(space: SearchSpace, trials: [Trial]) throws(SearchError)
    -> [(name: String, importance: Double)]
  {
    let done = trials.filter { $0.state == .complete && ($0.value?.isFinite ?? false) }
    guard done.count >= 2 else {
      throw .unsupported("fANOVA needs at least two COMPLETE trials, got \(done.count)")
    }
    let common = space.parameters.filter { p in done.allSatisfy { $0.params[p.name] != nil } }
    let varying = common.filter { !Self.isSingleValued($0) }
    guard !varying.isEmpty else {
      throw .unsupported("fANOVA: no parameter with more than one value is set in every trial")
    }
    let sub = try SearchSpace(
      varying.map { p in
        var q = p
        q.condition = nil
        return q
      })
    let rows = done.map { t in
      sub.encode(
        sub.canonical(Configuration(varying.map { ($0.name, t.params[$0.name] ?? .int(0)) })))
    }
    var groups: [[Int]] = []
    var column = 0
    for p in varying {
      let width: Int
      if case .categorical(let c) = p.domain { width = c.count } else { width = 1 }
      groups.append(Array(column..<(column + width)))
      column += width
    }
    var forest = RandomForest<Double>(
      nEstimators: trees, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
      minSamplesLeaf: minSamplesLeaf, maxFeatures: .all, bootstrap: true, nJobs: 1, seed: seed)
    let x = Matrix<Double>(rows: rows.count, columns: column, storage: rows.flatMap { $0 })
    do {
      try forest.fit(x, done.map { $0.values[0] })
    } catch {
      throw .unsupported("fANOVA: the forest could not be fitted: \(error)")
    }
    let bounds = [(low: Double, high: Double)](repeating: (0, 1), count: column)
    let fanovaTrees = forest.estimators.compactMap(\.fittedTree).map { FanovaTree($0, bounds: bounds) }
    let useful = fanovaTrees.filter { $0.variance > 0 }
    guard !useful.isEmpty else {
      throw .unsupported("fANOVA: every tree has zero variance (constant objective?)")
    }
    var raw = groups.map { g in
      useful.reduce(0.0) { $0 + $1.marginalVariance(of: g) / $1.variance } / Double(useful.count)
    }
    let total = raw.reduce(0, +)
    if total > 0 { raw = raw.map { $0 / total } }
    var result = zip(varying.map(\.name), raw).map { (name: $0.0, importance: $0.1) }
    result += common.filter(Self.isSingleValued).map { (name: $0.name, importance: 0.0) }
    return result.enumerated().sorted {
      $0.element.importance != $1.element.importance
        ? $0.element.importance > $1.element.importance : $0.offset < $1.offset
    }.map(\.element)
  }

  /// ``importances(space:trials:)`` as a dictionary (unordered).
  public func importanceMap(space: SearchSpace, trials: [Trial]) throws(SearchError)
    -> [String: Double]
  {
    Dictionary(
      uniqueKeysWithValues: try importances(space: space, trials: trials).map {
        ($0.name, $0.importance)
      })
  }

  private static func isSingleValued(_ p: Parameter) -> Bool {
    switch p.domain {
    case .float(let lo, let hi, _, _): return lo == hi
    case .int(let lo, let hi, _, _): return lo == hi
    case .categorical(let c): return c.count == 1
    }
  }
}
