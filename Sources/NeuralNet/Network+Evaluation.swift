import Linalg

/// The loss and (for classification) the accuracy of a network over a dataset.
public struct Evaluation: Sendable, Equatable {
  /// The mean loss over all rows (≥ 0).
  public var loss: Float
  /// The fraction of rows whose arg-max output equals the label, in [0, 1]; `nil` for
  /// real-valued targets.
  public var accuracy: Float?
}

extension Network {
  /// Class probabilities `softmax(f(x))` in evaluation mode (no dropout), N × K.
  ///
  /// - Parameters:
  ///   - x: samples, one per row.
  ///   - batchSize: rows per forward pass, ≥ 1 (default 512; bounds memory only).
  /// - Throws: ``NeuralNetError/emptyInput(what:)``, ``NeuralNetError/nonFiniteInput(what:row:column:)``,
  ///   shape errors.
  public func predictProbabilities(_ x: Matrix<Float>, batchSize: Int = 512) throws(NeuralNetError) -> Matrix<Float> {
    Loss.softmax(try outputs(x, batchSize: batchSize))
  }

  /// The predicted class (arg-max of the outputs; the first on ties) of each row, in evaluation mode.
  ///
  /// - Throws: as ``predictProbabilities(_:batchSize:)``.
  public func predict(_ x: Matrix<Float>, batchSize: Int = 512) throws(NeuralNetError) -> [Int] {
    let output = try outputs(x, batchSize: batchSize)
    return (0..<output.rows).map { argmax(output, row: $0) }
  }

  /// The raw network outputs (logits or regression values) in evaluation mode, N × K.
  ///
  /// - Throws: as ``predictProbabilities(_:batchSize:)``.
  public func outputs(_ x: Matrix<Float>, batchSize: Int = 512) throws(NeuralNetError) -> Matrix<Float> {
    try Network.checkFinite(x, what: "x")
    var copy = self
    var storage = [Float]()
    var columns = 0
    for start in stride(from: 0, to: x.rows, by: Swift.max(1, batchSize)) {
      let batch = x.rows(start..<Swift.min(start + batchSize, x.rows))
      let out = try copy.forward(batch, mode: .evaluation)
      columns = out.columns
      storage.append(contentsOf: out.storage)
    }
    return Matrix(rows: x.rows, columns: columns, storage: storage)
  }

  /// Mean loss and accuracy over a dataset, in evaluation mode, computed in batches.
  ///
  /// - Parameters:
  ///   - x: samples, one per row (N ≥ 1).
  ///   - targets: N targets.
  ///   - loss: the objective (default softmax cross-entropy).
  ///   - batchSize: rows per forward pass, ≥ 1 (default 512).
  /// - Throws: ``NeuralNetError/emptyInput(what:)``, non-finite input, shape and label errors.
  public func evaluate(
    x: Matrix<Float>, targets: Targets, loss: Loss = .softmaxCrossEntropy, batchSize: Int = 512
  ) throws(NeuralNetError) -> Evaluation {
    try Network.checkData(x, targets)
    try checkLabels(targets, x: x)
    var copy = self
    var total = 0.0
    var correct = 0
    for start in stride(from: 0, to: x.rows, by: Swift.max(1, batchSize)) {
      let rows = start..<Swift.min(start + batchSize, x.rows)
      let output = try copy.forward(x.rows(rows), mode: .evaluation)
      let batchTargets = targets.rows(rows)
      total += Double(try loss.value(of: output, targets: batchTargets).loss) * Double(rows.count)
      if case .classes(let labels) = batchTargets {
        for i in 0..<output.rows where argmax(output, row: i) == labels[i] { correct += 1 }
      }
    }
    let accuracy: Float? = if case .classes = targets { Float(correct) / Float(x.rows) } else { nil }
    return Evaluation(loss: Float(total / Double(x.rows)), accuracy: accuracy)
  }

  /// The mean softmax cross-entropy over `(x, y)` and its gradient with respect to all
  /// parameters, at the parameter vector `parameters` (this network is not changed).
  ///
  /// Evaluation mode (dropout is the identity), so the result is a deterministic function of
  /// `parameters`: probes take finite differences of it for Hessian-vector products,
  /// `Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε`, and perturb it for sharpness. Rows are processed
  /// in batches of `batchSize`; batch gradients are weighted by their share of the rows, so
  /// the result is the full-data mean whatever the batch size.
  /// - Parameters:
  ///   - parameters: a vector in the order of ``parameters``.
  ///   - x: samples, one per row (N ≥ 1).
  ///   - y: N class indices.
  ///   - batchSize: rows per pass, ≥ 1 (default 1024).
  /// - Returns: the loss and a gradient of ``parameterCount`` elements.
  /// - Throws: ``NeuralNetError/parameterCountMismatch(expected:got:)``, data and shape errors.
  public func lossAndGradient(
    at parameters: [Float], x: Matrix<Float>, y: [Int], batchSize: Int = 1024
  ) throws(NeuralNetError) -> (loss: Float, gradient: [Float]) {
    try lossAndGradient(at: parameters, x: x, targets: .classes(y), loss: .softmaxCrossEntropy, batchSize: batchSize)
  }

  /// ``lossAndGradient(at:x:y:batchSize:)`` for any loss and targets.
  ///
  /// - Throws: ``NeuralNetError/parameterCountMismatch(expected:got:)``, data and shape errors.
  public func lossAndGradient(
    at parameters: [Float], x: Matrix<Float>, targets: Targets, loss: Loss, batchSize: Int = 1024
  ) throws(NeuralNetError) -> (loss: Float, gradient: [Float]) {
    try Network.checkData(x, targets)
    try checkLabels(targets, x: x)
    var copy = self
    try copy.setParameters(parameters)
    copy.zeroGradient()
    var total = 0.0
    for start in stride(from: 0, to: x.rows, by: Swift.max(1, batchSize)) {
      let rows = start..<Swift.min(start + batchSize, x.rows)
      let output = try copy.forward(x.rows(rows), mode: .trainingWithoutDropout)
      var (value, outputGradient) = try loss.value(of: output, targets: targets.rows(rows))
      let weight = Float(rows.count) / Float(x.rows)
      if weight != 1 { for i in outputGradient.storage.indices { outputGradient.storage[i] *= weight } }
      total += Double(value) * Double(rows.count)
      try copy.backward(outputGradient)
    }
    return (Float(total / Double(x.rows)), copy.gradient)
  }

  /// Checks that `x` is non-empty and finite and that `targets` has one entry per row.
  static func checkData(_ x: Matrix<Float>, _ targets: Targets) throws(NeuralNetError) {
    try checkFinite(x, what: "x")
    guard targets.count == x.rows else {
      throw .shapeMismatch(layer: "targets", expected: "\(x.rows) targets", got: "\(targets.count)")
    }
    if case .values(let values) = targets { try checkFinite(values, what: "targets") }
  }

  /// Checks every class label against the network's output size (found by a forward pass of
  /// the first row), so that an error names the row of the whole dataset, not of a minibatch.
  func checkLabels(_ targets: Targets, x: Matrix<Float>) throws(NeuralNetError) {
    guard case .classes(let labels) = targets, x.rows > 0 else { return }
    var copy = self
    let classes = try copy.forward(x.rows([0]), mode: .evaluation).columns
    for (row, label) in labels.enumerated() where label < 0 || label >= classes {
      throw .labelOutOfRange(row: row, label: label, classes: classes)
    }
  }

  /// Checks that `x` has at least one row and only finite elements.
  static func checkFinite(_ x: Matrix<Float>, what: String) throws(NeuralNetError) {
    guard x.rows > 0 else { throw .emptyInput(what: what) }
    if let (row, column) = firstNonFinite(x) { throw .nonFiniteInput(what: what, row: row, column: column) }
  }
}

/// The column of the largest element of `row` (the first on ties).
func argmax(_ m: Matrix<Float>, row: Int) -> Int {
  var best = 0
  for j in 1..<Swift.max(1, m.columns) where m.storage[row * m.columns + j] > m.storage[row * m.columns + best] {
    best = j
  }
  return best
}
