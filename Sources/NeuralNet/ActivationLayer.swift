import Linalg

/// A parameter-free layer applying an ``Activation`` elementwise (e.g. ReLU after ``Conv2D``).
public struct ActivationLayer: Layer {
  /// The activation applied.
  public let activation: Activation
  private var cachedOutput: Matrix<Float>?

  /// Creates a layer applying `activation`.
  public init(_ activation: Activation) {
    self.activation = activation
  }

  public var description: String { "ActivationLayer(\(activation.rawValue))" }
  public var parameterCount: Int { 0 }
  public var parameters: [Float] { [] }
  public var gradient: [Float] { [] }
  public mutating func setParameters(_ values: ArraySlice<Float>) {
    precondition(values.isEmpty, "ActivationLayer has no parameters")
  }
  public mutating func zeroGradient() {}

  /// `y = φ(x)` elementwise.
  public mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float> {
    var output = input
    activation.apply(&output.storage)
    cachedOutput = mode.cachesForBackward ? output : nil
    return output
  }

  /// `∂L/∂x = ∂L/∂y ⊙ φ'(x)`.
  public mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float> {
    guard let output = cachedOutput else { throw .backwardBeforeForward(layer: description) }
    try checkGradient(outputGradient, rows: output.rows, columns: output.columns)
    var g = outputGradient
    activation.backpropagate(&g.storage, outputs: output.storage)
    return g
  }
}
