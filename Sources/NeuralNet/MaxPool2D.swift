import Linalg

/// Max pooling over non-overlapping `poolSize × poolSize` windows (stride = pool size), per
/// channel, on NHWC images.
///
/// Output size is `⌊H / s⌋ × ⌊W / s⌋ × C` (trailing rows/columns that do not fill a window are
/// dropped, as `valid` pooling in Keras and PyTorch's default). Backward routes each output
/// gradient to the arg-max of its window (the first maximum on ties). O(N·H·W·C).
public struct MaxPool2D: Layer {
  /// The shape of each input image.
  public let inputShape: ImageShape
  /// Window side and stride s (≥ 1).
  public let poolSize: Int
  private var cachedArgmax: [Int]?
  private var cachedRows = 0

  /// Creates a pooling layer.
  ///
  /// - Parameters:
  ///   - inputShape: shape of each input image (height and width ≥ `poolSize`).
  ///   - poolSize: window side and stride, ≥ 1 (default 2).
  public init(inputShape: ImageShape, poolSize: Int = 2) {
    precondition(poolSize >= 1, "pool size must be positive")
    precondition(inputShape.height >= poolSize && inputShape.width >= poolSize, "image smaller than the pool")
    self.inputShape = inputShape
    self.poolSize = poolSize
  }

  /// The shape of each output image: `⌊H/s⌋ × ⌊W/s⌋ × C`.
  public var outputShape: ImageShape {
    ImageShape(height: inputShape.height / poolSize, width: inputShape.width / poolSize, channels: inputShape.channels)
  }

  public var description: String { "MaxPool2D(\(inputShape), pool \(poolSize))" }
  public var parameterCount: Int { 0 }
  public var parameters: [Float] { [] }
  public var gradient: [Float] { [] }
  public mutating func setParameters(_ values: ArraySlice<Float>) {
    precondition(values.isEmpty, "MaxPool2D has no parameters")
  }
  public mutating func zeroGradient() {}

  /// The maximum of each window, per channel.
  public mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float> {
    try checkColumns(input, inputShape.count)
    let (w, c, s) = (inputShape.width, inputShape.channels, poolSize)
    let out = outputShape
    let n = input.rows
    var output = Matrix<Float>(rows: n, columns: out.count)
    var argmax = [Int](repeating: 0, count: n * out.count)
    input.storage.withUnsafeBufferPointer { x in
      output.storage.withUnsafeMutableBufferPointer { y in
        for sample in 0..<n {
          let inBase = sample * inputShape.count
          let outBase = sample * out.count
          for oy in 0..<out.height {
            for ox in 0..<out.width {
              for ch in 0..<c {
                var best = -Float.infinity
                var bestIndex = inBase + ((oy * s) * w + ox * s) * c + ch
                for dy in 0..<s {
                  for dx in 0..<s {
                    let index = inBase + ((oy * s + dy) * w + ox * s + dx) * c + ch
                    if x[index] > best {
                      best = x[index]
                      bestIndex = index
                    }
                  }
                }
                let o = outBase + (oy * out.width + ox) * c + ch
                y[o] = x[bestIndex]
                argmax[o] = bestIndex
              }
            }
          }
        }
      }
    }
    cachedArgmax = mode.cachesForBackward ? argmax : nil
    cachedRows = n
    return output
  }

  /// Routes each output gradient to its window's arg-max.
  public mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float> {
    guard let argmax = cachedArgmax else { throw .backwardBeforeForward(layer: description) }
    try checkGradient(outputGradient, rows: cachedRows, columns: outputShape.count)
    var inputGradient = Matrix<Float>(rows: cachedRows, columns: inputShape.count)
    for (o, g) in outputGradient.storage.enumerated() { inputGradient.storage[argmax[o]] += g }
    return inputGradient
  }
}
