/// Adam with decoupled weight decay (Loshchilov & Hutter 2019), as PyTorch's `torch.optim.AdamW`.
///
/// Each step first shrinks the parameters, then takes the plain ``Adam`` step on the
/// unmodified gradient:
/// ```
/// p ← p − η·λ·p
/// p ← Adam step of p with gradient g (bias-corrected moments, no L2 term)
/// ```
/// Unlike L2 decay in ``Adam``, the decay is not rescaled by the adaptive denominator.
public struct AdamW: Optimizer {
  /// Step size η > 0.
  public var learningRate: Float
  /// Decay of the first moment, β₁ in [0, 1).
  public var beta1: Float
  /// Decay of the second moment, β₂ in [0, 1).
  public var beta2: Float
  /// Denominator guard ε > 0.
  public var epsilon: Float
  /// Decoupled weight decay λ ≥ 0.
  public var weightDecay: Float
  /// The moment estimates and step count.
  public private(set) var moments = AdamMoments()

  /// Creates an AdamW optimizer with PyTorch's defaults.
  ///
  /// - Parameters:
  ///   - learningRate: η > 0 (default 1e-3).
  ///   - beta1: β₁ (default 0.9).
  ///   - beta2: β₂ (default 0.999).
  ///   - epsilon: ε (default 1e-8).
  ///   - weightDecay: decoupled decay λ ≥ 0 (default 0.01).
  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    weightDecay: Float = 0.01
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// One AdamW step; O(P).
  public mutating func step(parameters: inout [Float], gradient: [Float]) {
    checkLengths(parameters, gradient, state: moments.first.count)
    if weightDecay != 0 {
      let shrink = 1 - learningRate * weightDecay
      for i in parameters.indices { parameters[i] *= shrink }
    }
    moments.update(
      parameters: &parameters, gradient: gradient, learningRate: learningRate, beta1: beta1, beta2: beta2,
      epsilon: epsilon)
  }
}
