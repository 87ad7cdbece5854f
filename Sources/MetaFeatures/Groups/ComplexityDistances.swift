/// pymfe's distance precomputation for the `complexity` group (`precompute_norm_dist_mat`),
/// computed once per extraction and shared by n1, n2, n3, n4, lsc, density, cls_coef, hubs, t1.
///
/// - `scaled`: the columns of N min–max scaled to [0, 1] (sklearn `MinMaxScaler`), unless every
///   column already has min 0 and max 1 (`np.allclose`).
/// - `dist`: the `gower` package's `gower_matrix(scaled)`: each column divided by its (float32)
///   max, |xᵢ − xⱼ| divided by |1 − min/max| (float32), averaged over all columns, stored in
///   single precision. Gower is an L1-type distance, not a matrix product, so the O(n²p) kernel
///   is a loop over contiguous columns that the compiler vectorises rather than a BLAS call.
struct ComplexityDistances {
  let n: Int
  /// Columns of N_scaled.
  let scaled: [[Double]]
  /// Row-major n × n Gower distances (float32, as the `gower` package returns them).
  let dist: [Float]

  init(_ v: DataViews) {
    n = v.rowCount
    scaled = Self.minMaxScaled(v.numericColumns)
    dist = Self.gower(scaled, scaled, rows: n)
  }

  static func minMaxScaled(_ cols: [[Double]]) -> [[Double]] {
    let already = cols.allSatisfy { col in
      let (lo, hi) = (col.min() ?? 0, col.max() ?? 0)
      return abs(hi - 1) <= 1e-8 + 1e-5 && abs(lo) <= 1e-8
    }
    if already { return cols }
    return cols.map { col in
      let (lo, hi) = (col.min() ?? 0, col.max() ?? 0)
      let range = hi - lo
      let scale = range == 0 ? 1 : 1 / range
      return col.map { $0 * scale - lo * scale }
    }
  }

  /// `gower_matrix(x, y)` for two inputs of `rows` rows each (columns given): entry (i, j) is
  /// d(xᵢ, yⱼ) for j ≥ i and mirrored below the diagonal (exact when x is y).
  static func gower(_ x: [[Double]], _ y: [[Double]], rows n: Int) -> [Float] {
    // Per column: divide by the float32 max over x and y; range |1 − min/max| in float32.
    var px: [Double] = []
    var py: [Double] = []
    var ranges: [Double] = []
    let same = x.count == y.count && zip(x, y).allSatisfy { $0 == $1 }
    for (cx, cy) in zip(x, y) {
      let hi = Float(Swift.max(cx.max() ?? 0, cy.max() ?? 0))
      let lo = Float(Swift.min(cx.min() ?? 0, cy.min() ?? 0))
      let range = hi != 0 ? abs(1 - lo / hi) : 0
      guard hi != 0, range != 0 else { continue }
      let h = Double(hi)
      px += cx.map { $0 / h }
      py += same ? [] : cy.map { $0 / h }
      ranges.append(Double(range))
    }
    if same { py = px }
    let p = Double(x.count)
    let used = ranges.count
    var dist = [Float](repeating: 0, count: n * n)
    var acc = [Double](repeating: 0, count: n)
    px.withUnsafeBufferPointer { xs in
      py.withUnsafeBufferPointer { ys in
        acc.withUnsafeMutableBufferPointer { a in
          dist.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
              let start = same ? i + 1 : i
              if start >= n { continue }
              for j in start..<n { a[j] = 0 }
              // Columns four at a time: a + t0 + t1 + t2 + t3 rounds as the sequential sum.
              var c = 0
              while c + 4 <= used && ranges[c] == 1 && ranges[c + 1] == 1 && ranges[c + 2] == 1 && ranges[c + 3] == 1 {
                let (o0, o1, o2, o3) = (c * n, (c + 1) * n, (c + 2) * n, (c + 3) * n)
                let (x0, x1, x2, x3) = (xs[o0 + i], xs[o1 + i], xs[o2 + i], xs[o3 + i])
                for j in start..<n {
                  a[j] = a[j] + abs(x0 - ys[o0 + j]) + abs(x1 - ys[o1 + j]) + abs(x2 - ys[o2 + j]) + abs(x3 - ys[o3 + j])
                }
                c += 4
              }
              while c < used {
                let xi = xs[c * n + i]
                let off = c * n
                let r = ranges[c]
                if r == 1 {
                  for j in start..<n { a[j] += abs(xi - ys[off + j]) }
                } else {
                  for j in start..<n { a[j] += abs(xi - ys[off + j]) / r }
                }
                c += 1
              }
              for j in start..<n {
                let d = Float(a[j] / p)
                out[i * n + j] = d
                out[j * n + i] = d
              }
            }
          }
        }
      }
    }
    return dist
  }
}
