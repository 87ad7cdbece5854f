import Linalg

/// A sequential network: the output of each layer is the input of the next.
///
/// A `Network` is a value: copying it copies weights, gradients and dropout generators, so a
/// trial can checkpoint it or evaluate it at other parameters without touching the original.
///
/// **Flat parameter order.** ``parameters`` concatenates the layers' parameters in layer order;
/// within a layer, its weight matrix row by row and then its bias (see ``Dense`` and
/// ``Conv2D``). ``gradient`` uses the same order, so optimizers and probes (Hessian-vector
/// products, sharpness) work on one `[Float]`.
public struct Network: Sendable, CustomStringConvertible {
  /// The layers, applied first to last.
  public var layers: [any Layer]

  /// Creates a network applying `layers` in order.
  public init(_ layers: [any Layer]) {
    self.layers = layers
  }

  /// One line per layer.
  public var description: String {
    "Network(\(parameterCount) parameters)\n" + layers.map { "  \($0.description)" }.joined(separator: "\n")
  }

  /// The total number of trainable scalars.
  public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

  /// All weights and biases as one vector, in the documented flat order.
  public var parameters: [Float] {
    var flat = [Float]()
    flat.reserveCapacity(parameterCount)
    for layer in layers { flat.append(contentsOf: layer.parameters) }
    return flat
  }

  /// The accumulated gradient, in the order of ``parameters``.
  public var gradient: [Float] {
    var flat = [Float]()
    flat.reserveCapacity(parameterCount)
    for layer in layers { flat.append(contentsOf: layer.gradient) }
    return flat
  }

  /// Replaces all parameters by `values` (in the order of ``parameters``).
  ///
  /// - Throws: ``NeuralNetError/parameterCountMismatch(expected:got:)`` if the length differs
  ///   from ``parameterCount``.
  public mutating func setParameters(_ values: [Float]) throws(NeuralNetError) {
    guard values.count == parameterCount else {
      throw .parameterCountMismatch(expected: parameterCount, got: values.count)
    }
    var offset = 0
    for i in layers.indices {
      let count = layers[i].parameterCount
      layers[i].setParameters(values[offset..<(offset + count)])
      offset += count
    }
  }

  /// Sets every layer's accumulated gradient to zero.
  public mutating func zeroGradient() {
    for i in layers.indices { layers[i].zeroGradient() }
  }

  /// Runs `input` (one sample per row) through all layers.
  ///
  /// - Throws: ``NeuralNetError/shapeMismatch(layer:expected:got:)`` naming the first layer
  ///   whose input has the wrong shape.
  public mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float> {
    var x = input
    for i in layers.indices { x = try layers[i].forward(x, mode: mode) }
    return x
  }

  /// Backpropagates ∂L/∂output through all layers (last to first), accumulating each layer's
  /// parameter gradient, and returns ∂L/∂input.
  ///
  /// - Throws: ``NeuralNetError/backwardBeforeForward(layer:)`` without a caching forward pass.
  @discardableResult
  public mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float> {
    var g = outputGradient
    for i in layers.indices.reversed() { g = try layers[i].backward(g) }
    return g
  }

  /// One training step's worth of work without the update: zeroes the gradient, runs forward
  /// and backward on a minibatch, and returns the loss (the gradient is left in ``gradient``).
  ///
  /// - Parameters:
  ///   - x: the minibatch, one sample per row.
  ///   - targets: its targets.
  ///   - loss: the objective.
  ///   - mode: ``ForwardMode/training`` or ``ForwardMode/trainingWithoutDropout``.
  /// - Throws: shape, label and empty-input errors from the layers and the loss.
  public mutating func accumulateGradient(
    x: Matrix<Float>, targets: Targets, loss: Loss, mode: ForwardMode = .training
  ) throws(NeuralNetError) -> Float {
    zeroGradient()
    let output = try forward(x, mode: mode)
    let (value, outputGradient) = try loss.value(of: output, targets: targets)
    try backward(outputGradient)
    return value
  }
}
