import Linalg

/// Extremely randomised trees (Geurts, Ernst & Wehenkel 2006) with scikit-learn's semantics: `ExtraTrees<Int>` is
/// `ExtraTreesClassifier`, `ExtraTrees<Double>` is `ExtraTreesRegressor`.
///
/// Each of `nEstimators` trees is grown on the whole training set (no bootstrap by default) and,
/// at each node, draws one threshold per examined feature uniformly in [min, max] of the node's
/// values, keeping the best of those; predictions average the trees (soft voting for classes).
/// Trees are grown on `nJobs` threads, each from a generator derived from `seed` and its index,
/// so the fitted ensemble does not depend on `nJobs`.
///
/// ```swift
/// var forest = ExtraTrees<Double>(nEstimators: 200, seed: 1)
/// try forest.fit(x, y)
/// let (mean, variance) = try forest.predictMeanAndVariance(candidates)
/// ```
public typealias ExtraTrees<Target: TreeTarget> = ForestEnsemble<Target, ExtremelyRandomisedTrees>
