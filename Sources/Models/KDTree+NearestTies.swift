import Linalg

/// The ``KDTreeNeighborSink`` that keeps every point at the smallest distance, skipping the
/// points of one excluded group. Its bound is the next `Double` above the smallest distance, so
/// the search prunes a node only when its box distance is strictly larger, and offers every
/// point at exactly the smallest distance.
struct TieSink: KDTreeNeighborSink {
  var bound = Double.infinity
  var best = Double.infinity
  /// Positions (into ``KDTree/indexOrder``) at distance `best`.
  var positions: [Int] = []
  /// The group of the point at each position.
  let groupAt: UnsafePointer<Int>
  let excluded: Int
  /// The most ties kept; on one more the search stops (``bound`` −∞ prunes everything left).
  let limit: Int

  @inline(__always)
  mutating func offer(_ reduced: Double, position: Int) {
    if groupAt[position] == excluded { return }
    if reduced < best {
      best = reduced
      bound = reduced.nextUp
      positions.removeAll(keepingCapacity: true)
    } else if positions.count == limit {
      bound = -.infinity
      positions.removeAll(keepingCapacity: true)
      return
    }
    positions.append(position)
  }
}

extension KDTree {
  /// For every query row, all points at exactly the smallest squared distance
  /// `Σⱼ (queryⱼ − xⱼ)²` (summed in feature order) among the points whose group is not
  /// `excluded`: the candidates of which a tree built on only those points returns one.
  ///
  /// Distances are computed as in ``nearest(to:)-(Matrix<Double>)``, so they are bit-identical
  /// to those of a tree built on any subset of the points.
  ///
  /// - Parameters:
  ///   - queries: `m × dimension` finite values.
  ///   - groups: the group of every point (`pointCount` values, indexed as the matrix the tree
  ///     was built on).
  ///   - excluded: the group whose points are skipped.
  ///   - limit: the most ties wanted (≥ 1); when more points are at the smallest distance the
  ///     search stops and `body` gets none (for tie-heavy data, where the search with ties
  ///     kept visits many nodes).
  ///   - body: called per query row, in order, with its index and the nearest points' indices
  ///     (rows of the matrix the tree was built on, in no particular order; empty when every
  ///     point is excluded or more than `limit` are tied); returns whether to go on with the
  ///     next row.
  /// - Throws: ``ModelError/featureCountMismatch(expected:got:)`` for the wrong number of
  ///   columns, ``ModelError/rowCountMismatch(field:expected:got:)`` (field `"groups"`) for not
  ///   one group per point, ``ModelError/nonFiniteValue(field:row:column:)`` (field `"query"`)
  ///   for NaN or ±∞.
  public func nearestTies(
    to queries: Matrix<Double>, groups: [Int], excluded: Int, limit: Int = .max,
    _ body: (_ query: Int, _ ties: [Int]) -> Bool
  ) throws(ModelError) {
    guard queries.columns == dimension else {
      throw .featureCountMismatch(expected: dimension, got: queries.columns)
    }
    guard groups.count == pointCount else {
      throw .rowCountMismatch(field: "groups", expected: pointCount, got: groups.count)
    }
    if let bad = queries.storage.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(field: "query", row: bad / dimension, column: bad % dimension)
    }
    let groupAt = indexOrder.map { groups[$0] }
    let d = dimension
    var ties: [Int] = []
    withSearch { tree in
      groupAt.withUnsafeBufferPointer { g in
        queries.storage.withUnsafeBufferPointer { q in
          var sink = TieSink(groupAt: g.baseAddress!, excluded: excluded, limit: Swift.max(1, limit))
          for r in 0..<queries.rows {
            sink.bound = .infinity
            sink.best = .infinity
            sink.positions.removeAll(keepingCapacity: true)
            tree.search(q.baseAddress! + r * d, &sink)
            ties.removeAll(keepingCapacity: true)
            for p in sink.positions { ties.append(indexOrder[p]) }
            if !body(r, ties) { return }
          }
        }
      }
    }
  }
}
