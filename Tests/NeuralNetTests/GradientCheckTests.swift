import Linalg
import NeuralNet
import Testing

/// Backpropagation against central finite differences (Float, h = 3·10⁻³, relative error of
/// the whole gradient vector below 10⁻²).
@Suite struct GradientCheckTests {
  @Test(arguments: Activation.allCases)
  func denseGradientsMatchFiniteDifferences(activation: Activation) throws {
    var rng = SeededGenerator(seed: 11)
    let net = Network([Dense(inputSize: 5, outputSize: 4, activation: activation, generator: &rng)])
    let x = randomMatrix(6, 5, &rng)
    let targets = Targets.values(randomMatrix(6, 4, &rng))
    let errors = try gradientCheck(net, x: x, targets: targets, loss: .meanSquaredError)
    #expect(errors.parameters < 1e-2)
    #expect(errors.input < 1e-2)
  }

  @Test(arguments: [(3, Conv2D.Padding.same), (3, .valid), (2, .same), (1, .valid)])
  func conv2DGradientsMatchFiniteDifferences(kernelSize: Int, padding: Conv2D.Padding) throws {
    var rng = SeededGenerator(seed: 12)
    let shape = ImageShape(height: 5, width: 4, channels: 2)
    let conv = Conv2D(inputShape: shape, filters: 3, kernelSize: kernelSize, padding: padding, generator: &rng)
    var net = Network([conv])
    // Non-zero biases so that their gradient is checked at a generic point.
    var theta = net.parameters
    for i in theta.indices.suffix(3) { theta[i] = Float(rng.uniform(-0.5, 0.5)) }
    try net.setParameters(theta)
    let x = randomMatrix(2, shape.count, &rng)
    let targets = Targets.values(randomMatrix(2, conv.outputShape.count, &rng))
    let errors = try gradientCheck(net, x: x, targets: targets, loss: .meanSquaredError)
    #expect(errors.parameters < 1e-2)
    #expect(errors.input < 1e-2)
  }

  @Test func maxPoolGradientMatchesFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 13)
    let pool = MaxPool2D(inputShape: ImageShape(height: 4, width: 5, channels: 2), poolSize: 2)
    let x = randomMatrix(3, 40, &rng)
    let targets = Targets.values(randomMatrix(3, pool.outputShape.count, &rng))
    let errors = try gradientCheck(Network([pool]), x: x, targets: targets, loss: .meanSquaredError)
    #expect(errors.input < 1e-2)
  }

  @Test func cnnGradientsMatchFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 14)
    let net = Network.convolutional(
      inputShape: ImageShape(height: 6, width: 6, channels: 1), filters: 3, hiddenLayerSizes: [5], classes: 4,
      generator: &rng)
    let x = randomMatrix(3, 36, &rng, 0, 1)
    let errors = try gradientCheck(net, x: x, targets: .classes([0, 3, 1]), loss: .softmaxCrossEntropy)
    #expect(errors.parameters < 1e-2)
    #expect(errors.input < 1e-2)
  }

  @Test(arguments: [Activation.relu, .tanh, .sigmoid])
  func mlpGradientsMatchFiniteDifferences(activation: Activation) throws {
    var rng = SeededGenerator(seed: 15)
    let net = Network.multilayerPerceptron(
      inputSize: 4, hiddenLayerSizes: [6, 5], outputSize: 3, activation: activation, dropout: 0.3, generator: &rng)
    let x = randomMatrix(5, 4, &rng)
    let errors = try gradientCheck(net, x: x, targets: .classes([0, 1, 2, 1, 0]), loss: .softmaxCrossEntropy)
    #expect(errors.parameters < 1e-2)
    #expect(errors.input < 1e-2)
  }

  @Test func softmaxCrossEntropyGradientMatchesFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 16)
    let logits = randomMatrix(4, 5, &rng, -3, 3)
    let labels = [4, 0, 2, 2]
    let analytic = try Loss.softmaxCrossEntropy(logits: logits, labels: labels).gradient
    var numeric = [Float]()
    for i in logits.storage.indices {
      var plus = logits
      var minus = logits
      plus.storage[i] += 1e-2
      minus.storage[i] -= 1e-2
      let up = try Loss.softmaxCrossEntropy(logits: plus, labels: labels).loss
      let down = try Loss.softmaxCrossEntropy(logits: minus, labels: labels).loss
      numeric.append((up - down) / 2e-2)
    }
    #expect(relativeError(analytic.storage, numeric) < 1e-2)
  }

  @Test func meanSquaredErrorGradientMatchesFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 17)
    let predictions = randomMatrix(3, 2, &rng)
    let targets = randomMatrix(3, 2, &rng)
    let analytic = try Loss.meanSquaredError(predictions: predictions, targets: targets).gradient
    var numeric = [Float]()
    for i in predictions.storage.indices {
      var plus = predictions
      var minus = predictions
      plus.storage[i] += 1e-2
      minus.storage[i] -= 1e-2
      let up = try Loss.meanSquaredError(predictions: plus, targets: targets).loss
      let down = try Loss.meanSquaredError(predictions: minus, targets: targets).loss
      numeric.append((up - down) / 2e-2)
    }
    #expect(relativeError(analytic.storage, numeric) < 1e-3)
  }
}
