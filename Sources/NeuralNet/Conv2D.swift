import Linalg

/// A 2-D convolution (cross-correlation, as in every deep-learning library) with stride 1 on
/// NHWC images, computed as im2col followed by one `sgemm` per minibatch.
///
/// With `K` the kernel side, `C` input channels and `F` filters, the weights form a matrix
/// `W` of shape `(K·K·C) × F` whose row `(ky·K + kx)·C + c` holds tap `(ky, kx, c)` of every
/// filter, and the bias has `F` elements. For a minibatch `X`, `P = im2col(X)` has one row per
/// output pixel (`N·Hₒ·Wₒ` rows, `K·K·C` columns), and
/// ```
/// Y = P·W + 1·bᵀ                      (N·Hₒ·Wₒ) × F, i.e. N rows of Hₒ·Wₒ·F in NHWC
/// ∂L/∂W += Pᵀ·G    ∂L/∂b += Gᵀ·1    ∂L/∂X = col2im(G·Wᵀ)
/// ```
/// Padding `same` pads `⌊(K−1)/2⌋` zeros before and the rest after (TensorFlow's rule), so
/// `Hₒ = H`; `valid` pads nothing, so `Hₒ = H − K + 1`.
/// Parameter order in ``parameters``: `W` row by row, then `b`.
public struct Conv2D: Layer {
  /// Zero padding of the input border.
  public enum Padding: String, Sendable, Equatable {
    /// Output has the input's height and width.
    case same
    /// No padding: output is `(H − K + 1) × (W − K + 1)`.
    case valid
  }

  /// Shape of each input image.
  public let inputShape: ImageShape
  /// Number of filters F (output channels, ≥ 1).
  public let filters: Int
  /// Kernel side K (≥ 1).
  public let kernelSize: Int
  /// Border padding.
  public let padding: Padding
  /// The filter matrix, `(K·K·C) × F`.
  public var weight: Matrix<Float>
  /// The bias, F elements.
  public var bias: [Float]
  /// Accumulated ∂L/∂W.
  public private(set) var weightGradient: Matrix<Float>
  /// Accumulated ∂L/∂b.
  public private(set) var biasGradient: [Float]
  private var cachedPatches: Matrix<Float>?

  /// Creates a convolution with weights drawn by `initializer` and zero biases.
  ///
  /// - Parameters:
  ///   - inputShape: shape of each input image; with `valid` padding height and width ≥ K.
  ///   - filters: number of output channels F, ≥ 1.
  ///   - kernelSize: kernel side K, ≥ 1 (default 3).
  ///   - padding: `same` (default) or `valid`.
  ///   - initializer: the weight distribution, with fanIn = K·K·C, fanOut = K·K·F (default He).
  ///   - generator: the seeded source of the initial weights.
  public init(
    inputShape: ImageShape, filters: Int, kernelSize: Int = 3, padding: Padding = .same,
    initializer: WeightInitializer = .heUniform, generator: inout SeededGenerator
  ) {
    precondition(filters >= 1 && kernelSize >= 1, "filters and kernel size must be positive")
    precondition(
      padding == .same || (inputShape.height >= kernelSize && inputShape.width >= kernelSize),
      "image smaller than the kernel with valid padding")
    self.inputShape = inputShape
    self.filters = filters
    self.kernelSize = kernelSize
    self.padding = padding
    let taps = kernelSize * kernelSize * inputShape.channels
    weight = Matrix(
      rows: taps, columns: filters,
      storage: initializer.sample(
        count: taps * filters, fanIn: taps, fanOut: kernelSize * kernelSize * filters, using: &generator))
    bias = [Float](repeating: 0, count: filters)
    weightGradient = Matrix(rows: taps, columns: filters)
    biasGradient = bias
  }

  /// The shape of each output image: `Hₒ × Wₒ × F`.
  public var outputShape: ImageShape {
    let (h, w) = Conv2D.outputSize(inputShape, kernelSize: kernelSize, padding: padding)
    return ImageShape(height: h, width: w, channels: filters)
  }

  public var description: String { "Conv2D(\(inputShape), \(filters)×\(kernelSize)×\(kernelSize), \(padding.rawValue))" }
  public var parameterCount: Int { weight.storage.count + filters }
  public var parameters: [Float] { weight.storage + bias }
  public var gradient: [Float] { weightGradient.storage + biasGradient }

  public mutating func setParameters(_ values: ArraySlice<Float>) {
    precondition(values.count == parameterCount, "Conv2D expects \(parameterCount) parameters")
    let split = values.startIndex + weight.storage.count
    weight.storage = Array(values[values.startIndex..<split])
    bias = Array(values[split...])
  }

  public mutating func zeroGradient() {
    weightGradient = Matrix(rows: weight.rows, columns: filters)
    biasGradient = [Float](repeating: 0, count: filters)
  }

  /// `Y = im2col(X)·W + 1·bᵀ`: one `sgemm` for the whole minibatch.
  public mutating func forward(_ input: Matrix<Float>, mode: ForwardMode) throws(NeuralNetError) -> Matrix<Float> {
    try checkColumns(input, inputShape.count)
    let patches = Conv2D.im2col(input, shape: inputShape, kernelSize: kernelSize, padding: padding)
    var pixels = Matrix<Float>(rows: patches.rows, columns: filters)
    try Matrix.gemm(patches, .none, weight, .none, into: &pixels)
    pixels.addRowVector(bias)
    cachedPatches = mode.cachesForBackward ? patches : nil
    return Matrix(rows: input.rows, columns: outputShape.count, storage: pixels.storage)
  }

  /// Accumulates `Pᵀ·G` and `Gᵀ·1`, returns `col2im(G·Wᵀ)`: two `sgemm`, one `sgemv`.
  public mutating func backward(_ outputGradient: Matrix<Float>) throws(NeuralNetError) -> Matrix<Float> {
    guard let patches = cachedPatches else { throw .backwardBeforeForward(layer: description) }
    let n = patches.rows / Swift.max(1, outputShape.height * outputShape.width)
    try checkGradient(outputGradient, rows: n, columns: outputShape.count)
    let g = Matrix(rows: patches.rows, columns: filters, storage: outputGradient.storage)
    try Matrix.gemm(patches, .transposed, g, .none, beta: 1, into: &weightGradient)
    try g.accumulateColumnSums(into: &biasGradient)
    var patchGradient = Matrix<Float>(rows: patches.rows, columns: patches.columns)
    try Matrix.gemm(g, .none, weight, .transposed, into: &patchGradient)
    return Conv2D.col2im(patchGradient, samples: n, shape: inputShape, kernelSize: kernelSize, padding: padding)
  }
}

extension Conv2D {
  /// Output height and width for a stride-1 convolution.
  public static func outputSize(_ shape: ImageShape, kernelSize: Int, padding: Padding) -> (height: Int, width: Int) {
    switch padding {
    case .same: return (shape.height, shape.width)
    case .valid: return (shape.height - kernelSize + 1, shape.width - kernelSize + 1)
    }
  }

  /// Zeros padded before the first row/column: `⌊(K−1)/2⌋` for `same`, 0 for `valid`.
  static func padBefore(kernelSize: Int, padding: Padding) -> Int {
    padding == .same ? (kernelSize - 1) / 2 : 0
  }

  /// Unfolds NHWC images into patch rows: row `(n·Hₒ + oy)·Wₒ + ox` holds the `K × K × C`
  /// window under output pixel `(oy, ox)` of image `n`, column `(ky·K + kx)·C + c`, with zeros
  /// where the window leaves the (padded) image.
  ///
  /// - Parameters:
  ///   - input: `N × (H·W·C)` images.
  ///   - shape: the shape of each image.
  ///   - kernelSize: K ≥ 1.
  ///   - padding: `same` or `valid`.
  /// - Returns: an `(N·Hₒ·Wₒ) × (K·K·C)` matrix.
  /// - Complexity: O(N·Hₒ·Wₒ·K²·C) copies.
  public static func im2col(_ input: Matrix<Float>, shape: ImageShape, kernelSize k: Int, padding: Padding) -> Matrix<Float> {
    precondition(input.columns == shape.count, "im2col: rows of \(input.columns) columns, shape \(shape)")
    let (oh, ow) = outputSize(shape, kernelSize: k, padding: padding)
    let pad = padBefore(kernelSize: k, padding: padding)
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let width = k * k * c
    var patches = Matrix<Float>(rows: input.rows * oh * ow, columns: width)
    input.storage.withUnsafeBufferPointer { x in
      patches.storage.withUnsafeMutableBufferPointer { p in
        for n in 0..<input.rows {
          for oy in 0..<oh {
            for ox in 0..<ow {
              let row = ((n * oh + oy) * ow + ox) * width
              for ky in 0..<k {
                let iy = oy + ky - pad
                guard iy >= 0 && iy < h else { continue }
                for kx in 0..<k {
                  let ix = ox + kx - pad
                  guard ix >= 0 && ix < w else { continue }
                  let src = n * shape.count + (iy * w + ix) * c
                  let dst = row + (ky * k + kx) * c
                  for ch in 0..<c { p[dst + ch] = x[src + ch] }
                }
              }
            }
          }
        }
      }
    }
    return patches
  }

  /// The adjoint of ``im2col(_:shape:kernelSize:padding:)``: adds each patch element back to
  /// the image pixel it was copied from, giving an `N × (H·W·C)` matrix.
  static func col2im(_ patches: Matrix<Float>, samples: Int, shape: ImageShape, kernelSize k: Int, padding: Padding) -> Matrix<Float> {
    let (oh, ow) = outputSize(shape, kernelSize: k, padding: padding)
    let pad = padBefore(kernelSize: k, padding: padding)
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let width = k * k * c
    var images = Matrix<Float>(rows: samples, columns: shape.count)
    patches.storage.withUnsafeBufferPointer { p in
      images.storage.withUnsafeMutableBufferPointer { x in
        for n in 0..<samples {
          for oy in 0..<oh {
            for ox in 0..<ow {
              let row = ((n * oh + oy) * ow + ox) * width
              for ky in 0..<k {
                let iy = oy + ky - pad
                guard iy >= 0 && iy < h else { continue }
                for kx in 0..<k {
                  let ix = ox + kx - pad
                  guard ix >= 0 && ix < w else { continue }
                  let dst = n * shape.count + (iy * w + ix) * c
                  let src = row + (ky * k + kx) * c
                  for ch in 0..<c { x[dst + ch] += p[src + ch] }
                }
              }
            }
          }
        }
      }
    }
    return images
  }
}
