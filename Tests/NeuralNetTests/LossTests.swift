import Foundation
import Linalg
import NeuralNet
import Testing

@Suite struct LossTests {
  @Test func softmaxCrossEntropyMatchesClosedForm() throws {
    let logits = Matrix<Float>([[1, 2, 3], [0, 0, 0]])
    let result = try Loss.softmaxCrossEntropy(logits: logits, labels: [2, 0])
    let first = log(exp(1.0) + exp(2.0) + exp(3.0)) - 3
    let second = log(3.0)
    #expect(abs(Double(result.loss) - (first + second) / 2) < 1e-6)
    // Gradient row 2: (1/3 − 1, 1/3, 1/3) / 2.
    #expect(abs(result.gradient[1, 0] - (1.0 / 3 - 1) / 2) < 1e-6)
    #expect(abs(result.gradient[1, 2] - 1.0 / 6) < 1e-6)
  }

  @Test func softmaxCrossEntropyIsStableForHugeLogits() throws {
    let logits = Matrix<Float>([[1000, 0, -1000]])
    let result = try Loss.softmaxCrossEntropy(logits: logits, labels: [1])
    #expect(abs(result.loss - 1000) < 1e-3)
    #expect(result.gradient.storage.allSatisfy { $0.isFinite })
    let probabilities = Loss.softmax(logits)
    #expect(probabilities.storage == [1, 0, 0])
  }

  @Test func meanSquaredErrorMatchesClosedForm() throws {
    let p = Matrix<Float>([[1, 2], [3, 4]])
    let y = Matrix<Float>([[0, 2], [5, 4]])
    let result = try Loss.meanSquaredError(predictions: p, targets: y)
    #expect(result.loss == 5.0 / 4)  // (1 + 0 + 4 + 0) / 4
    #expect(result.gradient.storage == [0.5, 0, -1, 0])  // 2·(p − y)/4
  }

  @Test func lossRejectsBadLabelsAndEmptyInput() {
    #expect(throws: NeuralNetError.labelOutOfRange(row: 1, label: 3, classes: 3)) {
      try Loss.softmaxCrossEntropy(logits: Matrix([[0, 0, 0], [0, 0, 0]]), labels: [0, 3])
    }
    #expect(throws: NeuralNetError.emptyInput(what: "logits")) {
      try Loss.softmaxCrossEntropy(logits: Matrix(rows: 0, columns: 3), labels: [])
    }
    #expect(throws: NeuralNetError.self) {
      try Loss.meanSquaredError.value(of: Matrix([[0.0]]), targets: .classes([0]))
    }
  }
}
