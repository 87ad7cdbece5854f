import Linalg
import Models

extension NearestNeighbour {
  /// The most rows at the smallest distance ``SharedTree/predict(_:_:fold:train:test:)``
  /// collects for a test row before it leaves that row to the fold's own tree.
  static let tieLimit = 8

  /// One ``KDTree`` over all rows that answers 1-NN for every cross-validation fold: fold f's
  /// ``predict(_:_:fold:train:test:)`` gives the labels ``NearestNeighbour/predict(_:_:train:test:scan:)``
  /// gives its test rows when trained on its training rows. Built once per dataset; each fold's
  /// prediction is independent of the others, so folds may run in parallel.
  ///
  /// The folds partition the rows (each row in exactly one test set; a fold trains on every
  /// other row), so a test row's candidates are the rows at the smallest distance outside its
  /// own fold (``KDTree/nearestTies(to:groups:excluded:limit:_:)``, distances bit-identical to the
  /// fold tree's). When they all share a class that class is the label, whichever of them the
  /// fold tree would return; when they differ in class, the one the fold's own tree (built on
  /// first need) meets first (``KDTreeSearchOrder``). Rows with more than ``tieLimit`` candidates
  /// are asked of the fold's tree directly, and so is the rest of the fold once such rows are
  /// common. In one column (elite_nn: duplicate values make mixed-class ties the rule, measured
  /// on phoneme, banana, marketing, page-blocks0), on all-integer data (marketing, kr-vs-k: the
  /// same, and slower than the per-fold trees by measurement) and in ``exactColumns`` or more
  /// columns there is no shared tree and each fold takes ``NearestNeighbour/predict(_:_:train:test:scan:)``.
  struct SharedTree: Sendable {
    let whole: KDTree
    /// The fold that tests each row.
    let testFold: [Int]

    /// `nil` where each fold takes ``NearestNeighbour/predict(_:_:train:test:scan:)`` instead: one
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
    /// test), as ``NearestNeighbour/predict(_:_:train:test:scan:)`` gives them; `nil` where that fails.
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
