import Linalg

/// The top eigenvalues of a loss's Hessian by power iteration with deflation, as PyHessian's
/// `hessian.eigenvalues(maxIter, tol, top_n)` (Yao et al. 2020, "PyHessian: Neural Networks
/// Through the Lens of the Hessian").
///
/// For each of ``count`` eigenvalues: draw a Gaussian `v` and normalise it; then repeat
/// `v ← v − Σ (vᵀuⱼ)uⱼ` over the eigenvectors `uⱼ` already found (deflation), `Hv`,
/// `λ = vᵀHv`, `v ← Hv/‖Hv‖`, until `|λ − λ_prev| / (|λ_prev| + 1e-6) < tol` or
/// ``maxIterations`` products. Power iteration converges to the eigenvalue of largest
/// **magnitude**, which may be negative at a saddle: the result keeps its sign.
/// Each iteration costs one Hessian-vector product, i.e. two gradient evaluations (see
/// ``HessianOperator``).
public struct PowerIteration: Sendable, Equatable {
  /// Hessian-vector products per eigenvalue at most, ≥ 1 (PyHessian: 100).
  public var maxIterations: Int
  /// Relative change of λ that ends the iteration, ≥ 0 (PyHessian: 1e-3; 0 runs all iterations).
  public var tolerance: Double
  /// Number of eigenvalues, ≥ 1 (PyHessian's `top_n`).
  public var count: Int
  /// Seed of the Gaussian start vectors.
  public var seed: UInt64

  /// Power iteration with PyHessian's defaults.
  public init(maxIterations: Int = 100, tolerance: Double = 1e-3, count: Int = 1, seed: UInt64 = 0) {
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.count = count
    self.seed = seed
  }

  /// The result of a run.
  public struct Result: Sendable, Equatable {
    /// The eigenvalues found, in the order found (decreasing magnitude), signed.
    public var eigenvalues: [Double]
    /// Their unit eigenvectors (n elements each).
    public var eigenvectors: [[Double]]
    /// Hessian-vector products spent on each eigenvalue.
    public var iterations: [Int]
    /// Whether each met the tolerance before ``PowerIteration/maxIterations``.
    public var converged: [Bool]
    /// Gradient evaluations in total (2 per product, +1 for ∇f(w) on a fresh operator).
    public var gradientEvaluations: Int

    /// The eigenvalue of largest magnitude, with its sign (NaN if none was computed).
    public var top: Double { eigenvalues.first ?? .nan }
  }

  /// The top eigenvalues of the Hessian of `loss` at `parameters`.
  ///
  /// - Parameters:
  ///   - loss: the loss.
  ///   - parameters: the point w.
  ///   - relativeStep: the finite-difference step of ``HessianOperator`` (`nil`: its default).
  /// - Throws: ``ProbeError/invalidOption(name:value:reason:)`` for options out of range or
  ///   `count` above n; the errors of ``HessianOperator/product(_:)``.
  public func eigenvalues<L: DifferentiableLoss>(
    of loss: L, at parameters: [L.Scalar], relativeStep: Double? = nil
  ) throws(ProbeError) -> Result {
    var hessian = try HessianOperator(loss: loss, at: parameters, relativeStep: relativeStep)
    return try eigenvalues(of: &hessian)
  }

  /// The top eigenvalues of the operator `hessian` (its evaluation count keeps growing).
  ///
  /// - Throws: as ``eigenvalues(of:at:relativeStep:)``.
  public func eigenvalues<L: DifferentiableLoss>(of hessian: inout HessianOperator<L>) throws(ProbeError) -> Result {
    try validate(dimension: hessian.dimension)
    let start = hessian.gradientEvaluations
    var generator = SeededGenerator(seed: seed)
    var result = Result(eigenvalues: [], eigenvectors: [], iterations: [], converged: [], gradientEvaluations: 0)
    for _ in 0..<count {
      var v = VectorArithmetic.normalized(VectorArithmetic.gaussian(hessian.dimension, using: &generator))
      var lambda: Double? = nil
      var iterations = 0
      var converged = false
      while iterations < maxIterations {
        v = VectorArithmetic.normalized(VectorArithmetic.orthogonalized(v, against: result.eigenvectors))
        let hv = try hessian.product(v)
        iterations += 1
        let next = VectorArithmetic.dot(v, hv)
        let hvNorm = VectorArithmetic.norm(hv)
        if hvNorm > 0 { v = hv.map { $0 / hvNorm } }
        if let previous = lambda, abs(next - previous) / (abs(previous) + 1e-6) < tolerance {
          lambda = next
          converged = true
          break
        }
        lambda = next
        if hvNorm == 0 {
          converged = true
          break
        }
      }
      result.eigenvalues.append(lambda ?? .nan)
      result.eigenvectors.append(VectorArithmetic.normalized(VectorArithmetic.orthogonalized(v, against: result.eigenvectors)))
      result.iterations.append(iterations)
      result.converged.append(converged)
    }
    result.gradientEvaluations = hessian.gradientEvaluations - start
    return result
  }

  private func validate(dimension: Int) throws(ProbeError) {
    guard maxIterations >= 1 else {
      throw .invalidOption(name: "maxIterations", value: Double(maxIterations), reason: "must be ≥ 1")
    }
    guard tolerance >= 0 else { throw .invalidOption(name: "tolerance", value: tolerance, reason: "must be ≥ 0") }
    guard count >= 1, count <= dimension else {
      throw .invalidOption(name: "count", value: Double(count), reason: "must be in 1...\(dimension) (the number of parameters)")
    }
  }
}
