import Foundation
import Learners
import Probes
import Search
import Storage

/// One entry of a corpus: a learner with its corpus space and the configurations drawn from it.
public struct CorpusLearner: Sendable {
  /// The pipeline (and its learner) that is fitted.
  public let pipeline: Pipeline
  /// The tuning space and fixed settings.
  public let space: TuningSpace
  /// The configurations every task evaluates, numbered by index.
  public let configurations: [Configuration]

  /// A learner of the corpus with the given configurations.
  public init(pipeline: Pipeline, space: TuningSpace, configurations: [Configuration]) {
    self.pipeline = pipeline
    self.space = space
    self.configurations = configurations
  }

  /// The learner named by `space` from `LearnerCatalog`, with `count` Latin-hypercube configurations.
  ///
  /// - Throws: ``CorpusError/unknownLearner(_:available:)`` when the catalog lacks the learner.
  public init(space: TuningSpace, count: Int, seed: UInt64) throws(CorpusError) {
    let learner: any Learner
    do {
      learner = try LearnerCatalog.learner(named: space.learner)
    } catch {
      throw .unknownLearner(space.learner, available: TuningSpace.learnerNames)
    }
    self.init(pipeline: Pipeline(learner), space: space, configurations: space.configurations(count: count, seed: seed))
  }

  /// The learner's command-line name.
  public var name: String { space.learner }

  /// Evaluates configuration `number` on `task` at resource level `level`.
  ///
  /// Fits the pipeline on the nested stratified subsample of fraction `level` of the task's training
  /// rows (`Budget(dataFraction: level)`, seed = the task's seed) and scores accuracy on its
  /// validation rows. A fit or prediction that throws gives a FAIL record whose
  /// `user_attrs_fail_reason` holds the error; it never throws. For the `mlp`, COMPLETE records also
  /// carry training dynamics (`epochs`, `final_train_loss`, `loss_slope`, `grad_norm_mean`).
  ///
  /// - Returns: the log record; `value` is the validation accuracy in [0, 1] (maximised) and
  ///   `cost_s` the wall seconds of fitting and scoring.
  public func evaluate(number: Int, on task: CorpusTask, level: Double) -> TuningLogRecord {
    let params = configurations[number]
    var record = TuningLogRecord(
      task: task.name, learner: name, number: number, params: params, resource: level, seed: task.seed, value: nil,
      direction: .maximize, state: .fail)
    let start = DispatchTime.now().uptimeNanoseconds
    do {
      let budget = try Budget(dataFraction: level)
      let fitted = try pipeline.fit(
        on: task.data, rows: task.trainRows, config: space.pipelineConfiguration(params), budget: budget,
        seed: UInt64(task.seed))
      let accuracy = try fitted.accuracy(on: task.data, rows: task.validationRows)
      if accuracy.isFinite {
        record.value = accuracy
        record.state = .complete
        if !fitted.learningCurve.isEmpty { record.userAttributes = Self.dynamics(of: fitted.learningCurve) }
      } else {
        record.userAttributes["fail_reason"] = "validation accuracy is not finite"
      }
    } catch {
      record.userAttributes["fail_reason"] = error.description
    }
    record.costSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return record
  }

  /// A few training-dynamics numbers of a learning curve, as text attributes (finite ones only).
  static func dynamics(of curve: [LearningCurvePoint]) -> [String: String] {
    let features = TrainingDynamics().features(of: curve)
    var out = [String: String]()
    for (attribute, feature) in [
      ("epochs", "dyn.epochs"), ("final_train_loss", "dyn.last_train_loss"), ("loss_slope", "dyn.loss_slope"),
      ("grad_norm_mean", "dyn.grad_norm_mean"),
    ] {
      if let x = features[feature], let text = TuningLogFormat.number(x) { out[attribute] = text }
    }
    return out
  }
}
