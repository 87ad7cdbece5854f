import Foundation

/// Small dense least-squares helpers for curve fits (systems of at most a few unknowns: O(1)
/// work, so plain Swift rather than LAPACK).
enum LeastSquares {
  /// The solution of the k × k system `A·x = b` by Gaussian elimination with partial pivoting,
  /// or nil when A is singular to working precision.
  static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
    let n = b.count
    var m = a
    var r = b
    for col in 0..<n {
      guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }) else { return nil }
      let scale = m.map { $0.map(abs).max() ?? 0 }.max() ?? 0
      guard abs(m[pivot][col]) > 1e-14 * max(scale, 1e-300) else { return nil }
      m.swapAt(col, pivot)
      r.swapAt(col, pivot)
      for row in (col + 1)..<n {
        let f = m[row][col] / m[col][col]
        for k in col..<n { m[row][k] -= f * m[col][k] }
        r[row] -= f * r[col]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
      var s = r[row]
      for k in (row + 1)..<n { s -= m[row][k] * x[k] }
      x[row] = s / m[row][row]
    }
    return x
  }

  /// The inverse of a small matrix (nil when singular).
  static func inverse(_ a: [[Double]]) -> [[Double]]? {
    let n = a.count
    var columns = [[Double]]()
    for j in 0..<n {
      var e = [Double](repeating: 0, count: n)
      e[j] = 1
      guard let x = solve(a, e) else { return nil }
      columns.append(x)
    }
    return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
  }

  /// `JᵀJ` and `Jᵀr` for a Jacobian given as rows.
  static func normalEquations(_ jacobian: [[Double]], _ residuals: [Double]) -> ([[Double]], [Double]) {
    let p = jacobian.first?.count ?? 0
    var jtj = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    var jtr = [Double](repeating: 0, count: p)
    for (row, r) in zip(jacobian, residuals) {
      for i in 0..<p {
        jtr[i] += row[i] * r
        for j in 0..<p { jtj[i][j] += row[i] * row[j] }
      }
    }
    return (jtj, jtr)
  }

  /// Coefficients `c₀…c_d` of the least-squares polynomial `Σ cₖ·tᵏ` of degree `degree` through
  /// `(t, y)`, fitted in the centred and scaled variable `s = (t − t̄)/σ_t` for conditioning and
  /// mapped back to powers of t. Nil with fewer than `degree + 1` distinct points.
  static func polynomial(_ t: [Double], _ y: [Double], degree: Int) -> [Double]? {
    guard t.count == y.count, t.count > degree else { return nil }
    let mean = t.reduce(0, +) / Double(t.count)
    let spread = (t.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(t.count)).squareRoot()
    guard spread > 0 else { return nil }
    let rows = t.map { ti in (0...degree).map { pow((ti - mean) / spread, Double($0)) } }
    let (a, b) = normalEquations(rows, y)
    guard let q = solve(a, b) else { return nil }
    // Σ qₖ·((t − m)/σ)ᵏ expanded in powers of t by the binomial theorem.
    var c = [Double](repeating: 0, count: degree + 1)
    for k in 0...degree {
      for j in 0...k {
        c[j] += q[k] * binomial(k, j) * pow(-mean, Double(k - j)) / pow(spread, Double(k))
      }
    }
    return c
  }

  private static func binomial(_ n: Int, _ k: Int) -> Double {
    var r = 1.0
    for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
    return r
  }
}
