import Linalg
import NeuralNet
import Testing

/// The definition of a stride-1 cross-correlation on NHWC images, by nested loops.
private func naiveConvolution(_ x: Matrix<Float>, _ conv: Conv2D) -> [Float] {
  let (shape, out, k) = (conv.inputShape, conv.outputShape, conv.kernelSize)
  let pad = conv.padding == .same ? (k - 1) / 2 : 0
  var y = [Float]()
  for n in 0..<x.rows {
    for oy in 0..<out.height {
      for ox in 0..<out.width {
        for f in 0..<conv.filters {
          var s = Double(conv.bias[f])
          for ky in 0..<k {
            for kx in 0..<k {
              let (iy, ix) = (oy + ky - pad, ox + kx - pad)
              guard iy >= 0, iy < shape.height, ix >= 0, ix < shape.width else { continue }
              for c in 0..<shape.channels {
                let pixel = x[n, (iy * shape.width + ix) * shape.channels + c]
                s += Double(pixel) * Double(conv.weight[(ky * k + kx) * shape.channels + c, f])
              }
            }
          }
          y.append(Float(s))
        }
      }
    }
  }
  return y
}

@Suite struct Conv2DTests {
  @Test(arguments: [(3, Conv2D.Padding.same), (3, .valid), (5, .same), (2, .same), (2, .valid)])
  func forwardMatchesNaiveConvolution(kernelSize: Int, padding: Conv2D.Padding) throws {
    var rng = SeededGenerator(seed: 21)
    let shape = ImageShape(height: 7, width: 6, channels: 3)
    var conv = Conv2D(inputShape: shape, filters: 4, kernelSize: kernelSize, padding: padding, generator: &rng)
    conv.bias = [0.1, -0.2, 0.3, 0]
    let x = randomMatrix(3, shape.count, &rng)
    let y = try conv.forward(x, mode: .evaluation)
    #expect(y.rows == 3 && y.columns == conv.outputShape.count)
    let expected = naiveConvolution(x, conv)
    let worst = zip(y.storage, expected).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-5)
  }

  @Test func outputShapesFollowPadding() {
    var rng = SeededGenerator(seed: 22)
    let shape = ImageShape(height: 8, width: 6, channels: 2)
    #expect(Conv2D(inputShape: shape, filters: 5, padding: .same, generator: &rng).outputShape == ImageShape(height: 8, width: 6, channels: 5))
    #expect(Conv2D(inputShape: shape, filters: 5, padding: .valid, generator: &rng).outputShape == ImageShape(height: 6, width: 4, channels: 5))
    #expect(MaxPool2D(inputShape: ImageShape(height: 7, width: 6, channels: 3), poolSize: 2).outputShape == ImageShape(height: 3, width: 3, channels: 3))
  }

  @Test(arguments: [
    (2, 5, 5, 3, 3, Conv2D.Padding.same, 50, 27),
    (2, 5, 5, 3, 3, .valid, 18, 27),
    (1, 4, 6, 2, 1, .valid, 24, 2),
    (3, 4, 4, 1, 2, .same, 48, 4),
    (1, 3, 3, 1, 3, .valid, 1, 9),
  ])
  func im2colHasOneRowPerOutputPixel(
    n: Int, h: Int, w: Int, c: Int, k: Int, padding: Conv2D.Padding, rows: Int, columns: Int
  ) {
    let shape = ImageShape(height: h, width: w, channels: c)
    let patches = Conv2D.im2col(Matrix(rows: n, columns: shape.count), shape: shape, kernelSize: k, padding: padding)
    #expect(patches.rows == rows)
    #expect(patches.columns == columns)
  }

  @Test func im2colCopiesWindowsWithZeroPadding() {
    let shape = ImageShape(height: 3, width: 3, channels: 1)
    let x = Matrix<Float>(rows: 1, columns: 9, storage: (1...9).map(Float.init))
    let patches = Conv2D.im2col(x, shape: shape, kernelSize: 3, padding: .same)
    #expect(patches.row(4) == [1, 2, 3, 4, 5, 6, 7, 8, 9])  // centre pixel sees the whole image
    #expect(patches.row(0) == [0, 0, 0, 0, 1, 2, 0, 4, 5])  // top-left corner
    #expect(patches.row(8) == [5, 6, 0, 8, 9, 0, 0, 0, 0])  // bottom-right corner
  }

  @Test func maxPoolTakesWindowMaximaPerChannel() throws {
    // 2×2 image, 2 channels: channel 0 = 1, 5, 3, 2; channel 1 = −1, −4, −2, −3.
    let x = Matrix<Float>([[1, -1, 5, -4, 3, -2, 2, -3]])
    var pool = MaxPool2D(inputShape: ImageShape(height: 2, width: 2, channels: 2), poolSize: 2)
    #expect(try pool.forward(x, mode: .training).storage == [5, -1])
    let g = try pool.backward(Matrix([[10, 20]]))
    #expect(g.storage == [0, 20, 10, 0, 0, 0, 0, 0])
  }
}
