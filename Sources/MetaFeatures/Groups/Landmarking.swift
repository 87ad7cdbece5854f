import Forest
import Learners
import Linalg

/// pymfe's `landmarking` group: the accuracy of simple learners on the numeric view N, one
/// value per fold of a stratified 10-fold cross-validation without shuffling
/// (``StratifiedFolds``), summarised (mean and sd by default).
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

  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
    let folds: StratifiedFolds
    switch StratifiedFolds.make(classes: v.y, splits: foldCount) {
    case .failure(let error):
      for name in featureNames { sink.vector(name, [], reason: error.reason) }
      return
    case .success(let f): folds = f
    }
    let x = v.numeric
    let xTree = Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { Double(Float($0)) })
    let y = v.y
    let k = v.classCount
    let treeSeed = ModelBasedGroup.scikitLearnTreeSeed(seed)

    func evaluate(_ predictor: (_ fold: Int, _ train: [Int], _ test: [Int]) throws -> [Int]?) -> [Double]? {
      var scores: [Double] = []
      for (index, fold) in folds.folds.enumerated() {
        guard let predicted = try? predictor(index, fold.train, fold.test) else { return nil }
        let hits = zip(predicted, fold.test).filter { $0 == y[$1] }.count
        scores.append(Double(hits) / Double(fold.test.count))
      }
      return scores
    }
    /// The first class of largest fraction (numpy's `argmax`, as a stump predicts).
    func argmax(_ fractions: [Double]) -> Int {
      var best = 0
      for c in fractions.indices where fractions[c] > fractions[best] { best = c }
      return best
    }
    let order = FeatureOrder(xTree)  // each column sorted once, filtered per fold
    // Stumps on one column (random_node, worst_node): each fold's stump scans the training rows
    // in the column's order, as `DecisionTree(maxDepth: 1)` would.
    var sortedColumns = [StumpColumn?](repeating: nil, count: x.columns)
    func stump(_ column: Int, _ train: [Int], _ test: [Int]) throws -> [Int] {
      let sorted: StumpColumn
      if let known = sortedColumns[column] {
        sorted = known
      } else {
        sorted = try StumpColumn(xTree, column: column, order: order, labels: y, classCount: k)
        sortedColumns[column] = sorted
      }
      let fitted = try sorted.stump(trainingRows: train)
      return test.map { fitted.predict(sorted.values[$0]) }
    }
    func record(_ name: String, _ values: [Double]?, _ reason: String) {
      sink.vector(name, values ?? [], reason: values == nil ? reason : nil)
    }

    // Per fold, a full tree on the training rows. Its root split is the stump best_node fits:
    // scikit-learn's stump with the same random_state draws the same features at the root, and
    // its leaves hold the same rows as the root's children. Its importances rank the
    // attributes for worst_node and elite_nn: (least, most) important, ties to the lowest index.
    var rootStumps: [(feature: Int, threshold: Double, left: Int, right: Int)] = []
    var extremes: [(Int, Int)] = []
    for fold in folds.folds {
      var tree = DecisionTree<Int>()
      guard (try? tree.fit(xTree, rows: fold.train, y, classCount: k, scikitLearnSeed: treeSeed, order: order)) != nil
      else { break }
      let root = tree.node(at: 0)
      if let feature = root.feature, let left = root.left, let right = root.right {
        rootStumps.append((feature, root.threshold, argmax(tree.node(at: left).value), argmax(tree.node(at: right).value)))
      } else {  // a single leaf: every row gets its class
        rootStumps.append((0, .infinity, argmax(root.value), argmax(root.value)))
      }
      let importance = tree.featureImportances
      var least = 0
      var most = 0
      for j in importance.indices {
        if importance[j] < importance[least] { least = j }
        if importance[j] >= importance[most] { most = j }
      }
      extremes.append((least, most))
    }
    let ranked = extremes.count == foldCount
    let best = ranked
      ? evaluate { fold, _, test in
        let stump = rootStumps[fold]
        return test.map { xTree[$0, stump.feature] <= stump.threshold ? stump.left : stump.right }
      } : nil
    record("best_node", best, "full decision tree failed on a fold")
    var numpy = LegacyNumpyRandom(seed: UInt32(truncatingIfNeeded: seed))
    let randomAttribute = numpy.interval(x.columns - 1)
    record("random_node", evaluate { try stump(randomAttribute, $1, $2) }, "decision stump failed on a fold")
    let worst = ranked ? evaluate { try stump(extremes[$0].0, $1, $2) } : nil
    record("worst_node", worst, "full decision tree failed on a fold")
    let elite = ranked
      ? evaluate { fold, train, test in
        let column = x.columns([extremes[fold].1])
        return NearestNeighbour.predict(column, y, train: train, test: test)
      } : nil
    record("elite_nn", elite, "full decision tree failed on a fold")

    record("one_nn", evaluate { NearestNeighbour.predict(x, y, train: $1, test: $2) }, "1-NN failed on a fold")
    record(
      "naive_bayes",
      evaluate { _, train, test in
        try GaussianNaiveBayes().fit(x.rows(train), train.map { y[$0] }, classCount: k).predict(x.rows(test))
      }, "Gaussian naive Bayes failed on a fold")
    let ldaReason = "linear discriminant analysis failed on a fold (no more training rows than classes)"
    record(
      "linear_discr",
      evaluate { _, train, test in
        try LinearDiscriminant.fit(x.rows(train), train.map { y[$0] }).predict(x.rows(test))
      }, ldaReason)
  }
}
