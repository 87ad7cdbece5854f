/// Which of several equally near points a ``KDTree``'s depth-first query meets first, without
/// running the query: for callers that find the nearest distance some faster way (brute force
/// with bit counts or BLAS in many dimensions, where k-d trees degrade) and need the point
/// scikit-learn's `KDTree.query(k=1)` returns among the points at that distance.
///
/// Why the first met: the query (`KDTree.nearest(to:)`) visits at each internal
/// node the child with the smaller squared box distance first (the left one on ties), scans a
/// leaf's points in ``KDTree/indexOrder`` order, skips nodes whose box distance is not below
/// the best distance found, and keeps a point only when strictly nearer. The box distance is
/// at most the computed distance of any point in the box (both are sums, in feature order, of
/// squares of rounded differences, and the box's difference is never the larger), so while the
/// smallest distance D is unmet the best exceeds D and no node holding a point at D is skipped;
/// once a point at D is kept no other replaces it. So the query returns, of the points at
/// distance D, the first in the full (unpruned) depth-first order, which this type finds by one
/// walk from the root: where the candidates split between two children it follows the child
/// visited first, and in a leaf it takes the lowest position.
public struct KDTreeSearchOrder: Sendable {
  /// The tree whose search order is followed.
  public let tree: KDTree
  /// The position in `tree.indexOrder` of each point, `position[indexOrder[r]] == r`.
  private let position: [Int]

  /// Prepares the walk for `tree`.
  ///
  /// - Complexity: O(n) for the tree's n points.
  public init(tree: KDTree) {
    var position = [Int](repeating: 0, count: tree.pointCount)
    for (r, i) in tree.indexOrder.enumerated() { position[i] = r }
    self.tree = tree
    self.position = position
  }

  /// Of `candidates`, the point the tree's depth-first query from `query` meets first; when the
  /// candidates are exactly the points at the smallest distance `Σⱼ (queryⱼ − xⱼ)²` (summed in
  /// feature order), this is the point `KDTree.nearest(to:)` returns.
  ///
  /// - Parameters:
  ///   - candidates: point indices (rows of the matrix the tree was built on), at least one,
  ///     each in `0..<tree.pointCount`, in any order.
  ///   - query: `tree.dimension` finite values.
  /// - Returns: one of `candidates`.
  /// - Throws: ``ModelError/emptyInput(field:)`` (field `"candidates"`) for no candidates,
  ///   ``ModelError/invalidHyperparameter(name:value:requirement:)`` (name `"candidates"`) for
  ///   an index out of range, ``ModelError/featureCountMismatch(expected:got:)`` for a query of
  ///   the wrong length, ``ModelError/nonFiniteValue(field:row:column:)`` (field `"query"`, row
  ///   0) for NaN or ±∞.
  /// - Complexity: O(c·log c + depth·(log c + d)) for c candidates and d features.
  public func first(of candidates: [Int], query: [Double]) throws(ModelError) -> Int {
    guard !candidates.isEmpty else { throw .emptyInput(field: "candidates") }
    if let bad = candidates.first(where: { $0 < 0 || $0 >= tree.pointCount }) {
      throw .invalidHyperparameter(
        name: "candidates", value: String(bad), requirement: "0 ≤ index < \(tree.pointCount) (the tree's points)")
    }
    guard query.count == tree.dimension else {
      throw .featureCountMismatch(expected: tree.dimension, got: query.count)
    }
    if let column = query.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(field: "query", row: 0, column: column)
    }
    return query.withUnsafeBufferPointer { q in firstUnchecked(of: candidates, query: q.baseAddress!) }
  }

  /// ``first(of:query:)`` without the checks: `candidates` non-empty and in range, `query`
  /// pointing at `tree.dimension` finite values.
  public func firstUnchecked(of candidates: [Int], query: UnsafePointer<Double>) -> Int {
    if candidates.count == 1 { return candidates[0] }
    let positions = candidates.map { position[$0] }.sorted()
    // The candidates still in play are positions[lo..<hi], all inside `node`'s range.
    var (lo, hi) = (0, positions.count)
    var node = 0
    while !tree.isLeaf[node] && hi - lo > 1 {
      let (left, right) = (2 * node + 1, 2 * node + 2)
      let split = tree.nodeStart[right]
      // First candidate in the right child (positions are sorted).
      var (a, b) = (lo, hi)
      while a < b {
        let mid = (a + b) / 2
        if positions[mid] < split { a = mid + 1 } else { b = mid }
      }
      if a == hi {
        node = left
      } else if a == lo {
        node = right
      } else if leftVisitedFirst(node, query) {
        (node, hi) = (left, a)
      } else {
        (node, lo) = (right, a)
      }
    }
    // In a leaf (or with one candidate left) the lowest position is met first.
    return tree.indexOrder[positions[lo]]
  }

  /// Whether the query visits internal node `node`'s left child before its right one.
  private func leftVisitedFirst(_ node: Int, _ query: UnsafePointer<Double>) -> Bool {
    tree.withSearch { search in search.boxDistance(2 * node + 1, query) <= search.boxDistance(2 * node + 2, query) }
  }
}
