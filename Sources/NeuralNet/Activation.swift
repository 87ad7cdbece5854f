#if canImport(Glibc)
  import Glibc
#else
  import Foundation
#endif

/// An elementwise activation function φ, applied by ``Dense`` or by ``ActivationLayer``.
///
/// Each derivative is written in terms of the output `y = φ(x)`, which is what the layers cache:
/// ```
/// identity  y = x                    φ'(x) = 1
/// relu      y = max(0, x)            φ'(x) = 1 if y > 0 else 0
/// tanh      y = tanh(x)              φ'(x) = 1 − y²
/// sigmoid   y = 1 / (1 + e^(−x))     φ'(x) = y·(1 − y)
/// ```
public enum Activation: String, Sendable, Equatable, CaseIterable {
  /// No activation: `y = x`.
  case identity
  /// Rectified linear unit `max(0, x)`.
  case relu
  /// Hyperbolic tangent.
  case tanh
  /// Logistic sigmoid `1 / (1 + e^(−x))`, computed without overflow for large |x|.
  case sigmoid

  /// Applies φ to every element of `values` in place. O(n).
  public func apply(_ values: inout [Float]) {
    switch self {
    case .identity:
      return
    case .relu:
      for i in values.indices where values[i] < 0 { values[i] = 0 }
    case .tanh:
      for i in values.indices { values[i] = tanhf(values[i]) }
    case .sigmoid:
      for i in values.indices {
        let x = values[i]
        if x >= 0 {
          values[i] = 1 / (1 + expf(-x))
        } else {
          let e = expf(x)
          values[i] = e / (1 + e)
        }
      }
    }
  }

  /// Multiplies `gradient` elementwise by φ'(x), given the outputs `y = φ(x)`. O(n).
  ///
  /// - Precondition: `gradient.count == outputs.count`.
  public func backpropagate(_ gradient: inout [Float], outputs: [Float]) {
    precondition(gradient.count == outputs.count, "gradient and outputs differ in length")
    switch self {
    case .identity:
      return
    case .relu:
      for i in gradient.indices where outputs[i] <= 0 { gradient[i] = 0 }
    case .tanh:
      for i in gradient.indices { gradient[i] *= 1 - outputs[i] * outputs[i] }
    case .sigmoid:
      for i in gradient.indices { gradient[i] *= outputs[i] * (1 - outputs[i]) }
    }
  }
}
