import Linalg

/// The eigenvector of the largest eigenvalue of a symmetric operator, by Lanczos iteration
/// with full reorthogonalisation (the Krylov space of `start`, as ARPACK builds it).
enum Lanczos {
  /// - Parameters:
  ///   - size: the dimension n.
  ///   - start: the start vector (not all zero).
  ///   - tolerance: stop when the Ritz residual ‖Mx − θx‖ ≤ tolerance·|θ|.
  ///   - apply: writes M·v into its second argument.
  /// - Returns: the unit Ritz vector of the largest Ritz value (the start vector, normalised,
  ///   when the operator is zero on it).
  static func topEigenvector(size n: Int, start: [Double], tolerance: Double = 1e-13,
                             apply: (_ v: [Double], _ out: inout [Double]) -> Void) -> [Double] {
    var basis: [[Double]] = []
    var alphas: [Double] = []
    var betas: [Double] = []
    var q = normalised(start)
    var w = [Double](repeating: 0, count: n)
    var best = q
    let maxSteps = Swift.min(n, 400)
    for step in 1...Swift.max(maxSteps, 1) {
      basis.append(q)
      apply(q, &w)
      let a = dot(w, q)
      alphas.append(a)
      for _ in 0..<2 {  // full reorthogonalisation, twice
        for v in basis {
          let c = dot(w, v)
          for i in 0..<n { w[i] -= c * v[i] }
        }
      }
      let b = dot(w, w).squareRoot()
      let done = b <= 1e-14 * Swift.max(abs(a), 1) || step == maxSteps
      if done || step % 8 == 0 {
        if let (theta, y) = topRitz(alphas, betas) {
          var x = [Double](repeating: 0, count: n)
          for (k, v) in basis.enumerated() { for i in 0..<n { x[i] += y[k] * v[i] } }
          best = x
          if done || b * abs(y[y.count - 1]) <= tolerance * Swift.max(abs(theta), 1e-300) { return best }
        }
      }
      if done { break }
      betas.append(b)
      q = w.map { $0 / b }
    }
    return best
  }

  /// The largest eigenvalue of the tridiagonal (alphas, betas) and its eigenvector.
  private static func topRitz(_ alphas: [Double], _ betas: [Double]) -> (Double, [Double])? {
    let m = alphas.count
    var t = Matrix<Double>(rows: m, columns: m)
    for i in 0..<m {
      t[i, i] = alphas[i]
      if i + 1 < m {
        t[i, i + 1] = betas[i]
        t[i + 1, i] = betas[i]
      }
    }
    guard let (values, vectors) = try? t.symmetricEigen(), let top = values.indices.max(by: { values[$0] < values[$1] })
    else { return nil }
    return (values[top], (0..<m).map { vectors[$0, top] })
  }

  private static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
  }

  private static func normalised(_ v: [Double]) -> [Double] {
    let norm = dot(v, v).squareRoot()
    return norm > 0 ? v.map { $0 / norm } : v
  }
}
