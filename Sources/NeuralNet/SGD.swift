/// Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, in
/// PyTorch's formulation (`torch.optim.SGD`, dampening 0).
///
/// With gradient `g`, momentum μ, learning rate η and weight decay λ, one step is
/// ```
/// g ← g + λ·p                      (L2 penalty λ/2·‖p‖² added to the loss)
/// v ← μ·v + g                      (v = g at the first step)
/// p ← p − η·(g + μ·v)              Nesterov
/// p ← p − η·v                      classical momentum (plain SGD when μ = 0)
/// ```
/// The weight decay is sklearn's `alpha` for `MLPClassifier(solver="sgd")` in the sense that a
/// penalty `alpha/2·‖w‖²` on the loss adds `alpha·w` to its gradient. (sklearn divides the
/// penalty by the batch size and leaves biases undecayed; here it applies to every parameter.)
public struct SGD: Optimizer {
  /// Step size η > 0.
  public var learningRate: Float
  /// Momentum μ in [0, 1).
  public var momentum: Float
  /// Whether to use Nesterov momentum (needs μ > 0 to differ from classical momentum).
  public var nesterov: Bool
  /// L2 weight decay λ ≥ 0, added to the gradient as `λ·p`.
  public var weightDecay: Float
  /// The momentum buffer v (empty before the first step).
  public private(set) var velocity: [Float] = []

  /// Creates an SGD optimizer.
  ///
  /// - Parameters:
  ///   - learningRate: η > 0 (sklearn `learning_rate_init`; default 0.01).
  ///   - momentum: μ in [0, 1) (default 0).
  ///   - nesterov: Nesterov momentum (default false).
  ///   - weightDecay: L2 coefficient λ ≥ 0 (sklearn `alpha`; default 0).
  public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
  }

  /// One SGD step; O(P).
  public mutating func step(parameters: inout [Float], gradient: [Float]) {
    checkLengths(parameters, gradient, state: velocity.count)
    let first = velocity.isEmpty
    if first && momentum != 0 { velocity = [Float](repeating: 0, count: parameters.count) }
    let (eta, mu, lambda) = (learningRate, momentum, weightDecay)
    for i in parameters.indices {
      var g = gradient[i]
      if lambda != 0 { g += lambda * parameters[i] }
      guard mu != 0 else {
        parameters[i] -= eta * g
        continue
      }
      let v = first ? g : mu * velocity[i] + g
      velocity[i] = v
      parameters[i] -= nesterov ? eta * (g + mu * v) : eta * v
    }
  }
}
