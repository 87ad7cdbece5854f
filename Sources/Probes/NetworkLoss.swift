import Linalg
import NeuralNet

/// The mean softmax cross-entropy of a ``NeuralNet/Network`` on fixed data `(x, y)`, as a
/// ``DifferentiableLoss`` over the network's flat ``NeuralNet/Network/parameters``.
///
/// Evaluated in evaluation mode (dropout is the identity), so the loss is a deterministic
/// function of the parameters. It is the data loss only: the L2 penalty (`alpha`) a learner
/// trained with is not part of it, as in PyHessian, which probes the criterion alone.
public struct NetworkLoss: DifferentiableLoss {
  public typealias Scalar = Float

  /// The network whose architecture defines the loss (its current parameters are the default
  /// point to probe, ``parameters``).
  public let network: Network
  /// The rows the loss averages over, one sample per row.
  public let x: Matrix<Float>
  /// Class indices, one per row of ``x``.
  public let y: [Int]
  /// Rows per forward/backward pass (bounds memory only; the result is the full-data mean).
  public let batchSize: Int

  /// The loss of `network` on `(x, y)`.
  ///
  /// - Parameters:
  ///   - network: the (trained) network.
  ///   - x: samples, one per row (≥ 1 row).
  ///   - y: class indices, one per row.
  ///   - batchSize: rows per pass, ≥ 1 (default 1024).
  /// - Throws: ``ProbeError/network(_:)`` for empty, non-finite or mismatched data or labels out of range.
  public init(network: Network, x: Matrix<Float>, y: [Int], batchSize: Int = 1024) throws(ProbeError) {
    guard batchSize >= 1 else {
      throw .invalidOption(name: "batchSize", value: Double(batchSize), reason: "must be ≥ 1")
    }
    self.network = network
    self.x = x
    self.y = y
    self.batchSize = batchSize
    guard y.count == x.rows else { throw .dimensionMismatch(what: "y", expected: x.rows, got: y.count) }
    do {
      _ = try network.evaluate(x: x, targets: .classes(y), batchSize: batchSize)
    } catch {
      throw .network(error)
    }
  }

  public var parameterCount: Int { network.parameterCount }

  /// The network's current parameters: the point a probe measures by default.
  public var parameters: [Float] { network.parameters }

  public func lossAndGradient(at parameters: [Float]) throws(ProbeError) -> (loss: Float, gradient: [Float]) {
    do {
      return try network.lossAndGradient(at: parameters, x: x, y: y, batchSize: batchSize)
    } catch {
      throw .network(error)
    }
  }

  /// The loss alone (forward passes only, about a third of the cost of a gradient).
  public func loss(at parameters: [Float]) throws(ProbeError) -> Float {
    do {
      var copy = network
      try copy.setParameters(parameters)
      return try copy.evaluate(x: x, targets: .classes(y), batchSize: batchSize).loss
    } catch {
      throw .network(error)
    }
  }

  /// Where the filters of each layer sit in the flat parameter vector (for filter normalisation).
  ///
  /// - Throws: ``ProbeError/unsupportedLayer(_:)`` for a layer with parameters that is neither
  ///   ``NeuralNet/Dense`` nor ``NeuralNet/Conv2D``.
  public func layout() throws(ProbeError) -> ParameterLayout {
    try ParameterLayout(network)
  }
}
