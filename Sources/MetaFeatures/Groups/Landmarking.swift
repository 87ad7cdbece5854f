import Datasets
import Forest
import Linalg
import Models

/// pymfe's `landmarking` group: the accuracy of simple learners on the numeric view N, one
/// value per fold of a stratified 10-fold cross-validation without shuffling
/// (`Datasets`' `StratifiedKFold(folds: 10)`, scikit-learn's `StratifiedKFold(10, shuffle=False)`), summarised (mean and sd by default).
///
/// | pymfe name | learner (scikit-learn in pymfe 0.4.4) |
/// |---|---|
/// | `best_node` | decision stump (`DecisionTreeClassifier(max_depth=1, random_state)`) on all attributes |
/// | `random_node` | decision stump on one attribute drawn by `np.random.seed(random_state); randint(0, p)` |
/// | `worst_node` | decision stump on the least important attribute of a full tree fitted on the fold's training rows |
/// | `elite_nn` | 1-nearest neighbour on the most important attribute of that tree |
/// | `one_nn` | 1-nearest neighbour (Euclidean) on all attributes |
/// | `naive_bayes` | Gaussian naive Bayes (`GaussianNB()`) |
/// | `linear_discr` | linear discriminant analysis (`LinearDiscriminantAnalysis()`, SVD solver) |
///
/// Trees are the Forest module's CART fitted on N rounded to `Float` (scikit-learn casts tree
/// inputs to float32) in its scikit-learn mode (same feature draws for the same `random_state`,
/// so the same choice among equally good splits); each column of N is sorted once for all folds
/// (Forest's `FeatureOrder`, which the full trees filter per fold and the one-column stumps'
/// `StumpColumn`s reuse; both give the trees a per-fold fit would). `best_node` reads the full tree's root split
/// (the stump's, see `extract`). Importance ranks order ties by attribute index (numpy's SIMD
/// `argsort` orders them in a machine-dependent way). `one_nn` and `elite_nn` search
/// scikit-learn's k-d tree, as pymfe's `KNeighborsClassifier` does (``NearestNeighbour``), so
/// they pick the same row among equally near ones.
enum LandmarkingGroup {
  static let featureNames = ["best_node", "elite_nn", "linear_discr", "naive_bayes", "one_nn", "random_node", "worst_node"]
  static let foldCount = 10

  /// Extracts the group, one fold after another (``MetaFeatureExtractor`` runs the folds of a
  /// ``Run`` as parallel units itself).
  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
    switch Run.prepare(v, seed: seed) {
    case .failure(let error): Run.recordFailure(error, into: &sink)
    case .success(let run): run.record((0..<run.foldCount).map(run.outcome(fold:)), into: &sink)
    }
  }

  /// One extraction split into its independent folds (``outcome(fold:)``, which may run in
  /// parallel, here or beside other groups) and the step that summarises them (``record(_:into:)``).
  struct Run: Sendable {
    /// Per fold: training rows and test rows, ascending.
    let folds: [(train: [Int], test: [Int])]
    let x: Matrix<Double>
    /// N rounded through `Float`, as scikit-learn's trees see it.
    let xTree: Matrix<Double>
    let y: [Int]
    let classCount: Int
    let seed: Int
    let treeSeed: UInt32
    /// Each column of `xTree` sorted once, filtered per fold.
    let order: FeatureOrder
    /// How every fold's one_nn is found.
    let oneNN: OneNN

    /// One k-d tree over all rows where it pays (real values in 2 to 31 columns); else each
    /// fold's own search, with the brute force's scan of the values made once
    /// (``NearestNeighbour/exactColumns`` or more columns: each fold's training and test rows
    /// are all the rows).
    enum OneNN: Sendable {
      case shared(NearestNeighbour.SharedTree)
      case perFold(scan: NearestTies.Scan?)
    }

    var foldCount: Int { folds.count }

    /// The folds and shared sorted columns, or why the folds cannot be made.
    static func prepare(_ v: DataViews, seed: Int) -> Result<Run, DatasetError> {
      Result { () throws(DatasetError) in try StratifiedKFold(folds: LandmarkingGroup.foldCount).splits(for: v.y) }.map { folds in
        let x = v.numeric
        let xTree = Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { Double(Float($0)) })
        return Run(
          folds: folds, x: x, xTree: xTree, y: v.y, classCount: v.classCount, seed: seed,
          treeSeed: ModelBasedGroup.scikitLearnTreeSeed(seed), order: FeatureOrder(xTree),
          oneNN: NearestNeighbour.SharedTree(x, folds: folds).map(OneNN.shared)
            ?? .perFold(
              scan: x.columns >= NearestNeighbour.exactColumns ? NearestTies.Scan(x, Array(0..<x.rows)) : nil))
      }
    }

    /// Every landmarker NaN with the folds' failure as the reason.
    static func recordFailure(_ error: DatasetError, into sink: inout FeatureSink) {
      let reason: String
      if case .invalidSplit(let why) = error { reason = why } else { reason = error.description }
      for name in featureNames { sink.vector(name, [], reason: reason) }
    }

    /// The learners that need only fold `f`'s rows: its full tree, best_node, elite_nn, one_nn,
    /// naive_bayes and linear_discr. Depends on `f` only, so folds may run in any order.
    func outcome(fold f: Int) -> FoldOutcome {
      let (train, test) = folds[f]
      func accuracy(_ predicted: [Int]?) -> Double? {
        guard let predicted else { return nil }
        let hits = zip(predicted, test).filter { $0 == y[$1] }.count
        return Double(hits) / Double(test.count)
      }
      let k = classCount
      var outcome = FoldOutcome()
      outcome.tree = fullTree(xTree, y, classCount: k, train: train, seed: treeSeed, order: order)
      if let tree = outcome.tree {
        outcome.best = accuracy(test.map { xTree[$0, tree.feature] <= tree.threshold ? tree.left : tree.right })
        outcome.elite = accuracy(NearestNeighbour.predict(x.columns([tree.most]), y, train: train, test: test))
      }
      switch oneNN {
      case .shared(let tree): outcome.oneNN = accuracy(tree.predict(x, y, fold: f, train: train, test: test))
      case .perFold(let scan):
        outcome.oneNN = accuracy(NearestNeighbour.predict(x, y, train: train, test: test, scan: scan))
      }
      outcome.naiveBayes = accuracy(
        try? GaussianNaiveBayes().fit(x.rows(train), train.map { y[$0] }, classCount: k).predict(x.rows(test)))
      outcome.linearDiscr = accuracy(
        try? LinearDiscriminant.fit(x.rows(train), train.map { y[$0] }).predict(x.rows(test)))
      return outcome
    }

    /// Fits the one-column stumps (random_node, worst_node) and records every landmarker from
    /// the folds' `outcomes` (in fold order).
    func record(_ outcomes: [FoldOutcome], into sink: inout FeatureSink) {
      /// One value per fold, or `nil` when a fold has none (as pymfe, which raises on any fold).
      func perFold(_ value: (FoldOutcome) -> Double?) -> [Double]? {
        let values = outcomes.compactMap(value)
        return values.count == outcomes.count ? values : nil
      }
      // Stumps on one column: each fold's stump scans the training rows in the column's order,
      // as `DecisionTree(maxDepth: 1)` would.
      var sortedColumns = [StumpColumn?](repeating: nil, count: x.columns)
      func stumpAccuracies(_ column: (Int) -> Int?) -> [Double]? {
        var scores: [Double] = []
        for (f, fold) in folds.enumerated() {
          guard let j = column(f) else { return nil }
          if sortedColumns[j] == nil {
            sortedColumns[j] = try? StumpColumn(xTree, column: j, order: order, labels: y, classCount: classCount)
          }
          guard let sorted = sortedColumns[j], let fitted = try? sorted.stump(trainingRows: fold.train) else {
            return nil
          }
          let hits = fold.test.filter { fitted.predict(sorted.values[$0]) == y[$0] }.count
          scores.append(Double(hits) / Double(fold.test.count))
        }
        return scores
      }
      func record(_ name: String, _ values: [Double]?, _ reason: String) {
        sink.vector(name, values ?? [], reason: values == nil ? reason : nil)
      }
      let treeReason = "full decision tree failed on a fold"
      record("best_node", perFold(\.best), treeReason)
      var numpy = LegacyNumpyRandom(seed: UInt32(truncatingIfNeeded: seed))
      let randomAttribute = numpy.interval(x.columns - 1)
      record("random_node", stumpAccuracies { _ in randomAttribute }, "decision stump failed on a fold")
      let ranked = outcomes.allSatisfy { $0.tree != nil }
      record("worst_node", ranked ? stumpAccuracies { outcomes[$0].tree?.least } : nil, treeReason)
      record("elite_nn", perFold(\.elite), treeReason)
      record("one_nn", perFold(\.oneNN), "1-NN failed on a fold")
      record("naive_bayes", perFold(\.naiveBayes), "Gaussian naive Bayes failed on a fold")
      record(
        "linear_discr", perFold(\.linearDiscr),
        "linear discriminant analysis failed on a fold (no more training rows than classes)")
    }
  }

  /// A fold's full tree as landmarking uses it: its root split with each side's class (the
  /// stump `best_node` fits: scikit-learn's stump with the same random_state draws the same
  /// features at the root, and its leaves hold the same rows as the root's children), and the
  /// (least, most) important attributes for worst_node and elite_nn: the ends of a stable
  /// ascending argsort (the lowest index among the least, the highest among the most).
  struct TreeSummary: Sendable {
    var feature: Int
    var threshold: Double
    var left: Int
    var right: Int
    var least: Int
    var most: Int
  }

  /// What one fold yields: its tree and the accuracies of the learners fitted on its rows
  /// alone (`nil` where the learner failed).
  struct FoldOutcome: Sendable {
    var tree: TreeSummary?
    var best: Double?
    var elite: Double?
    var oneNN: Double?
    var naiveBayes: Double?
    var linearDiscr: Double?
  }

  /// Fits the full tree on `train` and summarises it, or `nil` when the fit fails.
  static func fullTree(
    _ xTree: Matrix<Double>, _ y: [Int], classCount k: Int, train: [Int], seed: UInt32, order: FeatureOrder
  ) -> TreeSummary? {
    var tree = DecisionTree<Int>()
    guard (try? tree.fit(xTree, rows: train, y, classCount: k, scikitLearnSeed: seed, order: order)) != nil else {
      return nil
    }
    /// The first class of largest fraction (numpy's `argmax`, as a stump predicts).
    func argmax(_ fractions: [Double]) -> Int {
      var best = 0
      for c in fractions.indices where fractions[c] > fractions[best] { best = c }
      return best
    }
    let importance = tree.featureImportances
    var least = 0
    var most = 0
    for j in importance.indices {
      if importance[j] < importance[least] { least = j }
      if importance[j] >= importance[most] { most = j }
    }
    let root = tree.node(at: 0)
    if let feature = root.feature, let left = root.left, let right = root.right {
      return TreeSummary(
        feature: feature, threshold: root.threshold, left: argmax(tree.node(at: left).value),
        right: argmax(tree.node(at: right).value), least: least, most: most)
    }
    // A single leaf: every row gets its class.
    let only = argmax(root.value)
    return TreeSummary(feature: 0, threshold: .infinity, left: only, right: only, least: least, most: most)
  }
}
