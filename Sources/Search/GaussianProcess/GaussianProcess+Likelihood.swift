import Foundation
import Linalg

extension GaussianProcess {
  /// The log marginal likelihood of the standardised targets at ``hyperparameters``
  /// (Rasmussen & Williams 2006, eq. 2.30):
  ///
  ///     log p(y_s | X, θ) = −½·y_sᵀα − Σ_i log L_ii − (n/2)·log 2π
  ///
  /// equal to scikit-learn's `log_marginal_likelihood_value_` with `normalize_y=True`.
  public var logMarginalLikelihood: Double {
    let y = standardisedTargets
    var fit = 0.0
    for i in 0..<count { fit += y[i] * alpha[i] }
    var logDet = 0.0
    for i in 0..<count { logDet += log(factor[i, i]) }
    return -0.5 * fit - logDet - 0.5 * Double(count) * log(2 * Double.pi)
  }

  /// The log marginal likelihood of standardised `targets` and its gradient with respect to
  /// `θ = (log ℓ_1…log ℓ_d, log σ_f², log σ_n²)` (Rasmussen & Williams 2006, eq. 5.9):
  ///
  ///     ∂L/∂θ_j = ½·tr((ααᵀ − K⁻¹)·∂K/∂θ_j)
  ///
  /// with `∂K/∂log σ_f² = σ_f²·M`, `∂K/∂log σ_n² = σ_n²·I` and
  /// `∂K_ij/∂log ℓ_k = σ_f²·G(r_ij)·(z_ik − z_jk)²` for `z = x/ℓ` (see
  /// ``MaternKernel``). With `A = W∘(σ_f²·G)` and `W = ααᵀ − K⁻¹` symmetric, the lengthscale
  /// terms are `Σ_ij A_ij (z_ik − z_jk)² = 2·Σ_i z_ik²·(A·1)_i − 2·(Zᵀ·A·Z)_kk`, one `gemm`.
  /// `K⁻¹` comes from `potrs` on the identity (O(n³)); only the gradient needs it.
  ///
  /// - Parameters:
  ///   - inputs: n × d inputs; `targets`: n targets (standardised inside).
  ///   - theta: d + 2 log-hyperparameters.
  /// - Returns: `L(θ)` and `∇L(θ)` (d + 2 numbers).
  /// - Throws: ``GaussianProcessError`` when `K` cannot be factorised or the input is malformed.
  /// - Complexity: O(n³ + n²·d).
  public static func logMarginalLikelihoodAndGradient(
    inputs: Matrix<Double>, targets: [Double], theta: [Double]
  ) throws(GaussianProcessError) -> (value: Double, gradient: [Double]) {
    let h = GPHyperparameters(logParameters: theta)
    try validate(inputs: inputs, targets: targets, hyperparameters: h)
    let (n, d) = (inputs.rows, inputs.columns)
    let (mean, scale) = standardisation(targets)
    let y = targets.map { ($0 - mean) / scale }
    let z = MaternKernel.scaled(inputs, lengthscales: h.lengthscales)
    let r2 = try linalg { () throws(LinalgError) in try MaternKernel.squaredDistances(z, z) }
    var k = Matrix<Double>(rows: n, columns: n)
    for i in 0..<(n * n) {
      k.storage[i] = h.signalVariance * MaternKernel.correlation(squaredDistance: r2.storage[i])
    }
    for i in 0..<n { k.storage[i * n + i] = h.signalVariance + h.noiseVariance }
    let l = try factorise(k).factor
    // α = L⁻ᵀL⁻¹y and K⁻¹ = L⁻ᵀL⁻¹I by triangular solves.
    let (alpha, kInverse) = try linalg { () throws(LinalgError) in
      let a = try l.solveTriangular(
        l.solveTriangular(y, triangle: .lower), triangle: .lower, transpose: .transposed)
      let inv = try l.solveTriangular(
        l.solveTriangular(Matrix<Double>.identity(n), triangle: .lower), triangle: .lower,
        transpose: .transposed)
      return (a, inv)
    }
    var fit = 0.0
    var logDet = 0.0
    for i in 0..<n {
      fit += y[i] * alpha[i]
      logDet += log(l.storage[i * n + i])
    }
    let value = -0.5 * fit - logDet - 0.5 * Double(n) * log(2 * Double.pi)

    // A = W∘(σ_f²·G) with W = ααᵀ − K⁻¹; the signal and noise terms need only W∘K_f and tr W.
    var signalTerm = 0.0
    var trace = 0.0
    var a = Matrix<Double>(rows: n, columns: n)
    var rowSums = [Double](repeating: 0, count: n)
    for i in 0..<n {
      trace += alpha[i] * alpha[i] - kInverse.storage[i * n + i]
      for j in 0..<n {
        let idx = i * n + j
        let wij = alpha[i] * alpha[j] - kInverse.storage[idx]
        signalTerm += wij * k.storage[idx]
        let aij = wij * h.signalVariance * MaternKernel.lengthscaleFactor(squaredDistance: r2.storage[idx])
        a.storage[idx] = aij
        rowSums[i] += aij
      }
      // the diagonal of k holds σ_f² + σ_n²; ∂K/∂log σ_f² has σ_f² there.
      signalTerm -= (alpha[i] * alpha[i] - kInverse.storage[i * n + i]) * h.noiseVariance
    }
    let az = try linalg { () throws(LinalgError) in try a.multiplied(by: z) }
    var gradient = [Double](repeating: 0, count: d + 2)
    for i in 0..<n {
      for c in 0..<d {
        let zic = z.storage[i * d + c]
        // ½·(2·z_ic²·(A·1)_i − 2·z_ic·(A·Z)_ic)
        gradient[c] += zic * zic * rowSums[i] - zic * az.storage[i * d + c]
      }
    }
    gradient[d] = 0.5 * signalTerm
    gradient[d + 1] = 0.5 * h.noiseVariance * trace
    return (value, gradient)
  }
}

/// Runs a `Linalg` computation, mapping its error to ``GaussianProcessError/linalg(_:)``.
@inline(__always)
func linalg<T>(_ body: () throws(LinalgError) -> T) throws(GaussianProcessError) -> T {
  do {
    return try body()
  } catch {
    throw .linalg(error)
  }
}
