import Foundation

/// The distance-based measures of pymfe's `complexity` group.
///
/// Distances are pymfe's: N min–max scaled to [0, 1] (unless it already is), then the Gower
/// distance (mean over attributes of |xᵢ − xⱼ| / range) stored in single precision, as the
/// `gower` package returns it. An L1-type distance is not a matrix product, so this O(n²p)
/// kernel is a plain loop rather than BLAS.
/// | pymfe name | definition |
/// |---|---|
/// | `n1` | share of points joined to another class by an edge of the minimum spanning tree |
/// | `n2` | per point: 1 − 1/(1 + d(nearest same class)/d(nearest other class)) |
/// | `n3` | per point: 1 when its nearest neighbour (leave-one-out 1-NN) has another class |
/// | `lsc` | 1 − #{(i, j): d(i, j) < d(j, nearest enemy of j)}/n² |
/// | `density` | 1 − edges/(n(n−1)/2) of the ε-NN graph: each point's round(0.15 n) nearest same-class neighbours (zero distances are no edge) |
/// | `cls_coef` | 1 − transitivity (global clustering coefficient) of that graph |
///
/// Ties between equal distances (common with categorical data) are broken by the lower index;
/// scikit-learn's argpartition and scipy's MST may break them differently.
enum ComplexityNeighbourhood {
  static func extract(_ v: DataViews, into sink: inout FeatureSink) {
    let n = v.rowCount
    let dist = gowerDistances(v)
    let y = v.y
    // n1: Kruskal over the upper triangle; zero distances are not edges (scipy csgraph).
    sink.scalar("n1", n1(dist, y, n))
    // nearest same-class and other-class distances
    var intra = [Double](repeating: .infinity, count: n)
    var extra = [Double](repeating: .infinity, count: n)
    var nearest = [Int](repeating: -1, count: n)
    for i in 0..<n {
      var best = Double.infinity
      for j in 0..<n where j != i {
        let d = dist[i * n + j]
        if y[j] == y[i] { intra[i] = Swift.min(intra[i], d) } else { extra[i] = Swift.min(extra[i], d) }
        if d < best {
          best = d
          nearest[i] = j
        }
      }
    }
    var n2: [Double] = []
    for c in 0..<v.classCount {
      for i in 0..<n where y[i] == c {
        let ratio: Double = intra[i] / extra[i]
        n2.append(1 - 1 / (1 + ratio))
      }
    }
    sink.vector("n2", v.classCount < 2 ? [] : n2, reason: v.classCount < 2 ? "single class" : nil)
    sink.vector("n3", nearest.indices.map { nearest[$0] >= 0 && y[nearest[$0]] != y[$0] ? 1 : 0 })
    var inside = 0
    for i in 0..<n { for j in 0..<n where dist[i * n + j] < extra[j] { inside += 1 } }
    let single = v.classCount < 2
    sink.scalar("lsc", single ? .nan : 1 - Double(inside) / Double(n * n), reason: "single class: no enemies")
    let (density, clustering) = graphMeasures(dist, y, n)
    sink.scalar("density", density)
    sink.scalar("cls_coef", clustering)
  }

  static func gowerDistances(_ v: DataViews) -> [Double] {
    let n = v.rowCount
    var cols = v.numericColumns
    let scaled = cols.allSatisfy { col in
      let (lo, hi) = (col.min() ?? 0, col.max() ?? 0)
      return abs(hi - 1) <= 1e-8 + 1e-5 && abs(lo) <= 1e-8
    }
    if !scaled {
      cols = cols.map { col in
        let (lo, hi) = (col.min() ?? 0, col.max() ?? 0)
        let range = hi - lo
        let scale = range == 0 ? 1 : 1 / range
        return col.map { $0 * scale - lo * scale }
      }
    }
    // gower: divide by the column max, then by |1 − min/max| (both in float32).
    var prepared: [[Double]] = []
    for col in cols {
      let hi = Double(Float(col.max() ?? 0))
      let lo = Double(Float(col.min() ?? 0))
      let range = hi != 0 ? abs(1 - lo / hi) : 0
      guard hi != 0, range != 0 else { continue }
      prepared.append(col.map { $0 / hi / range })
    }
    let p = Double(cols.count)
    var dist = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in (i + 1)..<Swift.max(n, i + 1) {
        var s = 0.0
        for col in prepared { s += abs(col[i] - col[j]) }
        let d = Double(Float(s / p))
        dist[i * n + j] = d
        dist[j * n + i] = d
      }
    }
    return dist
  }

  static func n1(_ dist: [Double], _ y: [Int], _ n: Int) -> Double {
    var edges: [(Double, Int, Int)] = []
    edges.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<n { for j in (i + 1)..<Swift.max(n, i + 1) where dist[i * n + j] != 0 { edges.append((dist[i * n + j], i, j)) } }
    let order = edges.indices.sorted { edges[$0].0 < edges[$1].0 || (edges[$0].0 == edges[$1].0 && $0 < $1) }
    var parent = Array(0..<n)
    func find(_ x: Int) -> Int {
      var r = x
      while parent[r] != r { r = parent[r] }
      var c = x
      while parent[c] != r { (parent[c], c) = (r, parent[c]) }
      return r
    }
    var borderline = Set<Int>()
    for e in order {
      let (_, i, j) = edges[e]
      let (ri, rj) = (find(i), find(j))
      if ri == rj { continue }
      parent[ri] = rj
      if y[i] != y[j] { borderline.formUnion([i, j]) }
    }
    return Double(borderline.count) / Double(n)
  }

  /// density and cls_coef of pymfe's ε-NN graph (igraph density and transitivity).
  static func graphMeasures(_ dist: [Double], _ y: [Int], _ n: Int) -> (Double, Double) {
    let k = Swift.max(Int((Double(n) * 0.15).rounded(.toNearestOrEven)), 1)
    var adj = [Set<Int>](repeating: [], count: n)
    for i in 0..<n {
      let others = (0..<n).filter { $0 != i }.sorted {
        dist[i * n + $0] < dist[i * n + $1] || (dist[i * n + $0] == dist[i * n + $1] && $0 < $1)
      }
      for j in others.prefix(k) where y[j] == y[i] && dist[i * n + j] != 0 {
        adj[i].insert(j)
        adj[j].insert(i)
      }
    }
    let edges = adj.reduce(0) { $0 + $1.count } / 2
    let density = 1 - Double(edges) / (Double(n) * Double(n - 1) / 2)
    var triangles = 0
    var triples = 0
    for i in 0..<n {
      let nb = Array(adj[i])
      let d = nb.count
      triples += d * (d - 1) / 2
      for a in 0..<d { for b in (a + 1)..<Swift.max(d, a + 1) where adj[nb[a]].contains(nb[b]) { triangles += 1 } }
    }
    let transitivity = triples == 0 ? 0 : Double(triangles) / Double(triples)
    return (density, 1 - transitivity)
  }
}
