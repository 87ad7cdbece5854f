import Foundation
import Linalg

extension StatisticalGroup {
  /// pymfe's `sd_ratio`: exp(M / (p (n − k))) with Box's M
  /// M = γ [(n − k) ln|S_pooled| − Σᵢ (nᵢ − 1) ln|Sᵢ|],
  /// γ = 1 − (2p² + 3p − 1)/(6(p + 1)(k − 1)) · (Σ 1/(nᵢ − 1) − 1/(n − k)).
  ///
  /// Quirk kept from pymfe 0.4.4: the class covariance matrices are `np.flip`ped on axes
  /// (0, 1), which reverses the class order (so weight (nᵢ − 1) meets S of class k−1−i) and
  /// the rows of every matrix, multiplying each determinant by (−1)^⌊p/2⌋; when that sign is
  /// negative the logarithms are NaN and so is `sd_ratio`.
  static func sdRatio(_ v: DataViews) -> (Double, String?) {
    let p = v.numeric.columns
    let k = v.classCount
    let n = v.rowCount
    guard k >= 2, p >= 2 else { return (.nan, "needs two classes and two numeric attributes") }
    if (p / 2) % 2 == 1 {
      return (.nan, "pymfe quirk: row-flipped covariance matrices have negative determinants")
    }
    var covs: [Matrix<Double>] = []
    for c in 0..<k {
      let rows = (0..<n).filter { v.y[$0] == c }
      guard rows.count > 1, let s = try? Statistics.covarianceMatrix(v.numeric.rows(rows)) else {
        return (.nan, "a class with fewer than two rows")
      }
      covs.append(s)
    }
    covs.reverse()
    let weights = v.classFreqs.map { Double($0) - 1 }
    var pooled = Matrix<Double>(rows: p, columns: p)
    for (w, s) in zip(weights, covs) {
      for i in 0..<(p * p) { pooled.storage[i] += w * s.storage[i] }
    }
    for i in 0..<(p * p) { pooled.storage[i] /= Double(n - k) }
    guard let pooledLog = logDet(pooled) else { return (.nan, "singular pooled covariance matrix") }
    var weighted = 0.0
    for (w, s) in zip(weights, covs) {
      guard let l = logDet(s) else { return (.nan, "singular class covariance matrix") }
      weighted += w * l
    }
    let pd = Double(p)
    let gamma =
      1 - (2 * pd * pd + 3 * pd - 1) / (6 * (pd + 1) * Double(k - 1))
      * (weights.reduce(0) { $0 + 1 / $1 } - 1 / Double(n - k))
    let m = gamma * (Double(n - k) * pooledLog - weighted)
    guard m.isFinite else { return (.nan, "infinite Box's M") }
    return (exp(m / (pd * Double(n - k))), nil)
  }

  /// ln|S| of a covariance matrix, nil when S is singular by numpy's `matrix_rank` rule.
  ///
  /// Singularity is decided by the numerical rank, not by whether a Cholesky factorisation
  /// happens to succeed: on a matrix that is singular in exact arithmetic (a class with a
  /// constant or linearly dependent column) the last pivot is rounding noise, positive with
  /// one BLAS kernel and negative with another, and so is pymfe's `np.linalg.det`, whose log is
  /// then NaN or a meaningless finite number. Tie rule: a singular matrix makes `sd_ratio` NaN,
  /// which is pymfe's value on every fixture with one (cleveland-0_vs_4, german, car-good).
  private static func logDet(_ s: Matrix<Double>) -> Double? {
    guard let rank = try? s.symmetricNumericalRank(), rank == s.rows, let c = try? Cholesky(s) else { return nil }
    let l = c.logDeterminant
    return l.isFinite ? l : nil
  }
}
