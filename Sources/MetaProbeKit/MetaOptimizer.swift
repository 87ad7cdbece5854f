import Datasets
import Foundation
import Learners
import MetaLearning
import Search
import Storage

/// Meta-warm-started successive halving of one learner on one dataset: a meta-model trained on
/// past tuning (the bundled corpus by default) picks the first configurations, then rounds of
/// retrain → predict and vary → halve run across the resource levels. Every evaluation is stored
/// as a trial as it finishes.
///
/// ```swift
/// let optimizer = MetaOptimizer(learner: "random_forest")
/// let outcome = try await optimizer.run(on: try Dataset.load("wine"), named: "wine")
/// print(outcome.result.best ?? [:], outcome.result.bestValue ?? .nan)
/// ```
///
/// An evaluation trains on the level's fraction of a seeded stratified 80 % split and scores
/// accuracy on the other 20 %; with `settings.measureFlatness` networks also give sharpness and
/// training-dynamics probes at the smallest level, which become surrogate inputs. A failing
/// evaluation is stored FAIL with its reason and the run goes on.
public struct MetaOptimizer: Sendable {
  /// What a run leaves: the levels, the run's trace and best configuration, and the study.
  public struct Outcome: Sendable {
    /// The resource levels, smallest first.
    public var levels: [Double]
    /// The best configuration, its value and level, the trace and the fit quality per round.
    public var result: MetaSuccessiveHalving.Result
    /// The study the evaluations were stored in.
    public var studyName: String
  }

  /// The learner's name (``LearnerCatalog/names``).
  public var learner: String
  /// A meta-model file (``TrainedMetaModel/save(to:)``); nil for the cached default one.
  public var metaModelPath: String?
  /// The prior tuning log; nil for the bundled corpus.
  public var logPath: String?
  /// The prior log's task meta-features table; nil for the bundled corpus's.
  public var featuresPath: String?
  /// Levels, configurations per round, rounds, flatness probes (``MetaSuccessiveHalving/Settings``).
  public var settings = MetaSuccessiveHalving.Settings()
  /// The surrogate retrained between rounds.
  public var surrogate = MetaModelKind.forest
  /// Rows (evaluations) per prior task kept for retraining, ≥ 1.
  public var priorRows = 400
  /// Seed of the split, the training runs and every random choice.
  public var seed: UInt64 = 0
  /// The study's name; nil for `<dataset name>-<learner>-meta`.
  public var studyName: String?
  /// The storage URL (``StudyStore/open(_:)``); nil for `.metaprobe/metaprobe.sqlite`.
  public var storageURL: String?
  /// Receives one line per round and per event.
  public var progress: @Sendable (String) -> Void = { _ in }

  /// A run of `learner` with the defaults above.
  public init(learner: String) {
    self.learner = learner
  }

  /// Checks the settings that need no data.
  /// - Throws: ``MetaProbeKitError/invalidSetting(_:)``.
  public func validate() throws(MetaProbeKitError) {
    guard priorRows >= 1 else { throw .invalidSetting("--prior-rows must be at least 1") }
  }

  /// Runs the optimisation on `data`.
  /// - Parameters:
  ///   - data: the dataset.
  ///   - datasetName: its name, in the default study name.
  /// - Throws: ``MetaProbeKitError`` for bad settings or prior files; the meta-learning, storage
  ///   and reading errors, each naming its file or setting.
  public func run(on data: Dataset, named datasetName: String) async throws -> Outcome {
    try validate()
    let pipeline = Pipeline(try LearnerCatalog.learner(named: learner))
    let model = try MetaCorpus.metaModel(path: metaModelPath, learner: learner, progress: progress)
    let taskFeatures = model.taskFeatureVector(of: data)
    // The bundled corpus only where a path is not given (a user's own log needs no datasets/).
    let bundled = logPath == nil || featuresPath == nil ? try MetaCorpus.bundled() : nil
    let logPath = logPath ?? bundled?.log ?? ""
    let featuresPath = featuresPath ?? bundled?.features ?? ""
    let records = try MetaCorpus.records(log: logPath, learner: learner)
    let table = try MetaCorpus.featureTable(featuresPath)
    guard table.names == model.taskFeatureNames else {
      throw MetaProbeKitError.invalidInput(
        "\(featuresPath): its \(table.names.count) feature columns are not the meta-model's \(model.taskFeatureNames.count) task features")
    }
    let prior = try MetaDataset(records: records, space: model.space, features: table)
      .subsample(rowsPerTask: priorRows, seed: seed)
    let kind = surrogate
    let run = try MetaSuccessiveHalving(
      settings: settings, space: model.space, direction: .maximize, taskFeatures: taskFeatures, prior: prior,
      initialModel: model,
      trainer: { d, s throws(MetaLearningError) in
        try MetaRegressor(fitting: kind, x: d.x, y: d.y, seed: s)
      })
    let levels = run.levels
    let evaluator = ProbedEvaluator(
      data: data, pipeline: pipeline, seed: seed, probeLevel: settings.measureFlatness ? levels[0] : nil)
    let name = studyName ?? "\(datasetName)-\(learner)-meta"
    let store = try StudyStore.open(storageURL)
    let study = try await Study(
      name: name, space: model.space, direction: .maximize, sampler: RandomSampler(seed: seed), storage: store,
      loadIfExists: true)
    progress(
      "optimize \(datasetName) with \(learner): levels \(levels.map { "\($0)" }.joined(separator: ", ")); study \(name) in \(store.path)")
    let (progress, learnerName) = (progress, learner)
    let result = try await run.run(seed: seed) { config, resource in
      try await Self.evaluate(config, resource: resource, evaluator: evaluator, learner: learnerName, study: study)
    } progress: { p in
      let fit = p.fitQuality.isNaN ? "-" : String(format: "%.3f", p.fitQuality)
      let best = p.best.map { String(format: "%.4f", $0) } ?? "-"
      progress(
        "round \(p.iteration) · \(p.configurations) configurations · resource \(p.resource) · \(String(format: "%.1f", p.elapsed)) s · fit ρ \(fit) · best \(best)"
      )
    }
    return Outcome(levels: levels, result: result, studyName: name)
  }

  /// One evaluation, stored as a COMPLETE trial (or FAIL with the reason, rethrown). A
  /// configuration of the bundled corpus's tuning space is evaluated in the learner's own names
  /// (``TuningSpace/learnerConfiguration(_:learner:)``: the SVM's numeric gamma is gamma=value,
  /// gamma_value=x; fixed settings such as the kernel are added).
  private static func evaluate(
    _ config: Configuration, resource: Double, evaluator: ProbedEvaluator, learner: String, study: Study
  ) async throws -> MetaSuccessiveHalving.Evaluation {
    let start = Date()
    do {
      let e = try evaluator.evaluate(TuningSpace.learnerConfiguration(config, learner: learner), resource: resource)
      var attributes: [String: AttributeValue] = ["resource": .number(resource)]
      for (k, v) in e.probes { attributes["probe_" + k] = .number(v) }
      try await study.addTrial(
        Trial(
          state: .complete, params: config, values: [e.value], intermediateValues: [resource: e.value],
          userAttributes: attributes, startDate: start, completeDate: Date()))
      return e
    } catch {
      _ = try? await study.addTrial(
        Trial(
          state: .fail, params: config, userAttributes: ["resource": .number(resource)], startDate: start,
          completeDate: Date(), failReason: "\(error)"))
      throw error
    }
  }
}
