import Linalg

/// Inverted dropout (Srivastava et al. 2014): in training, each element is zeroed with
/// probability `rate` and the survivors are scaled by `1 / (1 − rate)`, so evaluation needs no
/// rescaling and is the identity.
///
/// ```
/// training    y = x ⊙ m / (1 − p),   mᵢ ~ Bernoulli(1 − p)
/// evaluation  y = x
/// backward    ∂L/∂x = ∂L/∂y ⊙ m / (1 − p)
/// ```
/// The masks come from the layer's own ``SeededGenerator`` (split off the one passed at
/// construction), so a copied network draws the same masks as the original.
public struct Dropout: Layer {
  /// The drop probability p, in [0, 1).
  public let rate: Float
  private var generator: SeededGenerator
  private var cachedMask: Matrix<Float>?

  /// Creates a dropout layer.
  ///
  /// - Parameters:
  ///   - rate: the probability p of zeroing an element, 0 ≤ p < 1.
  ///   - generator: the seeded generator a private mask generator is split from.
  /// - Precondition: `0 ≤ rate < 1` (validate user input before calling).
  public init(rate: Float, generator: inout SeededGenerator) {
    precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1), got \(rate)")
    self.rate = rate
    self.generator = generator.split(stream: 0xD80)
  }

  public var description: String { "Dropout(p=\(rate))" }
  public var parameterCount: Int { 0 }
  public var parameters: [Float] { [] }
  public var gradient: [Float] { [] }
  public mutating func setParameters(_ values: ArraySlice<Float>) {
    precondition(values.isEmpty, "Dropout has no parameters")
  }
  public mutating func zeroGradient() {}

  /// Applies a fresh mask in training; the identity in evaluation.
  public mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float> {
    guard mode.appliesDropout else {
      // Without dropout the layer is the identity; keep an all-ones mask for backward.
      cachedMask = mode.cachesForBackward ? Matrix(rows: input.rows, columns: input.columns, repeating: 1) : nil
      return input
    }
    let keep = Double(1 - rate)
    let scale = 1 / Float(keep)
    var mask = Matrix<Float>(rows: input.rows, columns: input.columns)
    for i in mask.storage.indices where generator.uniform() < keep { mask.storage[i] = scale }
    var output = input
    for i in output.storage.indices { output.storage[i] *= mask.storage[i] }
    cachedMask = mask
    return output
  }

  /// `∂L/∂x = ∂L/∂y ⊙ m / (1 − p)` with the mask of the last training forward pass.
  public mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float> {
    guard let mask = cachedMask else { throw .backwardBeforeForward(layer: description) }
    try checkGradient(outputGradient, rows: mask.rows, columns: mask.columns)
    var g = outputGradient
    for i in g.storage.indices { g.storage[i] *= mask.storage[i] }
    return g
  }
}
