import Linalg

/// A fully connected layer `Y = φ(X·W + 1·bᵀ)` on a minibatch `X` (N × inputSize).
///
/// `W` is `inputSize × outputSize` (row-major), `b` has `outputSize` elements. The forward pass
/// is one `sgemm`; the backward pass, with `G = ∂L/∂Y ⊙ φ'`, is two:
/// ```
/// ∂L/∂W += Xᵀ·G      ∂L/∂b += Gᵀ·1      ∂L/∂X = G·Wᵀ
/// ```
/// Parameter order in ``parameters``: `W` row by row, then `b`.
public struct Dense: Layer {
  /// Input features per sample (≥ 1).
  public let inputSize: Int
  /// Output units (≥ 1).
  public let outputSize: Int
  /// The activation φ applied to the affine output.
  public let activation: Activation
  /// The weights, `inputSize × outputSize`.
  public var weight: Matrix<Float>
  /// The bias, `outputSize` elements.
  public var bias: [Float]
  /// Accumulated ∂L/∂W, same shape as ``weight``.
  public private(set) var weightGradient: Matrix<Float>
  /// Accumulated ∂L/∂b.
  public private(set) var biasGradient: [Float]
  private var cachedInput: Matrix<Float>?
  private var cachedOutput: Matrix<Float>?

  /// Creates a layer with weights drawn by `initializer` and zero biases.
  ///
  /// - Parameters:
  ///   - inputSize: features per input sample, ≥ 1.
  ///   - outputSize: output units, ≥ 1.
  ///   - activation: φ (default identity, i.e. logits).
  ///   - initializer: the weight distribution (default: He for ReLU, Glorot otherwise).
  ///   - generator: the seeded source of the initial weights.
  public init(
    inputSize: Int, outputSize: Int, activation: Activation = .identity,
    initializer: WeightInitializer? = nil, generator: inout SeededGenerator
  ) {
    precondition(inputSize >= 1 && outputSize >= 1, "Dense sizes must be positive")
    self.inputSize = inputSize
    self.outputSize = outputSize
    self.activation = activation
    let scheme = initializer ?? .suited(to: activation)
    weight = Matrix(
      rows: inputSize, columns: outputSize,
      storage: scheme.sample(count: inputSize * outputSize, fanIn: inputSize, fanOut: outputSize, using: &generator))
    bias = [Float](repeating: 0, count: outputSize)
    weightGradient = Matrix(rows: inputSize, columns: outputSize)
    biasGradient = bias
  }

  public var description: String { "Dense(\(inputSize)→\(outputSize), \(activation.rawValue))" }
  public var parameterCount: Int { inputSize * outputSize + outputSize }
  public var parameters: [Float] { weight.storage + bias }
  public var gradient: [Float] { weightGradient.storage + biasGradient }

  public mutating func setParameters(_ values: ArraySlice<Float>) {
    precondition(values.count == parameterCount, "Dense expects \(parameterCount) parameters")
    let split = values.startIndex + inputSize * outputSize
    weight.storage = Array(values[values.startIndex..<split])
    bias = Array(values[split...])
  }

  public mutating func zeroGradient() {
    weightGradient = Matrix(rows: inputSize, columns: outputSize)
    biasGradient = [Float](repeating: 0, count: outputSize)
  }

  /// `Y = φ(X·W + 1·bᵀ)`: one `sgemm`.
  public mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float> {
    try checkColumns(input, inputSize)
    var output = Matrix<Float>(rows: input.rows, columns: outputSize)
    try Matrix.gemm(input, .none, weight, .none, into: &output)
    output.addRowVector(bias)
    activation.apply(&output.storage)
    if mode.cachesForBackward {
      cachedInput = input
      cachedOutput = output
    } else {
      cachedInput = nil
      cachedOutput = nil
    }
    return output
  }

  /// Accumulates `Xᵀ·G` and `Gᵀ·1`, returns `G·Wᵀ`: two `sgemm` and one `sgemv`.
  public mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float> {
    guard let input = cachedInput, let output = cachedOutput else {
      throw .backwardBeforeForward(layer: description)
    }
    try checkGradient(outputGradient, rows: output.rows, columns: output.columns)
    var g = outputGradient
    activation.backpropagate(&g.storage, outputs: output.storage)
    try Matrix.gemm(input, .transposed, g, .none, beta: 1, into: &weightGradient)
    try g.accumulateColumnSums(into: &biasGradient)
    var inputGradient = Matrix<Float>(rows: input.rows, columns: inputSize)
    try Matrix.gemm(g, .none, weight, .transposed, into: &inputGradient)
    return inputGradient
  }
}
