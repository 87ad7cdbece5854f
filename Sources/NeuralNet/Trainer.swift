import Linalg

/// Minibatch training: epochs of shuffled minibatches, an optimizer, a learning-rate schedule,
/// optional validation, early stopping and divergence detection, with a callback per epoch.
///
/// Each epoch draws a permutation of the rows from the trainer's ``SeededGenerator``, splits it
/// into minibatches of ``batchSize`` rows (the last may be smaller), and for each one runs
/// forward and backward (training mode) and one optimizer step on the flat parameter vector.
/// The same seed, network and data give identical parameters.
public struct Trainer: Sendable {
  /// Number of epochs, ≥ 1.
  public var epochs: Int
  /// Rows per minibatch, ≥ 1 (clamped to the number of rows).
  public var batchSize: Int
  /// The objective.
  public var loss: Loss
  /// The per-epoch learning-rate schedule applied to the optimizer's initial rate.
  public var schedule: LearningRateSchedule
  /// Early stopping, or `nil` to always run all epochs.
  public var earlyStopping: EarlyStopping?
  /// The seed of the shuffling generator.
  public var seed: UInt64

  /// Creates a trainer.
  ///
  /// - Parameters:
  ///   - epochs: number of epochs, ≥ 1.
  ///   - batchSize: rows per minibatch, ≥ 1 (default 32).
  ///   - loss: the objective (default softmax cross-entropy).
  ///   - schedule: the learning-rate schedule (default constant).
  ///   - earlyStopping: early stopping rule (default none).
  ///   - seed: seed of the shuffling generator (default 0).
  public init(
    epochs: Int, batchSize: Int = 32, loss: Loss = .softmaxCrossEntropy, schedule: LearningRateSchedule = .constant,
    earlyStopping: EarlyStopping? = nil, seed: UInt64 = 0
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.loss = loss
    self.schedule = schedule
    self.earlyStopping = earlyStopping
    self.seed = seed
  }

  /// Trains `network` in place and returns the per-epoch history, the outcome and the final parameters.
  ///
  /// - Parameters:
  ///   - network: the network to train; on return it holds ``TrainingResult/parameters``.
  ///   - x: training samples, one per row.
  ///   - targets: their targets.
  ///   - validation: an optional held-out set, evaluated after every epoch.
  ///   - optimizer: the optimizer, with its initial learning rate as the schedule's base.
  ///   - onEpoch: called after every epoch; return ``TrainingControl/stop`` to end training.
  /// - Throws: ``NeuralNetError/invalidHyperparameter(name:value:reason:)`` for epochs or batch
  ///   size below 1; empty, non-finite or mismatched data, labels out of range, shape errors.
  ///   Divergence is not an error: see ``TrainingOutcome/diverged(epoch:)``.
  public func fit<O: Optimizer>(
    _ network: inout Network, x: Matrix<Float>, targets: Targets,
    validation: (x: Matrix<Float>, targets: Targets)? = nil, optimizer: O,
    onEpoch: (EpochMetrics) -> TrainingControl = { _ in .continue }
  ) throws(NeuralNetError) -> TrainingResult {
    guard epochs >= 1 else { throw .invalidHyperparameter(name: "epochs", value: Double(epochs), reason: "must be ≥ 1") }
    guard batchSize >= 1 else {
      throw .invalidHyperparameter(name: "batchSize", value: Double(batchSize), reason: "must be ≥ 1")
    }
    try Network.checkData(x, targets)
    try network.checkLabels(targets, x: x)
    if let validation {
      try Network.checkData(validation.x, validation.targets)
      try network.checkLabels(validation.targets, x: validation.x)
    }

    var optimizer = optimizer
    var generator = SeededGenerator(seed: seed)
    let baseRate = optimizer.learningRate
    var parameters = network.parameters
    var history = [EpochMetrics]()
    var best: (loss: Float, parameters: [Float]) = (.infinity, parameters)
    var epochsWithoutImprovement = 0
    let clock = ContinuousClock()

    for epoch in 1...epochs {
      let start = clock.now
      optimizer.learningRate = schedule.learningRate(base: baseRate, epoch: epoch - 1)
      let order = generator.permutation(x.rows)
      var lossSum = 0.0
      var normSum = 0.0
      var batches = 0
      var diverged = false
      for first in stride(from: 0, to: x.rows, by: batchSize) {
        let rows = order[first..<Swift.min(first + batchSize, x.rows)]
        let value = try network.accumulateGradient(x: x.rows(rows), targets: targets.rows(rows), loss: loss)
        let gradient = network.gradient
        let norm = Trainer.norm(gradient)
        lossSum += Double(value)
        normSum += Double(norm)
        batches += 1
        guard value.isFinite && norm.isFinite else {
          diverged = true
          break
        }
        optimizer.step(parameters: &parameters, gradient: gradient)
        try network.setParameters(parameters)
      }
      var metrics = EpochMetrics(
        epoch: epoch, trainLoss: Float(lossSum / Double(batches)), validationLoss: nil, validationAccuracy: nil,
        gradientNorm: Float(normSum / Double(batches)), learningRate: optimizer.learningRate, seconds: 0)
      if diverged {
        metrics.seconds = Trainer.seconds(clock.now - start)
        history.append(metrics)
        return TrainingResult(history: history, outcome: .diverged(epoch: epoch), parameters: parameters)
      }
      if let validation {
        let evaluation = try network.evaluate(x: validation.x, targets: validation.targets, loss: loss)
        metrics.validationLoss = evaluation.loss
        metrics.validationAccuracy = evaluation.accuracy
      }
      metrics.seconds = Trainer.seconds(clock.now - start)
      history.append(metrics)
      if onEpoch(metrics) == .stop {
        return TrainingResult(history: history, outcome: .stopped(epoch: epoch), parameters: parameters)
      }
      guard let rule = earlyStopping else { continue }
      let monitored = metrics.validationLoss ?? metrics.trainLoss
      if monitored < best.loss - rule.minDelta {
        best = (monitored, parameters)
        epochsWithoutImprovement = 0
      } else {
        epochsWithoutImprovement += 1
        if epochsWithoutImprovement >= rule.patience {
          if rule.restoreBestParameters {
            parameters = best.parameters
            try network.setParameters(parameters)
          }
          return TrainingResult(history: history, outcome: .earlyStopped(epoch: epoch), parameters: parameters)
        }
      }
    }
    return TrainingResult(history: history, outcome: .completed, parameters: parameters)
  }

  /// ‖g‖₂ by BLAS `snrm2`; NaN if the norm cannot be computed.
  static func norm(_ gradient: [Float]) -> Float {
    (try? Vector.norm(gradient)) ?? .nan
  }

  /// A duration in seconds.
  static func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) * 1e-18
  }
}
