import Foundation
import Linalg

/// The Matérn 5/2 covariance with automatic relevance determination (one lengthscale per input
/// dimension), the default kernel of GP-based Bayesian optimisation (Snoek, Larochelle &
/// Adams 2012, §3.1).
///
/// With `r² = Σ_k (x_k − x'_k)²/ℓ_k²` (Rasmussen & Williams 2006, eq. 4.17):
///
///     k(x, x') = σ_f² · (1 + √5·r + 5r²/3) · exp(−√5·r)
///
/// Squared distances go through BLAS: for lengthscale-scaled inputs `z = x/ℓ`,
/// `r²(a, b) = ‖a‖² + ‖b‖² − 2·a·b`, the cross products by one `gemm`; small negative results
/// of cancellation are clamped to 0.
public enum MaternKernel {
  /// √5.
  static let sqrt5 = 5.0.squareRoot()

  /// The Matérn 5/2 correlation `(1 + √5·r + 5r²/3)·exp(−√5·r)` at squared distance `r2` ≥ 0.
  public static func correlation(squaredDistance r2: Double) -> Double {
    let r = r2.squareRoot()
    return (1 + sqrt5 * r + 5.0 / 3.0 * r2) * exp(-sqrt5 * r)
  }

  /// The factor `G(r) = (5/3)(1 + √5·r)·exp(−√5·r)` of the lengthscale derivative
  /// `∂k/∂log ℓ_k = σ_f²·G(r)·(x_k − x'_k)²/ℓ_k²` (finite at r = 0).
  static func lengthscaleFactor(squaredDistance r2: Double) -> Double {
    let r = r2.squareRoot()
    return 5.0 / 3.0 * (1 + sqrt5 * r) * exp(-sqrt5 * r)
  }

  /// The rows of `x` divided column-wise by `lengthscales`.
  static func scaled(_ x: Matrix<Double>, lengthscales: [Double]) -> Matrix<Double> {
    var z = x
    let d = x.columns
    for i in 0..<x.rows {
      for k in 0..<d { z.storage[i * d + k] /= lengthscales[k] }
    }
    return z
  }

  /// The squared Euclidean distances between the rows of `a` (m × d) and `b` (n × d), m × n,
  /// as `‖a_i‖² + ‖b_j‖² − 2·a_i·b_j` with the cross term from one `gemm`.
  static func squaredDistances(_ a: Matrix<Double>, _ b: Matrix<Double>) throws(LinalgError)
    -> Matrix<Double>
  {
    let (m, n, d) = (a.rows, b.rows, a.columns)
    var c = Matrix<Double>(rows: m, columns: n)
    try Matrix.multiply(a, b, .transposed, alpha: -2, into: &c)
    let na = (0..<m).map { i in (0..<d).reduce(0.0) { $0 + a.storage[i * d + $1] * a.storage[i * d + $1] } }
    let nb = (0..<n).map { j in (0..<d).reduce(0.0) { $0 + b.storage[j * d + $1] * b.storage[j * d + $1] } }
    c.storage.withUnsafeMutableBufferPointer { p in
      for i in 0..<m {
        for j in 0..<n { p[i * n + j] = Swift.max(p[i * n + j] + na[i] + nb[j], 0) }
      }
    }
    return c
  }

  /// The cross-covariance `σ_f²·M(r)` between the rows of `a` and `b` (no noise term).
  ///
  /// - Parameters:
  ///   - a: m × d inputs; `b`: n × d inputs.
  ///   - lengthscales: d positive lengthscales ℓ_k.
  ///   - signalVariance: σ_f² > 0.
  /// - Returns: the m × n matrix `k(a_i, b_j)`.
  /// - Complexity: O(m·n·d) in one `gemm` plus O(m·n) exponentials.
  public static func covariance(
    _ a: Matrix<Double>, _ b: Matrix<Double>, lengthscales: [Double], signalVariance: Double
  ) throws(LinalgError) -> Matrix<Double> {
    let za = scaled(a, lengthscales: lengthscales)
    let zb = scaled(b, lengthscales: lengthscales)
    var k = try squaredDistances(za, zb)
    k.storage.withUnsafeMutableBufferPointer { p in
      for i in p.indices { p[i] = signalVariance * correlation(squaredDistance: p[i]) }
    }
    return k
  }
}
