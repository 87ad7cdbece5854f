import Linalg

/// Marks the passage from images to feature vectors between ``MaxPool2D``/``Conv2D`` and
/// ``Dense``.
///
/// Minibatches are always carried as `N × features` matrices with each image flattened in NHWC
/// order, so flattening moves no data: the layer checks that each row holds one
/// ``ImageShape`` and passes it through. Its output size is `shape.count`.
public struct Flatten: Layer {
  /// The shape of each incoming image.
  public let shape: ImageShape

  /// Creates a flatten layer for images of `shape`.
  public init(_ shape: ImageShape) {
    self.shape = shape
  }

  /// Features per sample after flattening: `height · width · channels`.
  public var outputSize: Int { shape.count }
  public var description: String { "Flatten(\(shape)→\(shape.count))" }
  public var parameterCount: Int { 0 }
  public var parameters: [Float] { [] }
  public var gradient: [Float] { [] }
  public mutating func setParameters(_ values: ArraySlice<Float>) {
    precondition(values.isEmpty, "Flatten has no parameters")
  }
  public mutating func zeroGradient() {}

  /// The identity, after checking the row length.
  public mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float> {
    try checkColumns(input, shape.count)
    return input
  }

  /// The identity, after checking the row length.
  public mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float> {
    try checkColumns(outputGradient, shape.count)
    return outputGradient
  }
}
