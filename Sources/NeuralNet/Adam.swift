#if canImport(Glibc)
  import Glibc
#else
  import Foundation
#endif

/// Adam (Kingma & Ba 2015) with bias correction and optional L2 weight decay, as PyTorch's
/// `torch.optim.Adam`.
///
/// At step t = 1, 2, … with gradient `g`:
/// ```
/// g ← g + λ·p                                   (L2: penalty λ/2·‖p‖², sklearn's alpha)
/// m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²
/// m̂ = m / (1 − β₁ᵗ)            v̂ = v / (1 − β₂ᵗ)
/// p ← p − η·m̂ / (√v̂ + ε)
/// ```
/// For decoupled weight decay use ``AdamW``.
public struct Adam: Optimizer {
  /// Step size η > 0.
  public var learningRate: Float
  /// Decay of the first moment, β₁ in [0, 1).
  public var beta1: Float
  /// Decay of the second moment, β₂ in [0, 1).
  public var beta2: Float
  /// Denominator guard ε > 0.
  public var epsilon: Float
  /// L2 weight decay λ ≥ 0, added to the gradient.
  public var weightDecay: Float
  /// The moment estimates and step count.
  public private(set) var moments = AdamMoments()

  /// Creates an Adam optimizer with PyTorch's defaults.
  ///
  /// - Parameters:
  ///   - learningRate: η > 0 (default 1e-3).
  ///   - beta1: β₁ (default 0.9).
  ///   - beta2: β₂ (default 0.999).
  ///   - epsilon: ε (default 1e-8).
  ///   - weightDecay: L2 coefficient λ ≥ 0 (default 0).
  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    weightDecay: Float = 0
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// One Adam step; O(P).
  public mutating func step(parameters: inout [Float], gradient: [Float]) {
    checkLengths(parameters, gradient, state: moments.first.count)
    var g = gradient
    if weightDecay != 0 { for i in g.indices { g[i] += weightDecay * parameters[i] } }
    moments.update(
      parameters: &parameters, gradient: g, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
  }
}

/// The state shared by ``Adam`` and ``AdamW``: first and second moment estimates and the step count.
public struct AdamMoments: Sendable, Equatable {
  /// The first-moment estimate m (empty before the first step).
  public internal(set) var first: [Float] = []
  /// The second-moment estimate v (empty before the first step).
  public internal(set) var second: [Float] = []
  /// The number of steps taken, t ≥ 0.
  public internal(set) var step = 0

  /// Updates the moments with `gradient` and applies the bias-corrected Adam step.
  mutating func update(
    parameters: inout [Float], gradient: [Float], learningRate: Float, beta1: Float, beta2: Float, epsilon: Float
  ) {
    if first.isEmpty {
      first = [Float](repeating: 0, count: parameters.count)
      second = first
    }
    step += 1
    let correction1 = 1 - powf(beta1, Float(step))
    let correction2 = 1 - powf(beta2, Float(step))
    for i in parameters.indices {
      let g = gradient[i]
      first[i] = beta1 * first[i] + (1 - beta1) * g
      second[i] = beta2 * second[i] + (1 - beta2) * g * g
      let mHat = first[i] / correction1
      let vHat = second[i] / correction2
      parameters[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
    }
  }
}
