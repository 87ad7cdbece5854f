import Linalg
import NeuralNet
import Testing

@Suite struct DigitsCNNTests {
  /// conv 3×3 (8 filters, same) → ReLU → max-pool 2 → flatten → dense 128→10 (softmax in the
  /// loss) on scikit-learn's 8×8 digits: above 95 % accuracy on the held-out quarter.
  @Test func smallCNNExceeds95PercentOnDigits() throws {
    let digits = try Digits.load()
    #expect(digits.trainX.rows == 1347 && digits.testX.rows == 450)
    var rng = SeededGenerator(seed: 61)
    var net = Network.convolutional(
      inputShape: ImageShape(height: 8, width: 8, channels: 1), filters: 8, classes: 10, generator: &rng)
    #expect(net.parameterCount == 3 * 3 * 8 + 8 + 128 * 10 + 10)
    let trainer = Trainer(epochs: 12, batchSize: 32, schedule: .cosineAnnealing(totalEpochs: 12), seed: 62)
    let result = try trainer.fit(
      &net, x: digits.trainX, targets: .classes(digits.trainY), validation: (digits.testX, .classes(digits.testY)),
      optimizer: Adam(learningRate: 0.01))
    #expect(result.outcome == .completed)
    let evaluation = try net.evaluate(x: digits.testX, targets: .classes(digits.testY))
    #expect((evaluation.accuracy ?? 0) > 0.95)
    let losses = result.history.map(\.trainLoss)
    #expect((losses.last ?? .infinity) < (losses.first ?? 0) / 5)
  }
}
