import Foundation
import MetaLearning
import Search
import Storage

/// Meta-warm-started successive halving of an objective of the user's own: a closure from a
/// configuration and a resource level to a score, a search space, and a tuning log of the same
/// model on earlier tasks (with those tasks' meta-features).
///
/// ```swift
/// var warm = MetaWarmStart(space: mySpace, log: "my-log.csv", features: "my-task-features.csv", learner: "my_model")
/// warm.taskFeatures = ["nr_inst": 500, "nr_attr": 12]      // the new task, by feature name
/// let result = try await warm.run { config, resource in
///   try await trainAndScore(config, fraction: resource)       // larger is better (`direction`)
/// }
/// print(result.best ?? [:], result.bestValue ?? .nan)
/// ```
///
/// A meta-model (``surrogate``) trained on the log's rows ranks candidates for the first round;
/// each round retrains it on the prior rows plus the new task's observations, proposes the
/// best-scoring candidates and variations of the incumbents, and halves them across the levels
/// `maxResource·η^-i ≥ minResource` of ``settings``.
public struct MetaWarmStart: Sendable {
  /// The space configurations are drawn from (the log's parameter names).
  public var space: SearchSpace
  /// Whether the objective is maximised (default) or minimised.
  public var direction = StudyDirection.maximize
  /// The tuning log of earlier tasks (CSV or JSON Lines, the tuning-log format).
  public var logPath: String
  /// The earlier tasks' meta-features table (CSV: task, then one column per feature).
  public var featuresPath: String
  /// The log's `learner` value of this model's rows.
  public var learner: String
  /// The new task's meta-features by name; a feature the table has and this lacks is NaN.
  public var taskFeatures: [String: Double] = [:]
  /// Levels, configurations per round, rounds (``MetaSuccessiveHalving/Settings``); flatness
  /// probes are off (the objective is opaque).
  public var settings: MetaSuccessiveHalving.Settings
  /// The meta-model retrained between rounds.
  public var surrogate = MetaModelKind.forest
  /// Rows (evaluations) per prior task kept for training, ≥ 1.
  public var priorRows = 400
  /// Seed of every random choice.
  public var seed: UInt64 = 0

  /// A warm start of the model called `learner` in `log`, over `space`.
  public init(space: SearchSpace, log: String, features: String, learner: String) {
    self.space = space
    logPath = log
    featuresPath = features
    self.learner = learner
    settings = MetaSuccessiveHalving.Settings()
    settings.measureFlatness = false
  }

  /// Runs the optimisation, calling `objective` once per evaluation.
  /// - Parameter objective: the score of a configuration trained at a resource level in (0, 1]
  ///   (a data fraction, a share of the epochs, …); a thrown error or a non-finite score is
  ///   recorded as a failure in the trace and the run goes on.
  /// - Returns: the best configuration, its value and level, and the trace.
  /// - Throws: ``MetaProbeKitError`` for bad settings or files; the log's and meta-learning's errors.
  public func run(
    _ objective: @escaping @Sendable (Configuration, Double) async throws -> Double
  ) async throws -> MetaSuccessiveHalving.Result {
    guard priorRows >= 1 else { throw MetaProbeKitError.invalidSetting("priorRows must be at least 1, got \(priorRows)") }
    let records = try MetaCorpus.records(log: logPath, learner: learner)
    let table = try MetaCorpus.featureTable(featuresPath)
    let prior = try MetaDataset(records: records, space: space, features: table)
      .subsample(rowsPerTask: priorRows, seed: seed)
    let features = table.names.map { taskFeatures[$0] ?? .nan }
    let kind = surrogate
    let run = try MetaSuccessiveHalving(
      settings: settings, space: space, direction: direction, taskFeatures: features, prior: prior,
      trainer: { d, s throws(MetaLearningError) in try MetaRegressor(fitting: kind, x: d.x, y: d.y, seed: s) })
    return try await run.run(seed: seed) { config, resource in
      let start = ContinuousClock.now
      let value = try await objective(config, resource)
      let (s, atto) = (ContinuousClock.now - start).components
      return MetaSuccessiveHalving.Evaluation(value: value, seconds: Double(s) + Double(atto) * 1e-18)
    }
  }
}
