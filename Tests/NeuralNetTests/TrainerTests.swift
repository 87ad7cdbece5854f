import Linalg
import NeuralNet
import Testing

/// XOR-like data: points uniform in [−1, 1]², class 1 where x·y > 0 (not linearly separable).
private func xorData(_ n: Int, seed: UInt64) -> (x: Matrix<Float>, y: [Int]) {
  var rng = SeededGenerator(seed: seed)
  let x = randomMatrix(n, 2, &rng)
  let y = (0..<n).map { x[$0, 0] * x[$0, 1] > 0 ? 1 : 0 }
  return (x, y)
}

private func xorNetwork(seed: UInt64 = 51, dropout: Float = 0) -> Network {
  var rng = SeededGenerator(seed: seed)
  return Network.multilayerPerceptron(inputSize: 2, hiddenLayerSizes: [16, 16], outputSize: 2, dropout: dropout, generator: &rng)
}

@Suite struct TrainerTests {
  @Test func mlpLearnsXorAbove95Percent() throws {
    let train = xorData(500, seed: 1)
    let test = xorData(300, seed: 2)
    var net = xorNetwork()
    let trainer = Trainer(epochs: 60, batchSize: 32, schedule: .cosineAnnealing(totalEpochs: 60), seed: 3)
    let result = try trainer.fit(
      &net, x: train.x, targets: .classes(train.y), validation: (test.x, .classes(test.y)),
      optimizer: Adam(learningRate: 0.01))
    #expect(result.outcome == .completed)
    #expect(result.history.count == 60)
    let accuracy = try #require(try net.evaluate(x: test.x, targets: .classes(test.y)).accuracy)
    #expect(accuracy > 0.95)
    #expect(result.history.last?.validationAccuracy == accuracy)
    #expect(result.parameters == net.parameters)
    let first = try #require(result.history.first)
    let last = try #require(result.history.last)
    #expect(last.trainLoss < first.trainLoss)
    #expect(first.learningRate == 0.01 && last.learningRate < 1e-4)
    #expect(result.history.allSatisfy { $0.gradientNorm > 0 && $0.seconds > 0 })
  }

  @Test func regressionWithMeanSquaredErrorFitsALine() throws {
    var rng = SeededGenerator(seed: 52)
    let x = randomMatrix(200, 1, &rng)
    let y = Matrix(rows: 200, columns: 1, storage: x.storage.map { 3 * $0 - 1 })
    var net = Network([Dense(inputSize: 1, outputSize: 1, generator: &rng)])
    let trainer = Trainer(epochs: 40, batchSize: 20, loss: .meanSquaredError)
    let result = try trainer.fit(&net, x: x, targets: .values(y), optimizer: SGD(learningRate: 0.1, momentum: 0.9))
    let dense = try #require(net.layers[0] as? Dense)
    #expect(abs(dense.weight[0, 0] - 3) < 1e-3 && abs(dense.bias[0] + 1) < 1e-3)
    #expect((result.history.last?.trainLoss ?? 1) < 1e-6)
  }

  @Test func hugeLearningRateDivergesWithoutCrashing() throws {
    var rng = SeededGenerator(seed: 53)
    let x = randomMatrix(64, 4, &rng)
    let y = Matrix(rows: 64, columns: 1, storage: (0..<64).map { Float($0 % 5) })
    var net = Network.multilayerPerceptron(inputSize: 4, hiddenLayerSizes: [8], outputSize: 1, generator: &rng)
    let trainer = Trainer(epochs: 100, batchSize: 16, loss: .meanSquaredError)
    let result = try trainer.fit(&net, x: x, targets: .values(y), optimizer: SGD(learningRate: 1e4))
    guard case .diverged(let epoch) = result.outcome else {
      Issue.record("expected divergence, got \(result.outcome)")
      return
    }
    #expect(result.history.count == epoch)
    #expect(!(result.history.last?.trainLoss.isFinite ?? true))
  }

  @Test func earlyStoppingFiresWhenValidationLossStalls() throws {
    let data = xorData(100, seed: 4)
    var net = xorNetwork()
    let start = net.parameters
    // A zero learning rate leaves the validation loss constant: no improvement after epoch 1.
    let trainer = Trainer(epochs: 20, earlyStopping: EarlyStopping(patience: 2))
    let result = try trainer.fit(
      &net, x: data.x, targets: .classes(data.y), validation: (data.x, .classes(data.y)),
      optimizer: SGD(learningRate: 0))
    #expect(result.outcome == .earlyStopped(epoch: 3))
    #expect(result.history.count == 3)
    #expect(result.parameters == start)
  }

  @Test func earlyStoppingRestoresTheBestParameters() throws {
    let data = xorData(200, seed: 5)
    let validation = xorData(100, seed: 6)
    var net = xorNetwork()
    // A cosine schedule over 6 epochs stops learning after epoch 6, so the loss stalls then.
    let trainer = Trainer(
      epochs: 30, schedule: .cosineAnnealing(totalEpochs: 6), earlyStopping: EarlyStopping(patience: 3), seed: 7)
    let result = try trainer.fit(
      &net, x: data.x, targets: .classes(data.y), validation: (validation.x, .classes(validation.y)),
      optimizer: Adam(learningRate: 0.01))
    guard case .earlyStopped(let epoch) = result.outcome else {
      Issue.record("expected early stopping, got \(result.outcome)")
      return
    }
    #expect(epoch < 30)
    let best = try #require(result.history.compactMap(\.validationLoss).min())
    let restored = try net.evaluate(x: validation.x, targets: .classes(validation.y))
    #expect(abs(restored.loss - best) < 1e-6)
    #expect(result.parameters == net.parameters)
  }

  @Test func callbackStopEndsTraining() throws {
    let data = xorData(100, seed: 8)
    var net = xorNetwork()
    var seen = [Int]()
    let result = try Trainer(epochs: 10).fit(
      &net, x: data.x, targets: .classes(data.y), optimizer: SGD(learningRate: 0.1)
    ) { metrics in
      seen.append(metrics.epoch)
      return metrics.epoch == 2 ? .stop : .continue
    }
    #expect(result.outcome == .stopped(epoch: 2))
    #expect(seen == [1, 2])
    #expect(result.history.map(\.epoch) == [1, 2])
  }

  @Test func sameSeedGivesIdenticalParameters() throws {
    let data = xorData(150, seed: 9)
    func train(seed: UInt64) throws -> [Float] {
      var net = xorNetwork(dropout: 0.2)
      return try Trainer(epochs: 5, batchSize: 16, seed: seed).fit(
        &net, x: data.x, targets: .classes(data.y), optimizer: AdamW(learningRate: 0.01)
      ).parameters
    }
    let a = try train(seed: 10)
    #expect(try train(seed: 10) == a)
    #expect(try train(seed: 11) != a)
  }

  @Test func invalidSettingsAndDataAreReported() {
    var net = xorNetwork()
    let data = xorData(10, seed: 12)
    #expect(throws: NeuralNetError.invalidHyperparameter(name: "batchSize", value: 0, reason: "must be ≥ 1")) {
      try Trainer(epochs: 1, batchSize: 0).fit(&net, x: data.x, targets: .classes(data.y), optimizer: SGD())
    }
    #expect(throws: NeuralNetError.labelOutOfRange(row: 9, label: 2, classes: 2)) {
      try Trainer(epochs: 1).fit(&net, x: data.x, targets: .classes(Array(data.y.prefix(9)) + [2]), optimizer: SGD())
    }
    #expect(throws: NeuralNetError.shapeMismatch(layer: "targets", expected: "10 targets", got: "3")) {
      try Trainer(epochs: 1).fit(&net, x: data.x, targets: .classes([0, 1, 0]), optimizer: SGD())
    }
  }
}
