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
public typealias RandomForest<Target: TreeTarget> = ForestEnsemble<Target, BreimanForest>
