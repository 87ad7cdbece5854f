import Linalg

/// The extreme eigenvalues of a loss's Hessian by the Lanczos process with full
/// reorthogonalisation (as PyHessian's stochastic Lanczos quadrature, `hessian.density`).
///
/// `Linalg`'s ``Linalg/Lanczos`` runs on the Hessian-vector products of ``HessianOperator``
/// from a normalised Rademacher start; the Ritz values — the eigenvalues of the `m × m`
/// tridiagonal `T = tridiag(β, α, β)` — approximate the Hessian's extreme eigenvalues, the
/// largest ones first. The process stops early when `βⱼ ≤ 1e-10·maxᵢ|αᵢ|` (an invariant
/// subspace: the Ritz values are then exact). One Hessian-vector product (two gradient
/// evaluations) per step.
public struct HessianLanczos: Sendable, Equatable {
  /// Lanczos steps m, ≥ 1 (capped at the number of parameters).
  public var steps: Int
  /// How many of the largest Ritz values to report, ≥ 1 and ≤ ``steps``.
  public var count: Int
  /// Seed of the Rademacher start vector.
  public var seed: UInt64

  /// A Lanczos run of `steps` steps reporting the `count` largest Ritz values.
  public init(steps: Int = 30, count: Int = 5, seed: UInt64 = 0) {
    self.steps = steps
    self.count = count
    self.seed = seed
  }

  /// The result of a run.
  public struct Result: Sendable, Equatable {
    /// The ``HessianLanczos/count`` largest Ritz values, in decreasing order (fewer if the process
    /// stopped in an invariant subspace of smaller dimension).
    public var eigenvalues: [Double]
    /// All Ritz values, in decreasing order.
    public var ritzValues: [Double]
    /// The diagonal α and off-diagonal β of T.
    public var alpha: [Double]
    /// The off-diagonal of T (one fewer than ``alpha``).
    public var beta: [Double]
    /// Gradient evaluations in total (2 per step, +1 for ∇f(w) on a fresh operator).
    public var gradientEvaluations: Int
  }

  /// The largest eigenvalues of the Hessian of `loss` at `parameters`.
  ///
  /// - Throws: ``ProbeError/invalidOption(name:value:reason:)`` for options out of range; the
  ///   errors of ``HessianOperator/product(_:)``; ``ProbeError/linalg(_:)`` if `syevd` fails.
  public func eigenvalues<L: DifferentiableLoss>(
    of loss: L, at parameters: [L.Scalar], relativeStep: Double? = nil
  ) throws(ProbeError) -> Result {
    var hessian = try HessianOperator(loss: loss, at: parameters, relativeStep: relativeStep)
    return try eigenvalues(of: &hessian)
  }

  /// The largest eigenvalues of the operator `hessian`.
  ///
  /// - Throws: as ``eigenvalues(of:at:relativeStep:)``.
  public func eigenvalues<L: DifferentiableLoss>(of hessian: inout HessianOperator<L>) throws(ProbeError) -> Result {
    guard steps >= 1 else { throw .invalidOption(name: "steps", value: Double(steps), reason: "must be ≥ 1") }
    guard count >= 1, count <= steps else {
      throw .invalidOption(name: "count", value: Double(count), reason: "must be in 1...steps (\(steps))")
    }
    let start = hessian.gradientEvaluations
    var generator = SeededGenerator(seed: seed)
    let initial = VectorArithmetic.rademacher(hessian.dimension, using: &generator)
    let process: Lanczos
    do {
      process = try Lanczos(maxSteps: steps, breakdownTolerance: 1e-10)
    } catch {
      throw .linalg(error)
    }
    let decomposition = try process.decompose(start: initial) { (v) throws(ProbeError) in try hessian.product(v) }
    let ritz: [Double]
    do {
      ritz = try decomposition.ritzValues()
    } catch {
      throw .linalg(error)
    }
    let (alpha, beta) = (decomposition.alpha, decomposition.beta)
    return Result(
      eigenvalues: Array(ritz.prefix(count)), ritzValues: ritz, alpha: alpha, beta: beta,
      gradientEvaluations: hessian.gradientEvaluations - start)
  }
}
