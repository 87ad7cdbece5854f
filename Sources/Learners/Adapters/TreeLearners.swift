import Forest
import Linalg
import Search

/// Shared tree hyperparameters with scikit-learn's names. `max_depth=0` stands for scikit-learn's
/// `None` (unlimited); `max_features` is `all` (scikit-learn's `None`), `sqrt` or `log2`.
enum TreeSpace {
  static func tree(maxFeatures: String) -> [Parameter] {
    [
      .categorical("criterion", ["gini", "entropy"], default: "gini"),
      .int("max_depth", 0, 1000, default: 0),
      .int("min_samples_split", 2, 10_000, log: true, default: 2),
      .int("min_samples_leaf", 1, 10_000, log: true, default: 1),
      .categorical("max_features", ["all", "sqrt", "log2"], default: maxFeatures),
      .float("min_impurity_decrease", 0, 1, default: 0),
    ]
  }

  static func parameters(_ c: ConfigurationReader) throws(LearnerError) -> TreeParameters {
    let depth = try c.int("max_depth")
    let maxFeatures: MaxFeatures
    switch try c.string("max_features") {
    case "sqrt": maxFeatures = .sqrt
    case "log2": maxFeatures = .log2
    default: maxFeatures = .all
    }
    return TreeParameters(
      criterion: try c.string("criterion") == "entropy" ? .entropy : .gini, splitter: .best,
      maxDepth: depth == 0 ? nil : depth, minSamplesSplit: try c.int("min_samples_split"),
      minSamplesLeaf: try c.int("min_samples_leaf"), maxFeatures: maxFeatures,
      minImpurityDecrease: try c.double("min_impurity_decrease"))
  }
}

/// A fitted tree or forest classifier.
struct TreeModel<Model: Sendable>: TrainedModel {
  let learner: String
  let model: Model
  let predictor: @Sendable (Model, Matrix<Double>) throws(ForestError) -> [Int]

  func predict(_ x: Matrix<Double>) throws(LearnerError) -> [Int] {
    do {
      return try predictor(model, x)
    } catch {
      throw .underlying(learner: learner, message: "\(error)")
    }
  }
}

/// A CART decision tree classifier (`decision_tree`), scikit-learn's `DecisionTreeClassifier`.
public struct DecisionTreeLearner: Learner {
  public let name = "decision_tree"
  public let needsStandardization = false
  public let iterationKind: Resource.Kind? = nil
  public let searchSpace = SearchSpace.builtIn(TreeSpace.tree(maxFeatures: "all"))

  /// The learner with its default space.
  public init() {}

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let p = try TreeSpace.parameters(ConfigurationReader(config, learner: name))
    var tree = DecisionTree<Int>(
      criterion: p.criterion, splitter: .best, maxDepth: p.maxDepth, minSamplesSplit: p.minSamplesSplit,
      minSamplesLeaf: p.minSamplesLeaf, maxFeatures: p.maxFeatures, minImpurityDecrease: p.minImpurityDecrease,
      seed: seed)
    do {
      try tree.fit(x, y, classCount: classCount)
    } catch {
      throw .underlying(learner: name, message: "\(error)")
    }
    return TreeModel(learner: name, model: tree) { (m, x) throws(ForestError) in try m.predict(x) }
  }
}

/// A random forest (`random_forest`) or extra-trees (`extra_trees`) classifier, scikit-learn's
/// `RandomForestClassifier` / `ExtraTreesClassifier` (`n_estimators=100`, `max_features="sqrt"`,
/// bootstrap on for random forests and off for extra trees). Budget: trees
/// (`n_estimators` × iteration fraction).
public struct ForestLearner: Learner {
  /// Which ensemble.
  public enum Kind: Sendable { case randomForest, extraTrees }
  public let kind: Kind
  public var name: String { kind == .randomForest ? "random_forest" : "extra_trees" }
  public let needsStandardization = false
  public let iterationKind: Resource.Kind? = .trees
  public let searchSpace: SearchSpace

  /// The learner of the given kind with its default space.
  public init(_ kind: Kind) {
    self.kind = kind
    searchSpace = SearchSpace.builtIn(
      [.int("n_estimators", 1, 10_000, log: true, default: 100)] + TreeSpace.tree(maxFeatures: "sqrt")
        + [.categorical("bootstrap", ["true", "false"], default: kind == .randomForest ? "true" : "false")])
  }

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let c = ConfigurationReader(config, learner: name)
    let p = try TreeSpace.parameters(c)
    let trees = budget.iterations(of: try c.int("n_estimators"))
    let bootstrap = try c.string("bootstrap") == "true"
    do {
      switch kind {
      case .randomForest:
        var forest = RandomForest<Int>(
          nEstimators: trees, treeParameters: p, bootstrap: bootstrap, nJobs: BLASThreads.count, seed: seed)
        try forest.fit(x, y, classCount: classCount)
        return TreeModel(learner: name, model: forest) { (m, x) throws(ForestError) in try m.predict(x) }
      case .extraTrees:
        var treeParameters = p
        treeParameters.splitter = .random
        var forest = ExtraTrees<Int>(
          nEstimators: trees, treeParameters: treeParameters, bootstrap: bootstrap, nJobs: BLASThreads.count,
          seed: seed)
        try forest.fit(x, y, classCount: classCount)
        return TreeModel(learner: name, model: forest) { (m, x) throws(ForestError) in try m.predict(x) }
      }
    } catch {
      throw .underlying(learner: name, message: "\(error)")
    }
  }
}
