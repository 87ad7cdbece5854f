import Linalg

/// A KD-tree for Euclidean nearest-neighbour queries that reproduces scikit-learn 1.9.1's
/// `KDTree` (the tree `KNeighborsClassifier` builds with `algorithm="auto"` on dense data
/// with ≤ 15 features), including which of several equally distant points it returns.
///
/// Construction (sklearn/neighbors/_binary_tree.pxi.tp, _kd_tree.pyx.tp):
/// ```
/// levels = 1 + ⌊log2(max(1, (n − 1) / leafSize))⌋,   nodes = 2^levels − 1 (heap layout)
/// node i: bounds = per-feature min/max of its points; a leaf if 2i + 1 ≥ nodes,
///         else split at n/2 on the feature of largest spread (first on ties),
///         points ordered by (value, index) with libstdc++'s nth_element
/// ```
/// Query (single tree, depth first, `dualtree=False`, `breadth_first=False`): the nearer child
/// (smaller squared box distance, the left one on ties) first; a point replaces a kept one only
/// when strictly nearer, so among equal distances the first point met wins. scikit-learn skips
/// a node when its box distance exceeds the current k-th best; this tree also skips it when the
/// two are equal, which cannot change the result (no point in it could be strictly nearer). Distances are summed
/// `Σⱼ (qⱼ − xⱼ)²` in feature order and returned as their square root, as scikit-learn does.
public struct KDTree: Sendable {
  /// The minimum number of points per leaf (scikit-learn's `leaf_size`, default 30 in
  /// `KNeighborsClassifier`).
  public let leafSize: Int
  /// The number of points the tree was built on.
  public let pointCount: Int
  /// The number of features of every point.
  public let dimension: Int
  /// The point indices in tree order, scikit-learn's `idx_array`: node i holds
  /// `indexOrder[nodeRange(i)]`.
  public let indexOrder: [Int]
  /// The number of nodes, `2^levels − 1`.
  public let nodeCount: Int

  /// The points, row-major in tree order (row r is input row `indexOrder[r]`).
  let sortedPoints: [Double]
  let nodeStart: [Int]
  let nodeEnd: [Int]
  let isLeaf: [Bool]
  /// Per node `2 × dimension` bounds: feature j's lower bound at `node * 2d + 2j`, its upper
  /// bound right after it.
  let nodeBounds: [Double]
  /// The points and node boxes as `Float` lanes when the points are small integers in 2 to 16
  /// features (``SmallIntegerLanes``), for batched queries.
  let lanes: SmallIntegerLanes?

  /// Builds the tree.
  ///
  /// - Parameters:
  ///   - points: `n × d` finite points, n ≥ 1, d ≥ 1.
  ///   - leafSize: scikit-learn's `leaf_size` ≥ 1 (default 30, `KNeighborsClassifier`'s).
  /// - Throws: ``ModelError/emptyInput(field:)`` for no rows or columns,
  ///   ``ModelError/nonFiniteValue(field:row:column:)`` for NaN or ±∞ (field `"points"`),
  ///   ``ModelError/invalidHyperparameter(name:value:requirement:)`` for `leafSize` < 1.
  /// - Complexity: O(n·d·log n) time, O(n·d) memory.
  public init(points: Matrix<Double>, leafSize: Int = 30) throws(ModelError) {
    try require(leafSize >= 1, "leafSize", leafSize, "leafSize ≥ 1")
    try validateFeatures(points, field: "points")
    let (n, d) = (points.rows, points.columns)
    // int(np.log2(fmax(1, (n_samples - 1) / leaf_size)) + 1); for x ≥ 1, ⌊log2 x⌋ is the
    // binary exponent of x (a ratio of integers is never within rounding of a power of 2).
    let levels = Int(Swift.max(1.0, Double(n - 1) / Double(leafSize)).exponent) + 1
    let nodes = (1 << levels) - 1
    var order = Array(0..<n)
    var start = [Int](repeating: 0, count: nodes)
    var end = [Int](repeating: 0, count: nodes)
    var leaf = [Bool](repeating: false, count: nodes)
    var bounds = [Double](repeating: 0, count: nodes * 2 * d)
    var keys = [SplitKey](repeating: SplitKey(value: 0, index: 0), count: n)
    points.storage.withUnsafeBufferPointer { x in
      order.withUnsafeMutableBufferPointer { o in
        keys.withUnsafeMutableBufferPointer { k in
          start.withUnsafeMutableBufferPointer { s in
            end.withUnsafeMutableBufferPointer { e in
              leaf.withUnsafeMutableBufferPointer { l in
                bounds.withUnsafeMutableBufferPointer { b in
                  withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * d) { lowHigh in
                    KDTreeBuilder(
                      data: x.baseAddress!, columns: d, nodeCount: nodes, order: o.baseAddress!,
                      keys: k.baseAddress!, start: s.baseAddress!, end: e.baseAddress!,
                      leaf: l.baseAddress!, bounds: b.baseAddress!, lowHigh: lowHigh.baseAddress!
                    ).build(node: 0, start: 0, end: n)
                  }
                }
              }
            }
          }
        }
      }
    }
    self.leafSize = leafSize
    self.pointCount = n
    self.dimension = d
    self.nodeCount = nodes
    self.indexOrder = order
    self.nodeStart = start
    self.nodeEnd = end
    self.isLeaf = leaf
    self.nodeBounds = bounds
    self.sortedPoints = [Double](unsafeUninitializedCapacity: n * d) { sorted, count in
      points.storage.withUnsafeBufferPointer { x in
        for (r, i) in order.enumerated() {
          (sorted.baseAddress! + r * d).initialize(from: x.baseAddress! + i * d, count: d)
        }
      }
      count = n * d
    }
    self.lanes = SmallIntegerLanes(sortedPoints, rows: n, columns: d, bounds: bounds, nodes: nodes)
  }

  /// The positions in ``indexOrder`` of node `node`'s points.
  ///
  /// - Precondition: `0 ≤ node < nodeCount`.
  public func nodeRange(_ node: Int) -> Range<Int> { nodeStart[node]..<nodeEnd[node] }

  /// Node `node`'s bounding box, scikit-learn's `node_bounds[:, node]`: per feature the
  /// smallest and largest value of the node's points (same units as the features).
  ///
  /// - Precondition: `0 ≤ node < nodeCount`.
  public func nodeBox(_ node: Int) -> (lower: [Double], upper: [Double]) {
    let box = nodeBounds[(node * 2 * dimension)..<((node + 1) * 2 * dimension)]
    let values = Array(box)
    return (
      stride(from: 0, to: values.count, by: 2).map { values[$0] },
      stride(from: 1, to: values.count, by: 2).map { values[$0] }
    )
  }

  /// The nearest point to `query` and its Euclidean distance; among equally near points, the
  /// one scikit-learn's `KDTree.query(k=1)` returns.
  ///
  /// - Parameter query: `dimension` finite values.
  /// - Returns: the row of the nearest point in the matrix the tree was built on, and the
  ///   distance (same units as the features).
  /// - Throws: ``ModelError/featureCountMismatch(expected:got:)`` for the wrong length,
  ///   ``ModelError/nonFiniteValue(field:row:column:)`` (field `"query"`, row 0) for NaN or ±∞.
  public func nearest(to query: [Double]) throws(ModelError) -> (index: Int, distance: Double) {
    guard query.count == dimension else {
      throw .featureCountMismatch(expected: dimension, got: query.count)
    }
    if let column = query.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(field: "query", row: 0, column: column)
    }
    let found = withSearch { tree in
      query.withUnsafeBufferPointer { q in
        var sink = NearestSink()
        tree.search(q.baseAddress!, &sink)
        return sink
      }
    }
    return (indexOrder[found.position], found.bound.squareRoot())
  }

  /// The nearest point of every query row (scikit-learn's
  /// `KNeighborsClassifier(n_neighbors=1).kneighbors(queries, return_distance=False)`).
  ///
  /// - Parameter queries: `m × dimension` finite values (m may be 0).
  /// - Returns: `m` row indices into the matrix the tree was built on.
  /// - Throws: ``ModelError/featureCountMismatch(expected:got:)`` for the wrong number of
  ///   columns, ``ModelError/nonFiniteValue(field:row:column:)`` (field `"query"`) for NaN or ±∞.
  /// - Complexity: about O(m·log n) for well-spread data, O(m·n) at worst.
  public func nearest(to queries: Matrix<Double>) throws(ModelError) -> [Int] {
    try validateQueries(queries)
    let (m, d) = (queries.rows, dimension)
    if let lanes, lanes.exact(forQueries: queries.storage, columns: d) {
      switch lanes.width {
      case 4: return nearest(to: queries, in: lanes, SIMD4<Float>.self)
      case 8: return nearest(to: queries, in: lanes, SIMD8<Float>.self)
      default: return nearest(to: queries, in: lanes, SIMD16<Float>.self)
      }
    }
    return withSearch { tree in
      queries.storage.withUnsafeBufferPointer { q in
        indexOrder.withUnsafeBufferPointer { order in
          [Int](unsafeUninitializedCapacity: m) { out, count in
            for r in 0..<m {
              var sink = NearestSink()
              tree.search(q.baseAddress! + r * d, &sink)
              out[r] = order[sink.position]
            }
            count = m
          }
        }
      }
    }
  }

  /// The `k` nearest points of every query row, nearest first, as scikit-learn's
  /// `KDTree.query(queries, k)` (equal distances in scikit-learn's order).
  ///
  /// - Parameters:
  ///   - queries: `m × dimension` finite values.
  ///   - k: the number of neighbours, `1 ≤ k ≤ pointCount`.
  /// - Returns: per query row, k `(index, distance)` pairs.
  /// - Throws: ``ModelError/invalidHyperparameter(name:value:requirement:)`` for k out of
  ///   range, ``ModelError/featureCountMismatch(expected:got:)``, or
  ///   ``ModelError/nonFiniteValue(field:row:column:)`` (field `"query"`).
  public func neighbors(of queries: Matrix<Double>, k: Int) throws(ModelError) -> [[(
    index: Int, distance: Double
  )]] {
    try require(k >= 1 && k <= pointCount, "k", k, "1 ≤ k ≤ \(pointCount) (the tree's points)")
    try validateQueries(queries)
    return withSearch { tree in
      queries.storage.withUnsafeBufferPointer { q in
        (0..<queries.rows).map { r in
          var heap = NeighborsHeap(k: k)
          tree.search(q.baseAddress! + r * dimension, &heap)
          heap.sort()
          // The heap holds tree positions; its order depends on the distances alone.
          return zip(heap.indices, heap.values).map { (indexOrder[$0], $1.squareRoot()) }
        }
      }
    }
  }

  private func validateQueries(_ queries: Matrix<Double>) throws(ModelError) {
    guard queries.columns == dimension else {
      throw .featureCountMismatch(expected: dimension, got: queries.columns)
    }
    if queries.rows > 0 { try validateFeatures(queries, field: "query") }
  }
}

extension KDTree {
  /// The points in tree order as zero-padded lanes of 4, 8 or 16 `Float`s, made when there are
  /// 2 to 16 features and every value is an integer of magnitude at most 2¹² (ordinal codes,
  /// one-hot columns, counts). For queries of integers with d·(max|q| + max|x|)² ≤ 2²⁴ the leaf
  /// scan and the boxes' distances sum their squares lane-wise (``LaneDistances``), exactly
  /// scikit-learn's `Double` sums, without their chains of dependent additions.
  struct SmallIntegerLanes: Sendable {
    /// 4, 8 or 16 lanes per point.
    let width: Int
    /// Point r's lanes at `r * width`.
    let values: [Float]
    /// Node i's lower and upper bounds' lanes at `i * width`.
    let lower: [Float]
    let upper: [Float]
    /// The largest magnitude of a point's value.
    let largestMagnitude: Double

    init?(_ sortedPoints: [Double], rows n: Int, columns d: Int, bounds: [Double], nodes: Int) {
      // One feature is a single subtraction either way.
      guard d >= 2, d <= 16, let largest = Self.integerMagnitude(sortedPoints) else { return nil }
      let width = d <= 4 ? 4 : d <= 8 ? 8 : 16
      /// `count` rows of d values each into `width` lanes: row i's value j at
      /// `source[i * stride + j * step]`.
      func lanes(_ count: Int, _ source: UnsafePointer<Double>, stride: Int, step: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count * width) { out, initialized in
          out.initialize(repeating: 0)
          for i in 0..<count {
            for j in 0..<d { out[i * width + j] = Float(source[i * stride + j * step]) }
          }
          initialized = count * width
        }
      }
      // The boxes' bounds are points' values, so integers of at most `largest` too.
      (values, lower, upper) = sortedPoints.withUnsafeBufferPointer { p in
        bounds.withUnsafeBufferPointer { b in
          (
            lanes(n, p.baseAddress!, stride: d, step: 1), lanes(nodes, b.baseAddress!, stride: 2 * d, step: 2),
            lanes(nodes, b.baseAddress! + 1, stride: 2 * d, step: 2)
          )
        }
      }
      (self.width, self.largestMagnitude) = (width, largest)
    }

    /// The largest magnitude of `values` when all are integers of magnitude at most 2¹², else `nil`.
    static func integerMagnitude(_ values: [Double]) -> Double? {
      var largest = 0.0
      for v in values {
        let m = abs(v)
        // For 0 ≤ m < 2⁵², m + 2⁵² rounds m to an integer: m is one iff the round trip keeps it
        // (`rounded()` is a libm call on baseline x86-64).
        guard m <= 0x1p12, (m + 0x1p52) - 0x1p52 == m else { return nil }
        largest = Swift.max(largest, m)
      }
      return largest
    }

    /// Whether every lane sum for the `columns`-wide rows of `queries` is exact in `Float`.
    func exact(forQueries queries: [Double], columns d: Int) -> Bool {
      guard let q = Self.integerMagnitude(queries) else { return false }
      let difference = largestMagnitude + q
      return Double(d) * difference * difference <= 0x1p24
    }
  }

  /// ``nearest(to:)-(Matrix<Double>)`` with the point and box distances summed in `lanes`.
  private func nearest<Lanes: FloatLanes>(
    to queries: Matrix<Double>, in lanes: SmallIntegerLanes, _: Lanes.Type
  ) -> [Int] {
    let (m, d) = (queries.rows, dimension)
    return withSearch { tree in
      lanes.values.withUnsafeBytes { points in
        lanes.lower.withUnsafeBytes { lower in
          lanes.upper.withUnsafeBytes { upper in
            queries.storage.withUnsafeBufferPointer { q in
              indexOrder.withUnsafeBufferPointer { order in
                [Int](unsafeUninitializedCapacity: m) { out, count in
                  for r in 0..<m {
                    var query = Lanes()
                    for j in 0..<d { query[j] = Float(q[r * d + j]) }
                    let distances = LaneDistances(
                      query: query, points: points.baseAddress!, lower: lower.baseAddress!, upper: upper.baseAddress!)
                    var sink = NearestSink()
                    tree.search(distances, &sink)
                    out[r] = order[sink.position]
                  }
                  count = m
                }
              }
            }
          }
        }
      }
    }
  }
}
