import Linalg

/// Whether a forward pass is part of training (dropout active, caches kept for `backward`),
/// a deterministic gradient evaluation, or inference.
public enum ForwardMode: Sendable, Equatable {
  /// Training: dropout draws masks, layers keep what `backward` needs.
  case training
  /// Gradient evaluation for probes: layers keep what `backward` needs, dropout is the identity.
  case trainingWithoutDropout
  /// Evaluation (inference): dropout is the identity, nothing is cached.
  case evaluation

  /// Whether layers cache their inputs/outputs for a later `backward`.
  public var cachesForBackward: Bool { self != .evaluation }
  /// Whether dropout draws masks.
  public var appliesDropout: Bool { self == .training }
}

/// A differentiable layer of a ``Network``: a value holding its weights, gradients and the cache
/// of its last training-mode forward pass.
///
/// Data flows as a `Matrix<Float>` with one row per sample of the minibatch. Image layers
/// (``Conv2D``, ``MaxPool2D``) read each row as an image in NHWC order: element
/// `(y, x, c)` of a `height × width × channels` image is at column `(y·width + x)·channels + c`.
///
/// The parameters of a layer are exposed as one flat vector (``parameters``) whose order each
/// layer documents; ``gradient`` has the same order and holds the gradient *accumulated* by
/// `backward` calls since the last ``zeroGradient()``.
public protocol Layer: Sendable, CustomStringConvertible {
  /// The number of trainable scalars (≥ 0).
  var parameterCount: Int { get }
  /// The trainable scalars, flattened in the layer's documented order.
  var parameters: [Float] { get }
  /// The accumulated gradient of the loss with respect to ``parameters``, same order.
  var gradient: [Float] { get }
  /// Replaces the parameters by `values`, which has exactly ``parameterCount`` elements.
  mutating func setParameters(_ values: ArraySlice<Float>)
  /// Sets the accumulated gradient to zero.
  mutating func zeroGradient()
  /// Maps a minibatch `input` (one sample per row) to the layer's output.
  ///
  /// In ``ForwardMode/training`` the layer caches what ``backward(_:)`` needs.
  /// - Throws: ``NeuralNetError/shapeMismatch(layer:expected:got:)`` if `input` has the wrong
  ///   number of columns.
  mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float>
  /// Given ∂L/∂output of the last training forward pass, adds ∂L/∂parameters to ``gradient``
  /// and returns ∂L/∂input.
  ///
  /// - Throws: ``NeuralNetError/backwardBeforeForward(layer:)`` without a cached forward pass;
  ///   ``NeuralNetError/shapeMismatch(layer:expected:got:)`` if the gradient's shape differs
  ///   from the output's.
  mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float>
}

extension Layer {
  /// Checks that `input` has `columns` columns, naming this layer otherwise.
  func checkColumns(_ input: Matrix<Float>, _ columns: Int) throws(NeuralNetError) {
    guard input.columns == columns else {
      throw .shapeMismatch(layer: description, expected: "N×\(columns)", got: input.shapeDescription)
    }
  }

  /// Checks that an output gradient has the shape of the cached output.
  func checkGradient(_ gradient: Matrix<Float>, rows: Int, columns: Int) throws(NeuralNetError) {
    guard gradient.rows == rows && gradient.columns == columns else {
      throw .shapeMismatch(layer: description + " (backward)", expected: "\(rows)×\(columns)", got: gradient.shapeDescription)
    }
  }
}

/// The shape of one image in NHWC order: `height × width × channels`.
public struct ImageShape: Sendable, Equatable, CustomStringConvertible {
  /// Rows of pixels (≥ 1).
  public var height: Int
  /// Columns of pixels (≥ 1).
  public var width: Int
  /// Channels per pixel (≥ 1).
  public var channels: Int

  /// Creates an image shape.
  public init(height: Int, width: Int, channels: Int) {
    self.height = height
    self.width = width
    self.channels = channels
  }

  /// `height · width · channels`: the number of columns one image occupies in a minibatch row.
  public var count: Int { height * width * channels }

  /// `"H×W×C"`.
  public var description: String { "\(height)×\(width)×\(channels)" }
}
