import Foundation
import Linalg

extension GaussianProcess {
  /// The GP conditioned on extra observations, with the same hyperparameters and jitter.
  ///
  /// The Cholesky factor grows by a block row instead of being recomputed (a rank-p extension,
  /// Rasmussen & Williams 2006, §A.4): with `B = k(X, X_new)`, `L₂₁ = (L⁻¹B)ᵀ` (one `trsm`) and
  /// `L₂₂ = chol(K_new,new + (σ_n² + jitter)·I − L₂₁L₂₁ᵀ)`,
  ///
  ///     L' = [ L    0   ]
  ///          [ L₂₁  L₂₂ ]
  ///
  /// Standardisation and `α` are recomputed over all targets (two `trsv`). If the Schur
  /// complement does not factorise, the whole matrix is refactorised with a larger jitter.
  /// - Parameters:
  ///   - newInputs: p × d inputs.
  ///   - newTargets: p targets in original units.
  /// - Throws: ``GaussianProcessError`` for malformed input or a failed factorisation.
  /// - Complexity: O(p·n² + p²·n + p³) against O(n³) for a refit.
  public func appending(inputs newInputs: Matrix<Double>, targets newTargets: [Double])
    throws(GaussianProcessError) -> GaussianProcess
  {
    guard newInputs.rows > 0 else { return self }
    try Self.validate(inputs: newInputs, targets: newTargets, hyperparameters: hyperparameters)
    let (n, p, d) = (count, newInputs.rows, inputs.columns)
    let h = hyperparameters
    var next = self
    next.inputs = Matrix(rows: n + p, columns: d, storage: inputs.storage + newInputs.storage)
    next.targets = targets + newTargets
    if let extended = try? Self.extend(factor, old: inputs, new: newInputs, h, jitter: jitter) {
      next.factor = extended
      try next.updateAlpha()
      return next
    }
    return try GaussianProcess(inputs: next.inputs, targets: next.targets, hyperparameters: h)
  }

  /// The Cholesky factor of the covariance of `old` ∪ `new` from the factor `l` of `old`.
  private static func extend(
    _ l: Matrix<Double>, old: Matrix<Double>, new: Matrix<Double>, _ h: GPHyperparameters,
    jitter: Double
  ) throws(LinalgError) -> Matrix<Double> {
    let (n, p) = (old.rows, new.rows)
    let b = try MaternKernel.covariance(
      old, new, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
    let v = try l.solveTriangular(b, triangle: .lower)  // n × p, V = L⁻¹B, L₂₁ = Vᵀ
    var s = try MaternKernel.covariance(
      new, new, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
    for i in 0..<p { s.storage[i * p + i] += h.noiseVariance + jitter }
    try Matrix.multiply(v, .transposed, v, .none, alpha: -1, beta: 1, into: &s)
    let l22 = try s.choleskyFactor(triangle: .lower)
    let m = n + p
    var out = Matrix<Double>(rows: m, columns: m)
    out.storage.withUnsafeMutableBufferPointer { o in
      l.storage.withUnsafeBufferPointer { li in
        for i in 0..<n {
          for j in 0...i { o[i * m + j] = li[i * n + j] }
        }
      }
      for i in 0..<p {
        for j in 0..<n { o[(n + i) * m + j] = v.storage[j * p + i] }
        for j in 0...i { o[(n + i) * m + n + j] = l22.storage[i * p + j] }
      }
    }
    return out
  }
}
