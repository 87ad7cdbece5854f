import Linalg

/// Hessian-vector products `H(w)·v` of a ``DifferentiableLoss`` at a fixed point `w`, by central
/// differences of gradients, counting every gradient evaluation.
///
/// PyHessian (Yao et al. 2020) computes `Hv` exactly by Pearlmutter's (1994) trick, a second
/// backward pass through the gradient graph. `NeuralNet` has no double backward, so here
///
///     Hv ≈ (∇f(w + h·v) − ∇f(w − h·v)) / (2h),     h = s · max(1, ‖w‖₂) / ‖v‖₂,
///
/// two gradient evaluations per product. The step is scaled so that the perturbation `h·v` has
/// norm `s·max(1, ‖w‖)`: relative to the weights, whatever the length of `v`. The relative step
/// `s` defaults to `√ε` of the loss's precision (`Float`: 3.5e-4, `Double`: 1.5e-8): the
/// truncation error is `O(h²·‖∇³f‖)` (zero for a quadratic), the rounding error about
/// `ε·‖∇f‖/h`; `√ε` keeps both small and, for ReLU networks, crosses few activation kinks (the
/// estimate is then a slightly smoothed Hessian).
///
/// **Care with `Float` losses.** The iterates stay in `Double`; `w ± h·v` is formed in `Double`
/// and rounded once to the loss's precision, and the two `Float` gradients are widened before
/// they are subtracted (exact), so the only `Float` errors are those of the gradients themselves
/// and of rounding `w ± h·v` (relative `≤ ε·|wᵢ|/(h·|vᵢ|)` per coordinate).
public struct HessianOperator<Loss: DifferentiableLoss>: Sendable {
  /// The loss.
  public let loss: Loss
  /// The point w at which the Hessian is taken, widened to `Double`.
  public let point: [Double]
  /// The relative step s (> 0).
  public let relativeStep: Double
  /// Gradient evaluations so far (two per product).
  public private(set) var gradientEvaluations = 0
  private let pointNorm: Double

  /// The Hessian of `loss` at `parameters`.
  ///
  /// - Parameters:
  ///   - loss: the loss.
  ///   - parameters: the point w (``DifferentiableLoss/parameterCount`` finite elements).
  ///   - relativeStep: s > 0, or `nil` for `√ε` of `Loss.Scalar`.
  /// - Throws: ``ProbeError/dimensionMismatch(what:expected:got:)``, ``ProbeError/nonFinite(what:)``,
  ///   ``ProbeError/invalidOption(name:value:reason:)`` for s ≤ 0.
  public init(loss: Loss, at parameters: [Loss.Scalar], relativeStep: Double? = nil) throws(ProbeError) {
    try loss.check(parameters)
    let s = relativeStep ?? Double(Loss.Scalar.ulpOfOne).squareRoot()
    guard s > 0, s.isFinite else { throw .invalidOption(name: "relativeStep", value: s, reason: "must be > 0") }
    self.loss = loss
    self.point = parameters.map { Double($0) }
    self.relativeStep = s
    self.pointNorm = VectorArithmetic.norm(point)
  }

  /// The number of parameters n.
  public var dimension: Int { point.count }

  /// The finite-difference step h for a direction of norm `directionNorm`.
  public func step(forDirectionNorm directionNorm: Double) -> Double {
    relativeStep * max(1, pointNorm) / directionNorm
  }

  /// `H(w)·v`, n elements (two gradient evaluations; the zero vector for v = 0).
  ///
  /// - Throws: ``ProbeError/dimensionMismatch(what:expected:got:)`` for a `v` of another length,
  ///   ``ProbeError/nonFinite(what:)`` when a gradient is NaN or infinite, and the loss's errors.
  public mutating func product(_ v: [Double]) throws(ProbeError) -> [Double] {
    guard v.count == dimension else { throw .dimensionMismatch(what: "direction", expected: dimension, got: v.count) }
    let norm = VectorArithmetic.norm(v)
    guard norm.isFinite else { throw .nonFinite(what: "direction") }
    guard norm > 0 else { return v }
    let h = step(forDirectionNorm: norm)
    let plus = try loss.evaluate(at: VectorArithmetic.adding(point, h, v)).gradient
    let minus = try loss.evaluate(at: VectorArithmetic.adding(point, -h, v)).gradient
    gradientEvaluations += 2
    var result = [Double](repeating: 0, count: dimension)
    for i in result.indices { result[i] = (plus[i] - minus[i]) / (2 * h) }
    guard result.allSatisfy(\.isFinite) else { throw .nonFinite(what: "Hessian-vector product") }
    return result
  }

  /// The Rayleigh quotient-like product vᵀHv (two gradient evaluations).
  public mutating func quadraticForm(_ v: [Double]) throws(ProbeError) -> Double {
    VectorArithmetic.dot(v, try product(v))
  }
}
