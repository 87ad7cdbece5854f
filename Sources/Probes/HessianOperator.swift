import Linalg

/// Hessian-vector products `H(w)·v` of a ``DifferentiableLoss`` at a fixed point `w`, by central
/// differences of gradients, counting every gradient evaluation.
///
/// PyHessian (Yao et al. 2020) computes `Hv` exactly by Pearlmutter's (1994) trick, a second
/// backward pass through the gradient graph. `NeuralNet` has no double backward, so here
///
///     Hv ≈ (∇f(w + h·v) − ∇f(w − h·v)) / (2h),     h = s · max(1, ‖w‖₂) / ‖v‖₂,
///
/// two gradient evaluations per product (plus one, once, for the kink guard's ∇f(w)). The step is scaled so that the perturbation `h·v` has
/// norm `s·max(1, ‖w‖)`: relative to the weights, whatever the length of `v`.
///
/// **The relative step s** (``defaultRelativeStep(for:)``). For a smooth `Double` loss it is
/// `√ε` (1.5e-8): the truncation error is `O(h²·‖∇³f‖)` (zero for a quadratic) and the rounding
/// error about `ε·‖∇f‖/h`. For `Float` networks it is 1e-5, chosen by measurement, because ReLU
/// networks are piecewise linear: a difference that straddles an activation kink adds a spike of
/// size ~(gradient jump)/h with probability ∝ h, while Pearlmutter's product (PyHessian) is the
/// almost-everywhere Hessian, which treats ReLU″ as 0. On a 30-32-2 ReLU MLP trained on breast
/// cancer (200 Rademacher samples, plain central differences), the Hutchinson trace was
/// 3.40 ± 0.09 at s = 1e-2, 4.65 ± 0.28 at 1e-3, −0.13 ± 0.31 at 3.45e-4 (= √ε_Float),
/// −5.70 ± 0.58 at 1e-4, −3.40 ± 1.52 at 3e-5 — kink spikes — and 1.70 ± 0.06, 1.71 ± 0.06,
/// 1.73 ± 0.06 at 1e-5, 3e-6, 1e-6, where it is stable; the same network with tanh gave
/// 2.141 ± 0.062 at every s from 1e-2 to 1e-5 (rounding costs 7e-4 relative at 1e-5).
///
/// **Kink guard.** A kink along the line `w + t·v` lies on one side of w, so with the gradient
/// `g₀` at w (one evaluation, cached) the one-sided quotients `D₊ = (g₊ − g₀)/h` and
/// `D₋ = (g₀ − g₋)/h` disagree when one side crossed it. When `‖D₊ − D₋‖ > ½·min(‖D₊‖, ‖D₋‖)`
/// the product is the one-sided quotient of smaller norm (first-order accurate, spike-free);
/// otherwise it is the central difference `(D₊ + D₋)/2` (second-order). ``kinkRejections``
/// counts the one-sided products.
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
  /// Gradient evaluations so far (two per product, plus one for the gradient at w).
  public private(set) var gradientEvaluations = 0
  /// Products that used a one-sided quotient because the two sides disagreed (a kink).
  public private(set) var kinkRejections = 0
  private var centreGradient: [Double]?
  private let pointNorm: Double

  /// The Hessian of `loss` at `parameters`.
  ///
  /// - Parameters:
  ///   - loss: the loss.
  ///   - parameters: the point w (``DifferentiableLoss/parameterCount`` finite elements).
  ///   - relativeStep: s > 0, or `nil` for ``defaultRelativeStep(for:)``.
  /// - Throws: ``ProbeError/dimensionMismatch(what:expected:got:)``, ``ProbeError/nonFinite(what:)``,
  ///   ``ProbeError/invalidOption(name:value:reason:)`` for s ≤ 0.
  public init(loss: Loss, at parameters: [Loss.Scalar], relativeStep: Double? = nil) throws(ProbeError) {
    try loss.check(parameters)
    let s = relativeStep ?? Self.defaultRelativeStep(for: Loss.Scalar.self)
    guard s > 0, s.isFinite else { throw .invalidOption(name: "relativeStep", value: s, reason: "must be > 0") }
    self.loss = loss
    self.point = parameters.map { Double($0) }
    self.relativeStep = s
    self.pointNorm = VectorArithmetic.norm(point)
  }

  /// The default relative step s: 1e-5 for `Float` (and narrower) losses, `√ε` (1.5e-8) for
  /// `Double` (see the type's discussion).
  public static func defaultRelativeStep<T: BinaryFloatingPoint>(for scalar: T.Type) -> Double {
    T.significandBitCount <= Float.significandBitCount ? 1e-5 : Double(T.ulpOfOne).squareRoot()
  }

  /// The number of parameters n.
  public var dimension: Int { point.count }

  /// The finite-difference step h for a direction of norm `directionNorm`.
  public func step(forDirectionNorm directionNorm: Double) -> Double {
    relativeStep * max(1, pointNorm) / directionNorm
  }

  /// `H(w)·v`, n elements (two gradient evaluations, plus one the first time; the zero vector for v = 0).
  ///
  /// - Throws: ``ProbeError/dimensionMismatch(what:expected:got:)`` for a `v` of another length,
  ///   ``ProbeError/nonFinite(what:)`` when a gradient is NaN or infinite, and the loss's errors.
  public mutating func product(_ v: [Double]) throws(ProbeError) -> [Double] {
    guard v.count == dimension else { throw .dimensionMismatch(what: "direction", expected: dimension, got: v.count) }
    let norm = VectorArithmetic.norm(v)
    guard norm.isFinite else { throw .nonFinite(what: "direction") }
    guard norm > 0 else { return v }
    let h = step(forDirectionNorm: norm)
    if centreGradient == nil {
      centreGradient = try loss.evaluate(at: point).gradient
      gradientEvaluations += 1
    }
    let centre = centreGradient ?? []
    let plus = try loss.evaluate(at: VectorArithmetic.adding(point, h, v)).gradient
    let minus = try loss.evaluate(at: VectorArithmetic.adding(point, -h, v)).gradient
    gradientEvaluations += 2
    var forward = [Double](repeating: 0, count: dimension)
    var backward = forward
    for i in forward.indices {
      forward[i] = (plus[i] - centre[i]) / h
      backward[i] = (centre[i] - minus[i]) / h
    }
    let forwardNorm = VectorArithmetic.norm(forward)
    let backwardNorm = VectorArithmetic.norm(backward)
    let disagreement = VectorArithmetic.norm(VectorArithmetic.adding(forward, -1, backward))
    let result: [Double]
    if disagreement > 0.5 * min(forwardNorm, backwardNorm) {
      kinkRejections += 1
      result = forwardNorm <= backwardNorm ? forward : backward
    } else {
      result = zip(forward, backward).map { ($0 + $1) / 2 }
    }
    guard result.allSatisfy(\.isFinite) else { throw .nonFinite(what: "Hessian-vector product") }
    return result
  }

  /// The quadratic form vᵀHv (as ``product(_:)``).
  public mutating func quadraticForm(_ v: [Double]) throws(ProbeError) -> Double {
    VectorArithmetic.dot(v, try product(v))
  }
}
