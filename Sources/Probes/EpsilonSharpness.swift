import Linalg

/// ε-sharpness of Keskar et al. (ICLR 2017, "On Large-Batch Training for Deep Learning:
/// Generalization Gap and Sharp Minima", Sec. 2.2.2) in the full space (A = Iₙ).
///
/// With the box `C_ε = { z : |zᵢ| ≤ ε(|wᵢ| + 1) }`,
///
///     φ_{w,f}(ε) = ( max_{z ∈ C_ε} f(w + z) − f(w) ) / ( 1 + f(w) ) × 100.
///
/// **Deviation from the paper.** Keskar et al. solve the inner maximisation approximately with
/// 10 iterations of L-BFGS-B. Here it is projected steepest ascent in the box's own (scaled ℓ∞)
/// geometry: `z ← Π_C(z + η·r ⊙ sign(∇f(w + z)))` with `rᵢ = ε(|wᵢ| + 1)` and `Π_C` clipping to
/// the box, starting from `z = 0` with `η = 1` (so the first step lands on the vertex picked by
/// the gradient's signs at w), halving η after a step that does not increase f, and keeping the
/// best point seen. For a separable convex quadratic the first step is already the exact
/// maximiser; in general the result is a lower bound of the true maximum, like the paper's.
/// One gradient evaluation per step, plus one at w.
public struct EpsilonSharpness: Sendable, Equatable {
  /// The box's relative half-width ε > 0 (the paper uses 1e-3 and 5e-4).
  public var epsilon: Double
  /// Ascent steps at most, ≥ 1 (L-BFGS-B in the paper ran 10 iterations).
  public var maxSteps: Int
  /// The step fraction η below which the ascent stops, in (0, 1].
  public var minStepFraction: Double

  /// ε-sharpness with ε = 1e-3, at most 20 steps, stopping when η < 1/64.
  public init(epsilon: Double = 1e-3, maxSteps: Int = 20, minStepFraction: Double = 1.0 / 64) {
    self.epsilon = epsilon
    self.maxSteps = maxSteps
    self.minStepFraction = minStepFraction
  }

  /// The result of a run.
  public struct Result: Sendable, Equatable {
    /// φ in percent (≥ 0).
    public var sharpness: Double
    /// f(w).
    public var loss: Double
    /// The largest f(w + z) found in the box.
    public var maximumLoss: Double
    /// The maximiser z found.
    public var perturbation: [Double]
    /// Gradient evaluations in total.
    public var gradientEvaluations: Int
  }

  /// The ε-sharpness of `loss` at `parameters`.
  ///
  /// - Throws: ``ProbeError/invalidOption(name:value:reason:)`` for options out of range;
  ///   ``ProbeError/nonFinite(what:)`` when f(w) is NaN or infinite or `1 + f(w) ≤ 0`; the loss's errors.
  public func measure<L: DifferentiableLoss>(of loss: L, at parameters: [L.Scalar]) throws(ProbeError) -> Result {
    guard epsilon > 0, epsilon.isFinite else { throw .invalidOption(name: "epsilon", value: epsilon, reason: "must be > 0") }
    guard maxSteps >= 1 else { throw .invalidOption(name: "maxSteps", value: Double(maxSteps), reason: "must be ≥ 1") }
    guard minStepFraction > 0, minStepFraction <= 1 else {
      throw .invalidOption(name: "minStepFraction", value: minStepFraction, reason: "must be in (0, 1]")
    }
    try loss.check(parameters)
    let w = parameters.map { Double($0) }
    let radius = w.map { epsilon * (abs($0) + 1) }
    var (base, gradient) = try loss.evaluate(at: w)
    var evaluations = 1
    guard base.isFinite, 1 + base > 0 else { throw .nonFinite(what: "loss at the probed parameters (or 1 + f(w) ≤ 0)") }
    var z = [Double](repeating: 0, count: w.count)
    var best = base
    var eta = 1.0
    var steps = 0
    while steps < maxSteps, eta >= minStepFraction {
      var candidate = z
      for i in candidate.indices {
        let g = gradient[i]
        let move = g > 0 ? eta * radius[i] : (g < 0 ? -eta * radius[i] : 0)
        candidate[i] = min(radius[i], max(-radius[i], z[i] + move))
      }
      if candidate == z { break }  // every move is clipped: z is a vertex of the box's ascent cone
      let (value, nextGradient) = try loss.evaluate(at: VectorArithmetic.adding(w, 1, candidate))
      evaluations += 1
      steps += 1
      if value.isFinite, value > best {
        best = value
        z = candidate
        gradient = nextGradient
      } else {
        eta /= 2
      }
    }
    return Result(
      sharpness: (best - base) / (1 + base) * 100, loss: base, maximumLoss: best, perturbation: z,
      gradientEvaluations: evaluations)
  }
}
