// The depth-first single-tree query of scikit-learn's BinaryTree
// (`_query_single_depthfirst`), with an explicit stack in place of recursion: a node's bound is
// checked when it is popped, which is when the recursion would enter it.

/// What a depth-first search keeps of the points it meets.
protocol KDTreeNeighborSink {
  /// The pruning bound: a point or node at this squared distance or more cannot be kept.
  var bound: Double { get }
  /// Offers the point at tree position `position` (into ``KDTree/indexOrder``) at squared
  /// distance `reduced`; called only when `reduced < bound`.
  mutating func offer(_ reduced: Double, position: Int)
}

/// The `k = 1` sink: the first strictly nearest point.
struct NearestSink: KDTreeNeighborSink {
  var bound = Double.infinity
  var position = 0

  @inline(__always)
  mutating func offer(_ reduced: Double, position: Int) {
    bound = reduced
    self.position = position
  }
}

extension NeighborsHeap: KDTreeNeighborSink {
  var bound: Double { largest }

  @inline(__always)
  mutating func offer(_ reduced: Double, position: Int) { push(reduced, position) }
}

/// `Σⱼ (pⱼ − xⱼ)²` summed in feature order. Once a partial sum reaches `bound` the rest cannot
/// bring it back below (every term is ≥ 0 and rounding is monotone), so the sum stops there:
/// the result is exact when it is below `bound` and some value ≥ `bound` otherwise.
@inline(__always)
func squaredDistance(
  _ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ d: Int, below bound: Double
) -> Double {
  var s = 0.0
  var j = 0
  while d - j > 8 {
    for k in j..<(j + 8) {
      let t = p[k] - x[k]
      s += t * t
    }
    j += 8
    if s >= bound { return s }
  }
  while j < d {
    let t = p[j] - x[j]
    s += t * t
    j += 1
  }
  return s
}

/// A query's squared distances to the tree's nodes and points, for
/// ``KDTreeSearch/search(_:_:)``.
protocol KDTreeDistances {
  /// `min_rdist`: the squared distance to node `node`'s bounding box.
  func box(_ node: Int) -> Double
  /// The squared distance to the point at tree position `r`: exact when below `bound`, some
  /// value ≥ `bound` otherwise.
  func point(_ r: Int, below bound: Double) -> Double
}

/// scikit-learn's sums in `Double`, in feature order (``KDTreeSearch/boxDistance(_:_:)``,
/// ``squaredDistance(_:_:_:below:)``).
struct ColumnOrderDistances: KDTreeDistances {
  let tree: KDTreeSearch
  let query: UnsafePointer<Double>

  @inline(__always)
  func box(_ node: Int) -> Double { tree.boxDistance(node, query) }

  @inline(__always)
  func point(_ r: Int, below bound: Double) -> Double {
    squaredDistance(query, tree.points + r * tree.d, tree.d, below: bound)
  }
}

/// The same sums over lanes of `Float` (``KDTree/SmallIntegerLanes``): with integer values and
/// d·(max|q| + max|x|)² ≤ 2²⁴ every difference, square and partial sum, in the points' and the
/// boxes' sums alike, is an integer of at most 2²⁴, exact in `Float` in any order, so each
/// result is scikit-learn's `Double` sum exactly.
struct LaneDistances<Lanes: FloatLanes>: KDTreeDistances {
  let query: Lanes
  /// The points, then the boxes' lower and upper bounds, as consecutive zero-padded `Lanes`
  /// (as is `query`).
  let points: UnsafeRawPointer
  let lower: UnsafeRawPointer
  let upper: UnsafeRawPointer

  @inline(__always)
  func box(_ node: Int) -> Double {
    let offset = node * MemoryLayout<Lanes>.stride
    let below = lower.loadUnaligned(fromByteOffset: offset, as: Lanes.self) - query
    let above = query - upper.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
    // scikit-learn's ½((dLo + |dLo|) + (dHi + |dHi|)), lane-wise.
    let t = 0.5 * ((below + below.magnitudes) + (above + above.magnitudes))
    return Double((t * t).pairwiseSum())
  }

  @inline(__always)
  func point(_ r: Int, below _: Double) -> Double {
    let t = points.loadUnaligned(fromByteOffset: r * MemoryLayout<Lanes>.stride, as: Lanes.self) - query
    return Double((t * t).pairwiseSum())
  }
}

/// `Float` lanes summed by halving (`SIMD.sum()` adds them one after another, a chain as long
/// as the one the lanes replace); exact for ``LaneDistances``' integers in any order.
protocol FloatLanes: SIMD where Scalar == Float {
  func pairwiseSum() -> Float
  /// Each lane's |v| (its sign bit cleared; `SIMD` offers no lane-wise `abs`, and masked
  /// selects compile to a loop over the lanes).
  var magnitudes: Self { get }
}

extension SIMD4: FloatLanes where Scalar == Float {
  @inline(__always)
  var magnitudes: Self { unsafeBitCast(unsafeBitCast(self, to: SIMD4<UInt32>.self) & 0x7fff_ffff, to: Self.self) }

  @inline(__always)
  func pairwiseSum() -> Float {
    let half = lowHalf + highHalf
    return half[0] + half[1]
  }
}

extension SIMD8: FloatLanes where Scalar == Float {
  @inline(__always)
  var magnitudes: Self { unsafeBitCast(unsafeBitCast(self, to: SIMD8<UInt32>.self) & 0x7fff_ffff, to: Self.self) }

  @inline(__always)
  func pairwiseSum() -> Float { (lowHalf + highHalf).pairwiseSum() }
}

extension SIMD16: FloatLanes where Scalar == Float {
  @inline(__always)
  var magnitudes: Self { unsafeBitCast(unsafeBitCast(self, to: SIMD16<UInt32>.self) & 0x7fff_ffff, to: Self.self) }

  @inline(__always)
  func pairwiseSum() -> Float { (lowHalf + highHalf).pairwiseSum() }
}

/// A built tree's arrays as raw pointers plus a search stack, valid inside
/// ``KDTree/withSearch(_:)``, so that a batch of queries pays for no per-query set-up.
struct KDTreeSearch {
  let d: Int
  let points: UnsafePointer<Double>
  let bounds: UnsafePointer<Double>
  let start: UnsafePointer<Int>
  let end: UnsafePointer<Int>
  let leaf: UnsafePointer<Bool>
  /// The pending nodes and their squared box distances (at most depth + 1 of them).
  let stackNodes: UnsafeMutablePointer<Int>
  let stackBounds: UnsafeMutablePointer<Double>

  /// `min_rdist`: the squared distance from `point` to node `node`'s bounding box.
  @inline(__always)
  func boxDistance(_ node: Int, _ point: UnsafePointer<Double>) -> Double {
    let box = bounds + node * 2 * d
    var rdist = 0.0
    for j in 0..<d {
      let dLo = box[2 * j] - point[j]
      let dHi = point[j] - box[2 * j + 1]
      let t = (dLo + abs(dLo)) + (dHi + abs(dHi))
      let half = 0.5 * t
      rdist += half * half
    }
    return rdist
  }

  /// Offers `sink` every point the depth-first search meets and cannot prune.
  @inline(__always)
  func search<Sink: KDTreeNeighborSink>(_ point: UnsafePointer<Double>, _ sink: inout Sink) {
    search(ColumnOrderDistances(tree: self, query: point), &sink)
  }

  /// The same search with the distances from `distances` (equal to scikit-learn's below the
  /// bound).
  @inline(__always)
  func search<Sink: KDTreeNeighborSink, Distances: KDTreeDistances>(
    _ distances: Distances, _ sink: inout Sink
  ) {
    var top = 1
    stackNodes[0] = 0
    stackBounds[0] = distances.box(0)
    while top > 0 {
      top -= 1
      let node = stackNodes[top]
      // scikit-learn skips a node only when its bound exceeds the best distance; a node whose
      // bound equals it cannot hold a strictly nearer point either, so skipping it too changes
      // nothing and saves the visits tied data cause.
      if stackBounds[top] >= sink.bound { continue }
      if leaf[node] {
        for r in start[node]..<end[node] {
          let s = distances.point(r, below: sink.bound)
          if s < sink.bound { sink.offer(s, position: r) }
        }
      } else {
        let (left, right) = (2 * node + 1, 2 * node + 2)
        let dl = distances.box(left)
        let dr = distances.box(right)
        // Push the child to visit second first (the left one is visited first on ties).
        if dl <= dr {
          (stackNodes[top], stackBounds[top]) = (right, dr)
          (stackNodes[top + 1], stackBounds[top + 1]) = (left, dl)
        } else {
          (stackNodes[top], stackBounds[top]) = (left, dl)
          (stackNodes[top + 1], stackBounds[top + 1]) = (right, dr)
        }
        top += 2
      }
    }
  }
}

extension KDTree {
  /// Runs `body` with the tree's arrays as a ``KDTreeSearch``.
  func withSearch<R>(_ body: (KDTreeSearch) -> R) -> R {
    // The stack never holds more than the tree depth + 1 nodes.
    let depth = Int.bitWidth - (nodeCount + 1).leadingZeroBitCount + 1
    return sortedPoints.withUnsafeBufferPointer { x in
      nodeBounds.withUnsafeBufferPointer { b in
        nodeStart.withUnsafeBufferPointer { s in
          nodeEnd.withUnsafeBufferPointer { e in
            isLeaf.withUnsafeBufferPointer { l in
              withUnsafeTemporaryAllocation(of: Int.self, capacity: depth) { nodes in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: depth) { bounds in
                  body(
                    KDTreeSearch(
                      d: dimension, points: x.baseAddress!, bounds: b.baseAddress!,
                      start: s.baseAddress!, end: e.baseAddress!, leaf: l.baseAddress!,
                      stackNodes: nodes.baseAddress!, stackBounds: bounds.baseAddress!))
                }
              }
            }
          }
        }
      }
    }
  }
}
