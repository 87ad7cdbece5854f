import Foundation
import Linalg

extension GaussianProcess {
  /// `K*ᵀ`: the n × m covariances between the training inputs and the rows of `points` (one `gemm`).
  func crossCovariance(_ points: Matrix<Double>) throws(GaussianProcessError) -> Matrix<Double> {
    guard points.columns == inputs.columns else {
      throw .invalidInput("points have \(points.columns) columns, the training inputs \(inputs.columns)")
    }
    let h = hyperparameters
    return try linalg { () throws(LinalgError) in
      try MaternKernel.covariance(inputs, points, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
    }
  }

  /// The standardised posterior means `K*·α` for a cross-covariance from ``crossCovariance(_:)``.
  func standardisedMean(crossCovariance kStarT: Matrix<Double>) throws(GaussianProcessError) -> [Double] {
    try linalg { () throws(LinalgError) in try kStarT.multiplied(byVector: alpha, transpose: .transposed) }
  }

  /// The exact standardised latent variances `σ_f² − ‖L⁻¹k*‖²` of the given columns of `kStarT`
  /// (one `trsm` on those columns only).
  /// - Complexity: O(n²·columns.count).
  func standardisedVariance(crossCovariance kStarT: Matrix<Double>, columns: [Int])
    throws(GaussianProcessError) -> [Double]
  {
    let b = columns.count
    guard b > 0 else { return [] }
    let v = try linalg { () throws(LinalgError) in
      try factor.solveTriangular(kStarT.columns(columns), triangle: .lower)
    }
    var out = [Double](repeating: hyperparameters.signalVariance, count: b)
    for i in 0..<count {
      for j in 0..<b { out[j] -= v.storage[i * b + j] * v.storage[i * b + j] }
    }
    return out.map { Swift.max($0, 0) }
  }

  /// Upper bounds on the standardised latent variance at each column of `kStarT`: the posterior
  /// variance given only the `neighbours` training points of largest covariance,
  ///
  ///     σ̄² = σ_f² − k_Sᵀ·(K_SS + (σ_n² + jitter)·I)⁻¹·k_S  ≥  σ²(x),
  ///
  /// since conditioning on a subset S of the observations never leaves less variance than
  /// conditioning on all of them (the Schur complement of a principal submatrix). Each bound
  /// costs O(n + k³) for k = `neighbours`, against O(n²) for the exact variance.
  func standardisedVarianceUpperBounds(crossCovariance kStarT: Matrix<Double>, neighbours k: Int) -> [Double] {
    let (n, m) = (kStarT.rows, kStarT.columns)
    let k = Swift.min(Swift.max(k, 1), n)
    let h = hyperparameters
    // The k largest covariances of each column, kept sorted in descending order.
    var top = [Double](repeating: -1, count: m * k)
    var index = [Int](repeating: 0, count: m * k)
    kStarT.storage.withUnsafeBufferPointer { p in
      for i in 0..<n {
        for j in 0..<m {
          let c = p[i * m + j]
          var pos = j * k + k - 1
          guard c > top[pos] else { continue }
          while pos > j * k && top[pos - 1] < c {
            top[pos] = top[pos - 1]
            index[pos] = index[pos - 1]
            pos -= 1
          }
          top[pos] = c
          index[pos] = i
        }
      }
    }
    let z = MaternKernel.scaled(inputs, lengthscales: h.lengthscales)
    let d = inputs.columns
    let diagonal = h.signalVariance + h.noiseVariance + jitter
    var bounds = [Double](repeating: h.signalVariance, count: m)
    var l = [Double](repeating: 0, count: k * k)
    var w = [Double](repeating: 0, count: k)
    for j in 0..<m {
      // Cholesky of K_SS + (σ_n² + jitter)·I, then w = L⁻¹k_S, all k × k in place.
      var ok = true
      for a in 0..<k {
        for b in 0...a {
          var s: Double
          if a == b {
            s = diagonal
          } else {
            var r2 = 0.0
            for c in 0..<d {
              let t = z.storage[index[j * k + a] * d + c] - z.storage[index[j * k + b] * d + c]
              r2 += t * t
            }
            s = h.signalVariance * MaternKernel.correlation(squaredDistance: r2)
          }
          for c in 0..<b { s -= l[a * k + c] * l[b * k + c] }
          if a == b {
            guard s > 0 else {
              ok = false
              break
            }
            l[a * k + a] = s.squareRoot()
          } else {
            l[a * k + b] = s / l[b * k + b]
          }
        }
        if !ok { break }
      }
      guard ok else { continue }  // keep the prior variance, always a valid bound
      var explained = 0.0
      for a in 0..<k {
        var s = top[j * k + a]
        for c in 0..<a { s -= l[a * k + c] * w[c] }
        w[a] = s / l[a * k + a]
        explained += w[a] * w[a]
      }
      bounds[j] = Swift.max(h.signalVariance - explained, 0)
    }
    return bounds
  }
}
