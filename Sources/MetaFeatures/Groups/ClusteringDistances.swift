import Linalg

/// The Euclidean pairwise-distance reductions shared by pymfe's `clustering` features `int`,
/// `vdu`, `pb` and `sil`, computed in one pass over the n × n distances of N without storing
/// them.
///
/// pymfe 0.4.4 computes these distances with `scipy.spatial.distance.pdist`/`cdist` (and
/// scikit-learn's `pairwise_distances` for `sil`), all with `dist_metric="euclidean"` on N as
/// fitted (no rescaling). Here N is centred on its column means (distances do not change) and
/// blocks of rows go through BLAS `gemm`: d²(i, j) = ‖xᵢ‖² + ‖xⱼ‖² − 2·xᵢ·xⱼ. Where that
/// difference is below 1e-4·(‖xᵢ‖² + ‖xⱼ‖²), cancellation could cost more than 1e-12 relative,
/// so the distance is recomputed directly from the two rows (identical rows get exactly 0).
struct ClusteringDistances {
  let classCount: Int
  /// `rowClassSums[i·k + c]`: Σ over rows j of class c of d(i, j) (j = i contributes 0).
  private(set) var rowClassSums: [Double]
  /// `interMin[a·k + b]` for a < b: the smallest distance between a row of a and one of b.
  private(set) var interMin: [Double]
  /// `intraMax[c]`: the largest distance between two rows of class c (−∞ with fewer than 2).
  private(set) var intraMax: [Double]
  /// Σ d², the smallest and the largest d, over the unordered pairs i < j.
  private(set) var pairSquareSum = 0.0
  private(set) var pairMin = Double.infinity
  private(set) var pairMax = -Double.infinity

  /// Rows per `gemm` block, so that one block of distances holds at most about 1M values.
  private static let blockValues = 1 << 20

  /// - Throws: `LinalgError` if BLAS rejects the shapes (a dimension above `Int32.max`).
  /// - Complexity: O(n²·p) through BLAS, O(n²) further scalar work, O(n·p + 1M) memory.
  init(_ v: DataViews) throws(LinalgError) {
    let n = v.rowCount
    let k = v.classCount
    let p = v.numeric.columns
    let y = v.y
    classCount = k
    rowClassSums = [Double](repeating: 0, count: n * k)
    interMin = [Double](repeating: .infinity, count: k * k)
    intraMax = [Double](repeating: -.infinity, count: k)
    let x = Self.centred(v.numeric)
    var squares = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var s = 0.0
      for c in 0..<p { s += x.storage[i * p + c] * x.storage[i * p + c] }
      squares[i] = s
    }
    let block = Swift.max(1, Swift.min(n, Self.blockValues / Swift.max(n, 1)))
    var start = 0
    while start < n {
      let rows = Swift.min(block, n - start)
      let xb = Matrix(rows: rows, columns: p, storage: Array(x.storage[(start * p)..<((start + rows) * p)]))
      var gram = Matrix<Double>(rows: rows, columns: n)
      try Matrix.multiply(xb, .none, x, .transposed, into: &gram)
      accumulate(gram, firstRow: start, x: x, squares: squares, y: y)
      start += rows
    }
  }

  /// Adds the distances of rows `firstRow ..< firstRow + gram.rows` to every row.
  private mutating func accumulate(_ gram: Matrix<Double>, firstRow: Int, x: Matrix<Double>, squares: [Double], y: [Int]) {
    let n = gram.columns
    let k = classCount
    let p = x.columns
    var row = [Double](repeating: 0, count: n)
    var sums = [Double](repeating: 0, count: k)
    var mins = [Double](repeating: .infinity, count: k)
    var (squareSum, lo, hi) = (pairSquareSum, pairMin, pairMax)
    gram.storage.withUnsafeBufferPointer { g in
      x.storage.withUnsafeBufferPointer { xs in
        squares.withUnsafeBufferPointer { sq in
          y.withUnsafeBufferPointer { labels in
            row.withUnsafeMutableBufferPointer { d in
              for r in 0..<gram.rows {
                let i = firstRow + r
                let si = sq[i]
                for j in 0..<n { d[j] = si + sq[j] - 2 * g[r * n + j] }
                for j in 0..<n where d[j] < 1e-4 * (si + sq[j]) {
                  var d2 = 0.0
                  for c in 0..<p {
                    let diff = xs[i * p + c] - xs[j * p + c]
                    d2 += diff * diff
                  }
                  d[j] = d2
                }
                d[i] = 0
                for j in 0..<n { d[j] = d[j] > 0 ? d[j].squareRoot() : 0 }
                for c in 0..<k { (sums[c], mins[c]) = (0, .infinity) }
                for j in 0..<n { sums[labels[j]] += d[j] }
                for c in 0..<k { rowClassSums[i * k + c] = sums[c] }
                let yi = labels[i]
                var intra = -Double.infinity
                for j in (i + 1)..<Swift.max(n, i + 1) {
                  let dj = d[j]
                  squareSum += dj * dj
                  lo = Swift.min(lo, dj)
                  hi = Swift.max(hi, dj)
                  let c = labels[j]
                  if c == yi { intra = Swift.max(intra, dj) } else { mins[c] = Swift.min(mins[c], dj) }
                }
                intraMax[yi] = Swift.max(intraMax[yi], intra)
                for c in 0..<k where c != yi {
                  let key = yi < c ? yi * k + c : c * k + yi
                  interMin[key] = Swift.min(interMin[key], mins[c])
                }
              }
            }
          }
        }
      }
    }
    (pairSquareSum, pairMin, pairMax) = (squareSum, lo, hi)
  }

  /// N minus its column means (row-major).
  private static func centred(_ m: Matrix<Double>) -> Matrix<Double> {
    let (n, p) = (m.rows, m.columns)
    var means = [Double](repeating: 0, count: p)
    for i in 0..<n {
      for c in 0..<p { means[c] += m.storage[i * p + c] }
    }
    for c in 0..<p { means[c] /= Double(Swift.max(n, 1)) }
    var out = m
    for i in 0..<n {
      for c in 0..<p { out.storage[i * p + c] -= means[c] }
    }
    return out
  }

  /// `sums[a·k + b]`: Σ over rows i of class a and rows j of class b of d(i, j).
  func classPairSums(y: [Int]) -> [Double] {
    var sums = [Double](repeating: 0, count: classCount * classCount)
    for (i, a) in y.enumerated() {
      for b in 0..<classCount { sums[a * classCount + b] += rowClassSums[i * classCount + b] }
    }
    return sums
  }
}
