import Linalg

/// A scalar loss `f: ℝⁿ → ℝ` whose value and gradient can be evaluated at any parameter vector:
/// the one thing every sharpness probe needs.
///
/// Hessian-vector products, power iteration, Lanczos, Hutchinson's trace and ε-sharpness are all
/// built on ``lossAndGradient(at:)`` alone (second derivatives by finite differences of
/// gradients, see ``HessianOperator``), so any model that can report a gradient can be probed.
///
/// `Scalar` is the precision the loss computes in: `Float` for networks (``NetworkLoss``),
/// `Double` for closed-form test losses. The probes keep their own vectors in `Double` and round
/// to `Scalar` only when they call the loss, so a `Double` loss is probed to `Double` accuracy.
public protocol DifferentiableLoss: Sendable {
  /// The precision of the loss's parameters, value and gradient (`Float` or `Double`).
  associatedtype Scalar: BLASScalar

  /// The number of parameters n (≥ 1).
  var parameterCount: Int { get }

  /// The loss f(w) and its gradient ∇f(w) (n elements) at `parameters` (n elements).
  ///
  /// Must be a deterministic function of `parameters` (no dropout, no data shuffling).
  /// - Throws: ``ProbeError`` when the parameters have the wrong length or the model fails.
  func lossAndGradient(at parameters: [Scalar]) throws(ProbeError) -> (loss: Scalar, gradient: [Scalar])

  /// The loss f(w) alone at `parameters`; the default calls ``lossAndGradient(at:)``.
  ///
  /// - Throws: as ``lossAndGradient(at:)``.
  func loss(at parameters: [Scalar]) throws(ProbeError) -> Scalar
}

extension DifferentiableLoss {
  public func loss(at parameters: [Scalar]) throws(ProbeError) -> Scalar {
    try lossAndGradient(at: parameters).loss
  }

  /// The loss and gradient at a `Double` parameter vector, rounded to ``Scalar`` for the call
  /// and returned in `Double` (exact widening of the loss's own numbers).
  func evaluate(at parameters: [Double]) throws(ProbeError) -> (loss: Double, gradient: [Double]) {
    let (value, gradient) = try lossAndGradient(at: parameters.map { Scalar($0) })
    guard gradient.count == parameterCount else {
      throw .dimensionMismatch(what: "gradient", expected: parameterCount, got: gradient.count)
    }
    return (Double(value), gradient.map { Double($0) })
  }

  /// The loss alone at a `Double` parameter vector.
  func value(at parameters: [Double]) throws(ProbeError) -> Double {
    Double(try loss(at: parameters.map { Scalar($0) }))
  }

  /// Checks that `parameters` has ``parameterCount`` finite elements.
  func check<T: BinaryFloatingPoint>(_ parameters: [T], what: String = "parameters") throws(ProbeError) {
    guard parameters.count == parameterCount else {
      throw .dimensionMismatch(what: what, expected: parameterCount, got: parameters.count)
    }
    guard parameters.allSatisfy(\.isFinite) else { throw .nonFinite(what: what) }
  }
}
