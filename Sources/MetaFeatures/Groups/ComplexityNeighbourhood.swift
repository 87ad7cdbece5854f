import Foundation

/// The distance-based measures of pymfe's `complexity` group, on the shared Gower distances of
/// ``ComplexityDistances``.
/// | pymfe name | definition |
/// |---|---|
/// | `n1` | share of points joined to another class by an edge of the minimum spanning tree |
/// | `n2` | per point: 1 − 1/(1 + d(nearest same class)/d(nearest other class)) |
/// | `n3` | per point: 1 when its nearest neighbour (leave-one-out 1-NN) has another class |
/// | `lsc` | 1 − #{(i, j): d(i, j) < d(j, nearest enemy of j)}/n² |
/// Graph measures (`density`, `cls_coef`, `hubs`) are in ``ComplexityGraph``; `t1` in
/// ``ComplexityHyperspheres``; `n4` in ``ComplexityInterpolation``.
///
/// Ties between equal distances (common with categorical data) are broken by the lower index;
/// scikit-learn's argpartition and scipy's MST may break them differently.
enum ComplexityNeighbourhood {
  static func extract(_ v: DataViews, _ d: ComplexityDistances, into sink: inout FeatureSink) {
    let n = v.rowCount
    let y = v.y
    sink.scalar("n1", n1(d.dist, y, n))
    // nearest same-class and other-class distances, and the nearest neighbour
    var intra = [Float](repeating: .infinity, count: n)
    var extra = [Float](repeating: .infinity, count: n)
    var nearest = [Int](repeating: -1, count: n)
    d.dist.withUnsafeBufferPointer { dist in
      for i in 0..<n {
        var best = Float.infinity
        let yi = y[i]
        var same = Float.infinity
        var other = Float.infinity
        for j in 0..<n where j != i {
          let dj = dist[i * n + j]
          if y[j] == yi { same = Swift.min(same, dj) } else { other = Swift.min(other, dj) }
          if dj < best {
            best = dj
            nearest[i] = j
          }
        }
        intra[i] = same
        extra[i] = other
      }
    }
    var n2: [Double] = []
    for c in 0..<v.classCount {
      for i in 0..<n where y[i] == c {
        let ratio = Double(intra[i]) / Double(extra[i])
        n2.append(1 - 1 / (1 + ratio))
      }
    }
    sink.vector("n2", v.classCount < 2 ? [] : n2, reason: v.classCount < 2 ? "single class" : nil)
    sink.vector("n3", nearest.indices.map { nearest[$0] >= 0 && y[nearest[$0]] != y[$0] ? 1 : 0 })
    var inside = 0
    d.dist.withUnsafeBufferPointer { dist in
      for i in 0..<n {
        for j in 0..<n where dist[i * n + j] < extra[j] { inside += 1 }
      }
    }
    let single = v.classCount < 2
    sink.scalar("lsc", single ? .nan : 1 - Double(inside) / Double(n * n), reason: "single class: no enemies")
  }

  /// Kruskal over the upper triangle in (distance, row-major position) order; zero distances
  /// are not edges (scipy csgraph).
  static func n1(_ dist: [Float], _ y: [Int], _ n: Int) -> Double {
    // Kruskal only reaches edges up to the largest MST edge, which Prim finds in O(n²)
    // whatever the ties; sort just those.
    let limit = largestForestEdge(dist, n)
    var keys: [UInt32] = []
    var ends: [UInt32] = []
    for i in 0..<n {
      for j in (i + 1)..<Swift.max(n, i + 1) {
        let d = dist[i * n + j]
        if d != 0 && d <= limit {
          keys.append(d.bitPattern)  // non-negative floats order as their bits
          ends.append(UInt32(i * n + j))
        }
      }
    }
    let order = RadixSort.stableOrder(keys)
    var parent = Array(0..<n)
    func find(_ x: Int) -> Int {
      var r = x
      while parent[r] != r { r = parent[r] }
      var c = x
      while parent[c] != r { (parent[c], c) = (r, parent[c]) }
      return r
    }
    var borderline = [Bool](repeating: false, count: n)
    var joined = 0
    for e in order {
      let (i, j) = (Int(ends[Int(e)]) / n, Int(ends[Int(e)]) % n)
      let (ri, rj) = (find(i), find(j))
      if ri == rj { continue }
      parent[ri] = rj
      if y[i] != y[j] {
        borderline[i] = true
        borderline[j] = true
      }
      joined += 1
      if joined == n - 1 { break }
    }
    return Double(borderline.lazy.filter { $0 }.count) / Double(n)
  }
}

extension ComplexityNeighbourhood {
  /// The largest edge of a minimum spanning forest (zero distances are no edge), by Prim.
  static func largestForestEdge(_ dist: [Float], _ n: Int) -> Float {
    var key = [Float](repeating: .infinity, count: n)
    var done = [Bool](repeating: false, count: n)
    var largest: Float = 0
    for _ in 0..<n {
      var u = -1
      for v in 0..<n where !done[v] && (u < 0 || key[v] < key[u]) { u = v }
      if key[u].isFinite { largest = Swift.max(largest, key[u]) }
      done[u] = true
      for v in 0..<n where !done[v] {
        let d = dist[u * n + v]
        if d != 0 && d < key[v] { key[v] = d }
      }
    }
    return largest
  }
}

/// Stable LSD radix sort of 32-bit keys (four 8-bit passes).
enum RadixSort {
  /// The positions of `keys` in ascending key order, equal keys in input order.
  static func stableOrder(_ keys: [UInt32]) -> [UInt32] {
    let m = keys.count
    var order = [UInt32](unsafeUninitializedCapacity: m) { buf, count in
      for i in 0..<m { buf[i] = UInt32(i) }
      count = m
    }
    var scratch = order
    for shift in [UInt32(0), 8, 16, 24] {
      var counts = [Int](repeating: 0, count: 257)
      for k in keys { counts[Int((k >> shift) & 0xff) + 1] += 1 }
      for b in 1..<counts.count { counts[b] += counts[b - 1] }
      for idx in order {
        let b = Int((keys[Int(idx)] >> shift) & 0xff)
        scratch[counts[b]] = idx
        counts[b] += 1
      }
      swap(&order, &scratch)
    }
    return order
  }
}
