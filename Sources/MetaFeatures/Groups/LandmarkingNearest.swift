import Learners
import Linalg

/// 1-nearest-neighbour predictions for the `one_nn` and `elite_nn` landmarkers, on rows of one
/// matrix selected by index, with the neighbour pymfe's `KNeighborsClassifier(n_neighbors=1)`
/// picks among equally near training rows.
///
/// pymfe 0.4.4 fits `one_nn` with `algorithm="kd_tree"` and `elite_nn` with the default
/// `algorithm="auto"`, which on one column chooses a k-d tree whenever `1 < n_train // 2`;
/// ``StratifiedFolds`` needs at least 10 rows, so every fold trains on at least 9 and both use
/// the k-d tree. ``KDTree`` is a port of scikit-learn's (leaf size 30): distances
/// Σ(aⱼ − bⱼ)² summed in column order, and among the nearest rows the first its depth-first
/// traversal meets.
enum NearestNeighbour {
  /// The labels predicted for `test` rows of `x` by 1-NN on its `train` rows.
  ///
  /// - Parameters:
  ///   - x: n × d features; rows `train` and `test` are used.
  ///   - y: n labels.
  ///   - train: training rows, in the order scikit-learn sees them (ascending for the folds).
  ///   - test: test rows.
  /// - Returns: one label per test row, or `nil` when `x` has no columns, `train` is empty or a
  ///   used value is not finite (where `KNeighborsClassifier` throws).
  static func predict(_ x: Matrix<Double>, _ y: [Int], train: [Int], test: [Int]) -> [Int]? {
    guard let tree = try? KDTree(points: x.rows(train)), let nearest = try? tree.nearest(to: x.rows(test)) else {
      return nil
    }
    return nearest.map { y[train[$0]] }
  }
}
