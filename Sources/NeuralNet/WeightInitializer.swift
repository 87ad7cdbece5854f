import Linalg

/// How a layer's weights are drawn at construction; biases always start at zero (Keras, and
/// PyTorch's recommended practice with these schemes).
///
/// Both are uniform on `[−limit, limit]`, whose variance is `limit² / 3`:
/// ```
/// heUniform      limit = √(6 / fanIn)             Var = 2 / fanIn
/// glorotUniform  limit = √(6 / (fanIn + fanOut))  Var = 2 / (fanIn + fanOut)
/// ```
/// `heUniform` is Keras `he_uniform` and PyTorch `kaiming_uniform_(a=0, nonlinearity="relu")`
/// (He et al. 2015); `glorotUniform` is Keras `glorot_uniform` and PyTorch `xavier_uniform_`
/// (Glorot & Bengio 2010). For a dense layer fanIn/fanOut are its input/output sizes; for a
/// convolution they are `k·k·inChannels` and `k·k·outChannels`.
public enum WeightInitializer: Sendable, Equatable {
  /// He (Kaiming) uniform, for ReLU layers.
  case heUniform
  /// Glorot (Xavier) uniform, for tanh, sigmoid and linear layers.
  case glorotUniform

  /// The half-width of the uniform distribution for the given fans (both ≥ 1).
  public func limit(fanIn: Int, fanOut: Int) -> Double {
    switch self {
    case .heUniform: return (6.0 / Double(fanIn)).squareRoot()
    case .glorotUniform: return (6.0 / Double(fanIn + fanOut)).squareRoot()
    }
  }

  /// `count` weights drawn independently from `U[−limit, limit]` with `generator`.
  public func sample(count: Int, fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) -> [Float] {
    let l = limit(fanIn: fanIn, fanOut: fanOut)
    return (0..<count).map { _ in Float(generator.uniform(-l, l)) }
  }

  /// The initializer suited to `activation`: He for ReLU, Glorot otherwise.
  public static func suited(to activation: Activation) -> WeightInitializer {
    activation == .relu ? .heUniform : .glorotUniform
  }
}
