import Linalg
import NeuralNet
import Testing

@Suite struct NetworkTests {
  private func smallMLP(dropout: Float = 0, seed: UInt64 = 41) -> Network {
    var rng = SeededGenerator(seed: seed)
    return Network.multilayerPerceptron(inputSize: 3, hiddenLayerSizes: [4], outputSize: 2, dropout: dropout, generator: &rng)
  }

  @Test func flatParametersAreLayerByLayerWeightsThenBiases() throws {
    var net = smallMLP()
    #expect(net.parameterCount == 3 * 4 + 4 + 4 * 2 + 2)
    let flat = (0..<net.parameterCount).map { Float($0) }
    try net.setParameters(flat)
    #expect(net.parameters == flat)
    let first = try #require(net.layers[0] as? Dense)
    #expect(first.weight[0, 1] == 1 && first.weight[2, 3] == 11)  // row-major W, 3×4
    #expect(first.bias == [12, 13, 14, 15])
    let last = try #require(net.layers[1] as? Dense)
    #expect(last.weight[0, 0] == 16 && last.bias == [24, 25])
  }

  @Test func setParametersRejectsWrongLength() {
    var net = smallMLP()
    #expect(throws: NeuralNetError.parameterCountMismatch(expected: 26, got: 3)) { try net.setParameters([1, 2, 3]) }
  }

  @Test func lossAndGradientEqualsTrainingGradientWithoutDropout() throws {
    var rng = SeededGenerator(seed: 42)
    let x = randomMatrix(10, 3, &rng)
    let y = (0..<10).map { $0 % 2 }
    var plain = smallMLP()
    let value = try plain.accumulateGradient(x: x, targets: .classes(y), loss: .softmaxCrossEntropy, mode: .training)
    let probe = try plain.lossAndGradient(at: plain.parameters, x: x, y: y)
    #expect(probe.loss == value)
    #expect(relativeError(probe.gradient, plain.gradient) < 1e-6)

    // With dropout layers, lossAndGradient is the dropout-free gradient, not the masked one.
    var dropped = smallMLP(dropout: 0.5)
    _ = try dropped.accumulateGradient(x: x, targets: .classes(y), loss: .softmaxCrossEntropy, mode: .trainingWithoutDropout)
    let deterministic = dropped.gradient
    #expect(relativeError(try dropped.lossAndGradient(at: dropped.parameters, x: x, y: y).gradient, deterministic) < 1e-6)
    _ = try dropped.accumulateGradient(x: x, targets: .classes(y), loss: .softmaxCrossEntropy, mode: .training)
    #expect(relativeError(dropped.gradient, deterministic) > 1e-3)
  }

  @Test func lossAndGradientDoesNotDependOnBatchSizeOrChangeTheNetwork() throws {
    var rng = SeededGenerator(seed: 43)
    let net = smallMLP()
    let x = randomMatrix(23, 3, &rng)
    let y = (0..<23).map { $0 % 2 }
    var theta = net.parameters
    theta[0] += 0.5
    let whole = try net.lossAndGradient(at: theta, x: x, y: y)
    let batched = try net.lossAndGradient(at: theta, x: x, y: y, batchSize: 5)
    #expect(abs(whole.loss - batched.loss) < 1e-6)
    #expect(relativeError(whole.gradient, batched.gradient) < 1e-5)
    #expect(net.parameters != theta)
  }

  @Test func evaluateAndPredictAgree() throws {
    var rng = SeededGenerator(seed: 44)
    let net = smallMLP(dropout: 0.5)
    let x = randomMatrix(30, 3, &rng)
    let predictions = try net.predict(x, batchSize: 7)
    let probabilities = try net.predictProbabilities(x)
    for i in 0..<30 {
      let row = probabilities.row(i)
      #expect(abs(row.reduce(0, +) - 1) < 1e-5)
      #expect(row[predictions[i]] == row.max())
    }
    let labels = predictions.enumerated().map { $0.offset < 10 ? 1 - $0.element : $0.element }
    let evaluation = try net.evaluate(x: x, targets: .classes(labels), batchSize: 8)
    #expect(abs((evaluation.accuracy ?? 0) - 20.0 / 30) < 1e-6)
    let whole = try net.evaluate(x: x, targets: .classes(labels))
    #expect(abs(whole.loss - evaluation.loss) < 1e-5)
    // Evaluation mode is deterministic even with dropout.
    #expect(try net.predictProbabilities(x) == probabilities)
  }

  @Test func errorsNameTheFaultyLayerRowOrInput() throws {
    var net = smallMLP()
    #expect(throws: NeuralNetError.shapeMismatch(layer: "Dense(3→4, relu)", expected: "N×3", got: "2×5")) {
      try net.forward(Matrix(rows: 2, columns: 5), mode: .evaluation)
    }
    #expect(throws: NeuralNetError.labelOutOfRange(row: 1, label: 7, classes: 2)) {
      try net.evaluate(x: Matrix(rows: 2, columns: 3), targets: .classes([0, 7]), batchSize: 1)
    }
    #expect(throws: NeuralNetError.emptyInput(what: "x")) { try net.predict(Matrix(rows: 0, columns: 3)) }
    var bad = Matrix<Float>(rows: 2, columns: 3)
    bad[1, 2] = .nan
    #expect(throws: NeuralNetError.nonFiniteInput(what: "x", row: 1, column: 2)) { try net.predict(bad) }
    var fresh = smallMLP()
    #expect(throws: NeuralNetError.backwardBeforeForward(layer: "Dense(4→2, identity)")) {
      try fresh.backward(Matrix(rows: 1, columns: 2))
    }
    #expect(NeuralNetError.labelOutOfRange(row: 1, label: 7, classes: 2).description.contains("row 1"))
  }
}

extension NetworkTests {
  /// For a linear model under MSE the loss is quadratic in θ = (w, b), with Hessian
  /// `H = (2/N)·[XᵀX  Xᵀ1; 1ᵀX  N]`; central differences of `lossAndGradient` give `H·v`.
  @Test func finiteDifferenceHessianVectorProductMatchesQuadraticForm() throws {
    var rng = SeededGenerator(seed: 45)
    let (n, d) = (40, 3)
    let x = randomMatrix(n, d, &rng)
    let y = randomMatrix(n, 1, &rng)
    let net = Network([Dense(inputSize: d, outputSize: 1, generator: &rng)])
    let theta = net.parameters
    let v = (0..<(d + 1)).map { _ in Float(rng.uniform(-1, 1)) }
    let eps: Float = 1e-2
    let plus = zip(theta, v).map { $0 + eps * $1 }
    let minus = zip(theta, v).map { $0 - eps * $1 }
    let gPlus = try net.lossAndGradient(at: plus, x: x, targets: .values(y), loss: .meanSquaredError).gradient
    let gMinus = try net.lossAndGradient(at: minus, x: x, targets: .values(y), loss: .meanSquaredError).gradient
    let numeric = zip(gPlus, gMinus).map { ($0 - $1) / (2 * eps) }

    var exact = [Double](repeating: 0, count: d + 1)
    for i in 0..<n {
      let row = (0..<d).map { Double(x[i, $0]) } + [1]
      let projection = zip(row, v).reduce(0.0) { $0 + $1.0 * Double($1.1) }
      for j in 0...d { exact[j] += 2 / Double(n) * row[j] * projection }
    }
    #expect(relativeError(numeric, exact.map { Float($0) }) < 1e-3)
  }
}
