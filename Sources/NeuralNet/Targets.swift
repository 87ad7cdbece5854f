import Linalg

/// What a network is trained to output for each row: class indices (classification with
/// ``Loss/softmaxCrossEntropy``) or real-valued vectors (regression with
/// ``Loss/meanSquaredError``).
public enum Targets: Sendable, Equatable {
  /// One 0-based class index per row, each below the network's output size.
  case classes([Int])
  /// One target vector per row, as many columns as the network has outputs.
  case values(Matrix<Float>)

  /// The number of rows (samples).
  public var count: Int {
    switch self {
    case .classes(let labels): return labels.count
    case .values(let matrix): return matrix.rows
    }
  }

  /// The targets of the given rows, in the given order.
  public func rows(_ indices: some Collection<Int>) -> Targets {
    switch self {
    case .classes(let labels): return .classes(indices.map { labels[$0] })
    case .values(let matrix): return .values(matrix.rows(indices))
    }
  }
}
