import Linalg

#if canImport(Glibc)
  import Glibc
#else
  import Foundation
#endif

/// A training objective: its value on a minibatch and its gradient with respect to the
/// network's output. Both are means over the minibatch, so gradients do not grow with N.
public enum Loss: String, Sendable, Equatable {
  /// Softmax cross-entropy from logits `z` (N × K) with class-index targets `y`:
  /// ```
  /// L = (1/N) Σᵢ [ log Σₖ exp(zᵢₖ) − zᵢ,yᵢ ]       (log-sum-exp shifted by maxₖ zᵢₖ)
  /// ∂L/∂zᵢₖ = (softmax(zᵢ)ₖ − [k = yᵢ]) / N
  /// ```
  /// PyTorch's `CrossEntropyLoss` with mean reduction; sklearn's `log_loss`.
  case softmaxCrossEntropy
  /// Mean squared error over all N·K elements (PyTorch `MSELoss`, mean reduction):
  /// ```
  /// L = (1/(N·K)) Σᵢₖ (ŷᵢₖ − yᵢₖ)²        ∂L/∂ŷᵢₖ = 2 (ŷᵢₖ − yᵢₖ) / (N·K)
  /// ```
  /// (sklearn's `MLPRegressor` minimises half of this value, per output column.)
  case meanSquaredError

  /// The loss of `output` against `targets` and its gradient with respect to `output`.
  ///
  /// - Throws: ``NeuralNetError/shapeMismatch(layer:expected:got:)`` if the targets do not
  ///   match the output or are of the other kind, ``NeuralNetError/labelOutOfRange(row:label:classes:)``,
  ///   ``NeuralNetError/emptyInput(what:)`` for an empty minibatch.
  public func value(of output: Matrix<Float>, targets: Targets) throws(NeuralNetError) -> (loss: Float, gradient: Matrix<Float>) {
    switch (self, targets) {
    case (.softmaxCrossEntropy, .classes(let labels)):
      return try Loss.softmaxCrossEntropy(logits: output, labels: labels)
    case (.meanSquaredError, .values(let values)):
      return try Loss.meanSquaredError(predictions: output, targets: values)
    case (.softmaxCrossEntropy, .values):
      throw .shapeMismatch(layer: "softmaxCrossEntropy", expected: "class-index targets", got: "real-valued targets")
    case (.meanSquaredError, .classes):
      throw .shapeMismatch(layer: "meanSquaredError", expected: "real-valued targets", got: "class-index targets")
    }
  }

  /// Softmax cross-entropy of `logits` (N × K) against class indices; see ``softmaxCrossEntropy``.
  ///
  /// Accumulates in `Double`; stable for logits of any finite magnitude.
  /// - Throws: ``NeuralNetError/emptyInput(what:)``, ``NeuralNetError/shapeMismatch(layer:expected:got:)``
  ///   if `labels.count ≠ N`, ``NeuralNetError/labelOutOfRange(row:label:classes:)``.
  public static func softmaxCrossEntropy(logits: Matrix<Float>, labels: [Int]) throws(NeuralNetError) -> (loss: Float, gradient: Matrix<Float>) {
    let (n, k) = (logits.rows, logits.columns)
    guard n > 0, k > 0 else { throw .emptyInput(what: "logits") }
    guard labels.count == n else {
      throw .shapeMismatch(layer: "softmaxCrossEntropy", expected: "\(n) labels", got: "\(labels.count)")
    }
    var gradient = softmax(logits)
    var total = 0.0
    let scale = 1 / Float(n)
    for i in 0..<n {
      let label = labels[i]
      guard label >= 0 && label < k else { throw .labelOutOfRange(row: i, label: label, classes: k) }
      let row = logits.storage[(i * k)..<((i + 1) * k)]
      let shift = Double(row.max() ?? 0)
      var sum = 0.0
      for z in row { sum += exp(Double(z) - shift) }
      total += log(sum) + shift - Double(logits.storage[i * k + label])
      gradient.storage[i * k + label] -= 1
      for j in (i * k)..<((i + 1) * k) { gradient.storage[j] *= scale }
    }
    return (Float(total / Double(n)), gradient)
  }

  /// Mean squared error of `predictions` against `targets` (same shape); see ``meanSquaredError``.
  ///
  /// - Throws: ``NeuralNetError/emptyInput(what:)``, ``NeuralNetError/shapeMismatch(layer:expected:got:)``.
  public static func meanSquaredError(predictions: Matrix<Float>, targets: Matrix<Float>) throws(NeuralNetError) -> (loss: Float, gradient: Matrix<Float>) {
    guard predictions.rows > 0, predictions.columns > 0 else { throw .emptyInput(what: "predictions") }
    guard predictions.rows == targets.rows && predictions.columns == targets.columns else {
      throw .shapeMismatch(layer: "meanSquaredError", expected: predictions.shapeDescription, got: targets.shapeDescription)
    }
    let count = Float(predictions.storage.count)
    var gradient = predictions
    var total = 0.0
    for i in gradient.storage.indices {
      let d = predictions.storage[i] - targets.storage[i]
      total += Double(d) * Double(d)
      gradient.storage[i] = 2 * d / count
    }
    return (Float(total / Double(count)), gradient)
  }

  /// Row-wise softmax `pᵢₖ = exp(zᵢₖ − mᵢ) / Σⱼ exp(zᵢⱼ − mᵢ)` with `mᵢ = maxⱼ zᵢⱼ`. O(N·K).
  public static func softmax(_ logits: Matrix<Float>) -> Matrix<Float> {
    var p = logits
    let k = logits.columns
    guard k > 0 else { return p }
    for i in 0..<logits.rows {
      let range = (i * k)..<((i + 1) * k)
      let shift = p.storage[range].max() ?? 0
      var sum: Float = 0
      for j in range {
        p.storage[j] = expf(p.storage[j] - shift)
        sum += p.storage[j]
      }
      for j in range { p.storage[j] /= sum }
    }
    return p
  }
}
