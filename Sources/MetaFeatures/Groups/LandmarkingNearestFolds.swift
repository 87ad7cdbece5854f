import Learners
import Linalg

extension NearestNeighbour {
  /// The most rows at the smallest distance ``predictFolds(_:_:folds:wanted:)`` collects for a
  /// test row before it leaves that row to the fold's own tree.
  static let tieLimit = 8

  /// The 1-NN labels of several cross-validation folds at once: for each fold in `wanted`, the
  /// labels ``predict(_:_:train:test:)`` gives its test rows when trained on its training rows.
  ///
  /// The folds partition the rows (each row in exactly one test set; a fold trains on every
  /// other row), so one ``KDTree`` over all rows serves every fold in few columns: a test row's
  /// candidates are the rows at the smallest distance outside its own fold
  /// (``KDTree/nearestTies(to:groups:excluded:_:)``, distances bit-identical to the fold
  /// tree's). When they all share a class that class is the label, whichever of them the fold
  /// tree would return; when they differ in class, the one the fold's own tree (built on first
  /// need) meets first (``KDTreeSearchOrder``). Rows with more than ``tieLimit`` candidates are
  /// asked of the fold's tree directly, and so is the rest of the fold once such rows are common.
  /// In one column (elite_nn: duplicate values make mixed-class ties the rule, measured on
  /// phoneme, banana, marketing, page-blocks0), on all-integer data (marketing, kr-vs-k: the
  /// same, and slower than the per-fold trees by measurement) and in ``exactColumns`` or more
  /// columns each fold takes ``predict(_:_:train:test:)``.
  ///
  /// - Parameters:
  ///   - x: n × d features.
  ///   - y: n labels.
  ///   - folds: per fold, training rows (ascending) and test rows; the test sets partition
  ///     `0..<n` and each fold's training rows are all the others.
  ///   - wanted: the folds to predict (indices into `folds`).
  /// - Returns: per wanted fold, one label per test row; `nil` where
  ///   ``predict(_:_:train:test:)`` fails for any of them.
  static func predictFolds(
    _ x: Matrix<Double>, _ y: [Int], folds: [(train: [Int], test: [Int])], wanted: [Int]
  ) -> [Int: [Int]]? {
    let shared = SharedTree(x, folds: folds)
    var result: [Int: [Int]] = [:]
    for f in wanted {
      let (train, test) = folds[f]
      let labels = shared.map { $0.predict(x, y, fold: f, train: train, test: test) } ?? predict(x, y, train: train, test: test)
      guard let labels else { return nil }
      result[f] = labels
    }
    return result
  }

  /// The tree over all rows that ``predictFolds(_:_:folds:wanted:)`` shares between folds, made
  /// once per dataset; each fold's ``predict(_:_:fold:train:test:)`` is independent of the
  /// others, so folds may run in parallel.
  struct SharedTree: Sendable {
    let whole: KDTree
    /// The fold that tests each row.
    let testFold: [Int]

    /// `nil` where each fold takes ``NearestNeighbour/predict(_:_:train:test:)`` instead: one
    /// column, all-integer values, ``NearestNeighbour/exactColumns`` or more columns, or rows the
    /// tree cannot hold (then the per-fold path fails the same way).
    init?(_ x: Matrix<Double>, folds: [(train: [Int], test: [Int])]) {
      guard x.columns < exactColumns, x.columns > 1, x.storage.contains(where: { $0 != $0.rounded() }),
        let whole = try? KDTree(points: x)
      else { return nil }
      var testFold = [Int](repeating: -1, count: x.rows)
      for (f, fold) in folds.enumerated() {
        for t in fold.test { testFold[t] = f }
      }
      self.whole = whole
      self.testFold = testFold
    }

    /// The labels of fold `fold`'s `test` rows, trained on its `train` rows (every row it does not
    /// test), as ``NearestNeighbour/predict(_:_:train:test:)`` gives them; `nil` where that fails.
    func predict(_ x: Matrix<Double>, _ y: [Int], fold f: Int, train: [Int], test: [Int]) -> [Int]? {
      var labels = [Int](repeating: 0, count: test.count)
      // The fold's own tree, built on first need.
      var order: KDTreeSearchOrder?
      func foldOrder() -> KDTreeSearchOrder? {
        if order == nil, let tree = try? KDTree(points: x.rows(train)) { order = KDTreeSearchOrder(tree: tree) }
        return order
      }
      // Each row's position among the training rows (ascending, so row minus earlier test rows).
      var trainPosition = [Int](repeating: 0, count: x.rows)
      var skipped = 0
      for i in 0..<x.rows {
        if testFold[i] == f { skipped += 1 } else { trainPosition[i] = i - skipped }
      }
      // Rows whose ties overflowed, rows that needed the fold's tree for mixed-class ties, and
      // the first row (`rest`) from which the fold's tree answers all: once the costly rows pass
      // a quarter of those searched, the data is taken as tie-heavy for this fold.
      var overflow: [Int] = []
      var mixed = 0
      var rest = test.count
      var failed = false
      func goOn(_ r: Int) -> Bool {
        let costly = overflow.count + mixed
        if costly > 16 && 4 * costly > r {
          rest = r + 1
          return false
        }
        return true
      }
      let searched: Void? = try? whole.nearestTies(
        to: x.rows(test), groups: testFold, excluded: f, limit: tieLimit
      ) { r, ties in
        guard let first = ties.first else {
          overflow.append(r)
          return goOn(r)
        }
        if ties.allSatisfy({ y[$0] == y[first] }) {
          labels[r] = y[first]
          return true
        }
        guard let order = foldOrder() else {
          failed = true
          return false
        }
        mixed += 1
        let t = test[r]
        let picked = x.storage.withUnsafeBufferPointer { p in
          order.firstUnchecked(of: ties.map { trainPosition[$0] }, query: p.baseAddress! + t * x.columns)
        }
        labels[r] = y[train[picked]]
        return goOn(r)
      }
      if searched == nil || failed { return nil }
      let remaining = overflow + Array(rest..<test.count)
      if !remaining.isEmpty {
        guard let tree = foldOrder()?.tree, let nearest = try? tree.nearest(to: x.rows(remaining.map { test[$0] }))
        else { return nil }
        for (r, i) in zip(remaining, nearest) { labels[r] = y[train[i]] }
      }
      return labels
    }
  }
}
