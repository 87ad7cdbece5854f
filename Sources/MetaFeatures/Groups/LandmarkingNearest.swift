import Linalg
import Models

/// 1-nearest-neighbour predictions for the `one_nn` and `elite_nn` landmarkers, on rows of one
/// matrix selected by index, with the neighbour pymfe's `KNeighborsClassifier(n_neighbors=1)`
/// picks among equally near training rows.
///
/// pymfe 0.4.4 fits `one_nn` with `algorithm="kd_tree"` and `elite_nn` with the default
/// `algorithm="auto"`, which on one column chooses a k-d tree whenever `1 < n_train // 2`;
/// `StratifiedKFold(folds: 10)` needs at least 10 rows, so every fold trains on at least 9 and both use
/// the k-d tree. ``KDTree`` is a port of scikit-learn's (leaf size 30): distances
/// D = Σ(aⱼ − bⱼ)² summed in column order, and among the nearest rows the first its depth-first
/// traversal meets.
///
/// In few columns the tree is searched. In many columns (``Path/fastest``), where k-d trees
/// degrade towards visiting every leaf, the same row is found another way (``NearestTies``):
/// the training rows at exactly the smallest D by brute force (BLAS `gemm`, exact in `Float` for
/// small integers such as one-hot columns), and when there are several, the one the tree's search meets first
/// (``KDTreeSearchOrder``, the tree built only for folds with such ties).
enum NearestNeighbour {
  /// How the nearest row is found.
  enum Path {
    /// Search the k-d tree.
    case tree
    /// ``NearestTies`` (falling back to the tree when values are so large that squared norms
    /// could overflow).
    case bruteForce
    /// Whichever is faster, by measurement (`mfe-timing --groups landmarking`, old and new
    /// binaries alternated): brute force from ``exactColumns`` columns when the values are
    /// integers exact in `Float` gemm (mushroom's and chess's one-hot columns, digits' pixel
    /// counts: 1.5–1.6× faster landmarking), otherwise only from ``realColumns``. Below that the
    /// tree was as fast or faster: real values in 60–90 columns (kddcup 0.76×, german, sonar,
    /// movement_libras about 1×), integers exact only in `Double` (german 0.68×), and small
    /// one-hot sets under 32 columns (flare-F's 19: 0.84×); k-d trees do well in few dimensions.
    case fastest
  }

  /// The fewest columns for which ``Path/fastest`` takes the exact `Float` brute force.
  static let exactColumns = 32
  /// The fewest columns for which ``Path/fastest`` takes the `Double` brute force (no bundled
  /// dataset has that many; the tree degrades further with the dimension).
  static let realColumns = 128

  /// The labels predicted for `test` rows of `x` by 1-NN on its `train` rows.
  ///
  /// - Parameters:
  ///   - x: n × d features; rows `train` and `test` are used.
  ///   - y: n labels.
  ///   - train: training rows, in the order scikit-learn sees them (ascending for the folds).
  ///   - test: test rows.
  ///   - scan: `NearestTies.Scan(x, train + test)` when the caller already has it (it depends on
  ///     those rows' values only, so folds that together use every row can share one).
  /// - Returns: one label per test row, or `nil` when `x` has no columns, `train` is empty or a
  ///   used value is not finite (where `KNeighborsClassifier` throws).
  static func predict(
    _ x: Matrix<Double>, _ y: [Int], train: [Int], test: [Int], scan: NearestTies.Scan? = nil
  ) -> [Int]? {
    nearestRows(x, train: train, test: test, path: .fastest, labels: y, scan: scan)?.map { y[train[$0]] }
  }

  /// The nearest training row of every test row, as a position in `train`: the row
  /// `KDTree(points: x.rows(train)).nearest(to: x.rows(test))` returns, whichever `path`.
  ///
  /// With `labels` (the n labels of `x`'s rows), only the nearest row's label has to be the
  /// tree's: among equally near rows that all share a label the first is returned, and the
  /// tree's search order is needed (and the tree built) only where the tied rows' labels differ.
  /// - Returns: `nil` as ``predict(_:_:train:test:scan:)``.
  static func nearestRows(
    _ x: Matrix<Double>, train: [Int], test: [Int], path: Path, labels: [Int]? = nil, scan: NearestTies.Scan? = nil
  ) -> [Int]? {
    if path != .tree, x.columns >= (path == .fastest ? exactColumns : 1), !train.isEmpty {
      let scan = scan ?? NearestTies.Scan(x, train + test)
      guard scan.finite else { return nil }
      let wanted = path == .bruteForce || scan.exactInFloat || x.columns >= realColumns
      // Below 2^400 no square, norm or product of the gemm path can overflow.
      if wanted && scan.largestMagnitude < 0x1p400 {
        var order: KDTreeSearchOrder?
        return NearestTies.nearest(x, train: train, test: test, scan: scan) { t, candidates in
          if let labels, let first = candidates.first,
            candidates.allSatisfy({ labels[train[$0]] == labels[train[first]] })
          {
            return first
          }
          if order == nil {
            guard let tree = try? KDTree(points: x.rows(train)) else { return nil }
            order = KDTreeSearchOrder(tree: tree)
          }
          return x.storage.withUnsafeBufferPointer { p in
            order?.firstUnchecked(of: candidates, query: p.baseAddress! + t * x.columns)
          }
        }
      }
    }
    guard let tree = try? KDTree(points: x.rows(train)), let nearest = try? tree.nearest(to: x.rows(test)) else {
      return nil
    }
    return nearest
  }
}
