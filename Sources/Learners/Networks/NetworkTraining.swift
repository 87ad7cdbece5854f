import Linalg
import NeuralNet
import Search

/// Training shared by the MLP and CNN learners: optimiser, schedule, scikit-learn's stopping rule,
/// and the learning curve.
struct NetworkTraining {
  var learner: String
  var epochs: Int
  var batchSize: Int
  var learningRate: Double
  var alpha: Double
  var solver: String
  var momentum: Double
  var nesterov: Bool
  var schedule: String
  var tolerance: Double
  var patience: Int

  /// Reads the optimisation hyperparameters shared by both network learners.
  init(learner: String, config: Configuration, budget: Budget, rows: Int) throws(LearnerError) {
    self.learner = learner
    let c = ConfigurationReader(config, learner: learner)
    epochs = budget.iterations(of: try c.int("max_iter"))
    batchSize = min(try c.int("batch_size"), max(rows, 1))
    learningRate = try c.double("learning_rate_init")
    alpha = try c.double("alpha")
    solver = try c.string("solver")
    momentum = solver == "sgd" ? try c.double("momentum") : 0
    nesterov = solver == "sgd" ? try c.string("nesterovs_momentum") == "true" : false
    schedule = try c.string("lr_schedule")
    tolerance = try c.double("tol")
    patience = try c.int("n_iter_no_change")
  }

  /// Trains `network` and returns the fitted model.
  ///
  /// The L2 penalty follows scikit-learn's MLP: `alpha/2·‖W‖²` per minibatch sum, i.e. a weight
  /// decay of `alpha / batch_size` on the minibatch-mean gradient (applied to biases too; scikit-learn
  /// leaves biases undecayed). Training stops, as scikit-learn's `tol`/`n_iter_no_change` rule, when
  /// the training loss has not improved by `tol` for `n_iter_no_change` epochs; a NaN/inf loss ends
  /// training as diverged and the model predicts with the last finite parameters.
  func train(
    _ network: inout Network, x: Matrix<Double>, y: [Int], monitor: (x: Matrix<Double>, y: [Int])?, seed: UInt64
  ) throws(LearnerError) -> NetworkModel {
    let decay = Float(alpha / Double(batchSize))
    let scheduleValue: LearningRateSchedule
    switch schedule {
    case "cosine": scheduleValue = .cosineAnnealing(totalEpochs: epochs)
    case "step": scheduleValue = .step(every: max(1, epochs / 3), factor: 0.1)
    default: scheduleValue = .constant
    }
    let trainer = Trainer(epochs: epochs, batchSize: batchSize, schedule: scheduleValue, seed: seed)
    let xf = x.converted(to: Float.self)
    let validation = monitor.map { (x: $0.x.converted(to: Float.self), targets: Targets.classes($0.y)) }
    var best = Double.infinity
    var stale = 0
    var cancelled = false
    let (tolerance, patience) = (tolerance, patience)
    let stop: (EpochMetrics) -> TrainingControl = { metrics in
      // A cancelled task (a trial past its timeout) stops between epochs.
      if Task.isCancelled {
        cancelled = true
        return .stop
      }
      let loss = Double(metrics.trainLoss)
      if loss > best - tolerance { stale += 1 } else { stale = 0 }
      best = min(best, loss)
      return stale >= patience ? .stop : .continue
    }
    let result: TrainingResult
    do {
      if solver == "sgd" {
        let optimizer = SGD(
          learningRate: Float(learningRate), momentum: Float(momentum), nesterov: nesterov, weightDecay: decay)
        result = try trainer.fit(
          &network, x: xf, targets: .classes(y), validation: validation, optimizer: optimizer, onEpoch: stop)
      } else {
        let optimizer = Adam(learningRate: Float(learningRate), weightDecay: decay)
        result = try trainer.fit(
          &network, x: xf, targets: .classes(y), validation: validation, optimizer: optimizer, onEpoch: stop)
      }
      try network.setParameters(result.parameters)
    } catch {
      throw .underlying(learner: learner, message: "\(error)")
    }
    if cancelled { throw .cancelled(learner: learner) }
    let curve = result.history.map {
      LearningCurvePoint(
        epoch: $0.epoch, trainLoss: Double($0.trainLoss), validationLoss: $0.validationLoss.map(Double.init),
        validationAccuracy: $0.validationAccuracy.map(Double.init), gradientNorm: Double($0.gradientNorm),
        learningRate: Double($0.learningRate), seconds: $0.seconds)
    }
    return NetworkModel(learner: learner, network: network, learningCurve: curve, outcome: result.outcome)
  }
}

/// A trained network (MLP or CNN).
public struct NetworkModel: TrainedModel {
  let learner: String
  /// The trained network (for probes: flat parameters, loss and gradient at any parameters).
  public let network: Network
  /// Per-epoch metrics.
  public let learningCurve: [LearningCurvePoint]
  /// How training ended (completed, stopped by the `tol` rule, or diverged).
  public let outcome: TrainingOutcome

  public func predict(_ x: Matrix<Double>) throws(LearnerError) -> [Int] {
    do {
      return try network.predict(x.converted(to: Float.self))
    } catch {
      throw .underlying(learner: learner, message: "\(error)")
    }
  }
}

extension Matrix {
  /// The same matrix with elements converted to another precision.
  func converted<T: BLASScalar>(to: T.Type) -> Matrix<T> {
    Matrix<T>(rows: rows, columns: columns, storage: storage.map { T($0) })
  }
}
