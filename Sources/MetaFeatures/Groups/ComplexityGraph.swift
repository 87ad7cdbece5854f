import Linalg

/// The graph measures of pymfe's `complexity` group on its ε-NN graph: each point joined to
/// those of its round(0.15 n) nearest neighbours (Gower distance, ties to the lower index)
/// that share its class; zero distances are no edge (igraph's weighted adjacency).
/// | pymfe name | definition |
/// |---|---|
/// | `density` | 1 − edges/(n(n−1)/2) |
/// | `cls_coef` | 1 − transitivity (closed / connected triples) |
/// | `hubs` | per point: 1 − hub score (unweighted; principal eigenvector of A·Aᵀ = A², max scaled to 1) |
///
/// The hub score is the top eigenvector of A² by Lanczos from the degree vector (igraph: ARPACK
/// from the degree vector; within a repeated top eigenvalue both give the start vector's
/// projection); a graph without edges scores 1 everywhere (igraph).
struct ComplexityGraph {
  let n: Int
  /// Neighbour lists.
  private(set) var neighbours: [[Int]]
  /// Adjacency as bit rows of `words` 64-bit words.
  private var bits: [UInt64]
  private let words: Int

  init(_ dist: [Float], _ y: [Int], _ n: Int) {
    self.n = n
    words = (n + 63) / 64
    bits = [UInt64](repeating: 0, count: words * n)
    neighbours = [[Int]](repeating: [], count: n)
    let k = Swift.min(Swift.max(Int((Double(n) * 0.15).rounded(.toNearestOrEven)), 1), Swift.max(n - 1, 0))
    var keys = [UInt64](repeating: 0, count: Swift.max(n - 1, 0))
    for i in 0..<n {
      var m = 0
      for j in 0..<n where j != i {
        keys[m] = UInt64(dist[i * n + j].bitPattern) << 32 | UInt64(j)
        m += 1
      }
      Self.selectSmallest(&keys, k)
      for key in keys.prefix(k) {
        let j = Int(key & 0xffff_ffff)
        if y[j] == y[i] && dist[i * n + j] != 0 { connect(i, j) }
      }
    }
  }

  private mutating func connect(_ i: Int, _ j: Int) {
    let (w, b) = (i * words + j / 64, UInt64(1) << UInt64(j % 64))
    if bits[w] & b != 0 { return }
    bits[w] |= b
    bits[j * words + i / 64] |= UInt64(1) << UInt64(i % 64)
    neighbours[i].append(j)
    neighbours[j].append(i)
  }

  /// Moves the `k` smallest keys to the front (quickselect; keys are distinct).
  static func selectSmallest(_ a: inout [UInt64], _ k: Int) {
    var lo = 0
    var hi = a.count - 1
    guard k > 0, k < a.count else { return }
    while lo < hi {
      let pivot = a[(lo + hi) / 2]
      var i = lo
      var j = hi
      while i <= j {
        while a[i] < pivot { i += 1 }
        while a[j] > pivot { j -= 1 }
        if i <= j {
          a.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k - 1 <= j { hi = j } else if k - 1 >= i { lo = i } else { return }
    }
  }

  var edgeCount: Int { neighbours.reduce(0) { $0 + $1.count } / 2 }

  /// 1 − density.
  var density: Double { 1 - Double(edgeCount) / (Double(n) * Double(n - 1) / 2) }

  /// 1 − transitivity (0 when there is no connected triple, igraph's mode "zero").
  var clusteringComplement: Double {
    var closed = 0
    var triples = 0
    for i in 0..<n {
      let d = neighbours[i].count
      triples += d * (d - 1) / 2
      for j in neighbours[i] where j > i {
        for w in 0..<words { closed += (bits[i * words + w] & bits[j * words + w]).nonzeroBitCount }
      }
    }
    let transitivity = triples == 0 ? 0 : Double(closed) / Double(triples)
    return 1 - transitivity
  }

  /// 1 − hub score per point.
  var hubs: [Double] {
    guard edgeCount > 0 else { return [Double](repeating: 0, count: n) }
    let start = neighbours.map { Double($0.count) }
    let x = topEigenvectorOfSquare(start: start)
    let top = x.map(abs).max() ?? 1
    let sign = (x.first { abs($0) == top } ?? 1) < 0 ? -1.0 : 1.0
    return x.map { 1 - sign * $0 / top }
  }

  /// The unit eigenvector of A²'s largest eigenvalue by `Linalg`'s ``Lanczos`` (at most
  /// min(n, 400) steps, stopping at a Ritz residual of 1e-13·|θ|); the normalised start if the
  /// tridiagonal eigenproblem fails.
  private func topEigenvectorOfSquare(start: [Double]) -> [Double] {
    var t = [Double](repeating: 0, count: n)
    var out = [Double](repeating: 0, count: n)
    let lanczos = try? Lanczos(maxSteps: Swift.min(n, 400), breakdownTolerance: 1e-14, topPairTolerance: 1e-13)
    let decomposition = lanczos?.decompose(start: start) { v in
      multiply(v, into: &t)
      multiply(t, into: &out)
      return out
    }
    if let pair = try? decomposition?.topRitzPair() { return pair.vector }
    let norm = start.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return norm > 0 ? start.map { $0 / norm } : start
  }

  private func multiply(_ x: [Double], into out: inout [Double]) {
    for i in 0..<n {
      var s = 0.0
      for j in neighbours[i] { s += x[j] }
      out[i] = s
    }
  }
}
