import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe optimize D --learner L [--meta-model M]`: meta-warm-started successive halving.
struct OptimizeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimize",
    abstract: "Meta-warm-started successive halving: start from a meta-model's predictions, then halve across resource levels.",
    discussion: """
      The meta-model (--meta-model FILE from `metaprobe meta train`, else the default one trained \
      on the bundled corpus and cached in .metaprobe/meta-<learner>.json) predicts the first \
      --initial-configs configurations, evaluated at the smallest level. Each of --iterations \
      rounds then retrains a surrogate (--surrogate, default forest) on the prior log (--log, \
      default the bundled corpus; at most --prior-rows evaluations per task) plus this \
      task's evaluations, takes the best-scoring candidates and variations of the incumbents, and \
      halves them across the levels --max-resource·η^-i ≥ --min-resource (defaults 0.1, 0.5, η=2: \
      0.125, 0.25, 0.5). An evaluation trains on that fraction of a seeded stratified 80 % split \
      and scores accuracy on the other 20 %; with --measure-flatness (default on) networks also \
      give ε-sharpness, the Hessian's top eigenvalue and trace, and training-dynamics features at \
      the smallest level, which become surrogate inputs. Every evaluation is stored as it \
      finishes, as a trial of the study (--study, default <dataset>-<learner>-meta) in --storage \
      (default sqlite:///.metaprobe/metaprobe.sqlite) with its resource as intermediate value; a \
      failing evaluation is stored FAIL with its reason and the run goes on.
      With --json: an object with dataset, learner, levels, best {params, value, resource}, \
      fit_quality (Spearman per round) and trace [{iteration, resource, params, value, predicted, \
      failure, cumulative_resource, elapsed_s}].
      """
  )

  @OptionGroup var dataset: DatasetOptions

  @Option(name: .long, help: "The learner (\(LearnerCatalog.names.joined(separator: ", "))).")
  var learner: String

  @Option(name: .customLong("meta-model"), help: "A meta-model file from `metaprobe meta train` (default: trained on the bundled corpus, cached).")
  var metaModel: String?

  @Option(name: .long, help: "The prior tuning log (default: datasets/tuning-logs/own.csv).")
  var log: String?

  @Option(name: .long, help: "The prior log's task meta-features table (default: datasets/tuning-logs/own-task-features.csv).")
  var features: String?

  @Option(name: .customLong("min-resource"), help: "Smallest resource level, a data fraction in (0, 1].")
  var minResource = 0.1

  @Option(name: .customLong("max-resource"), help: "Largest resource level, a data fraction in (0, 1].")
  var maxResource = 0.5

  @Option(name: .customLong("reduction-factor"), help: "η: factor between levels and halving rate (≥ 2).")
  var reductionFactor = 2

  @Option(name: .customLong("initial-configs"), help: "Configurations per round (and explored first).")
  var initialConfigs = 6

  @Option(name: .long, help: "Rounds of train → predict → halve.")
  var iterations = 3

  @Flag(name: .customLong("measure-flatness"), inversion: .prefixedNo, help: "Feed sharpness and training-dynamics probes to the surrogate.")
  var measureFlatness = true

  @Option(name: .long, help: "The surrogate retrained between rounds: forest, mlp or ensemble.")
  var surrogate = "forest"

  @Option(name: .customLong("prior-rows"), help: "Rows (evaluations) per prior task kept for retraining (≥ 1).")
  var priorRows = 400

  @Option(name: .long, help: "Seed of the split, the training runs and every random choice.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "The study name (default <dataset>-<learner>-meta).")
  var study: String?

  @Option(name: .long, help: "Storage URL: sqlite:///relative.db, sqlite:////absolute.db (default sqlite:///.metaprobe/metaprobe.sqlite).")
  var storage: String?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard MetaModelKind(rawValue: surrogate) != nil else {
      throw ValidationError("--surrogate must be forest, mlp or ensemble, got '\(surrogate)'")
    }
    guard priorRows >= 1 else { throw ValidationError("--prior-rows must be at least 1") }
  }

  func run() async throws {
    var settings = MetaSuccessiveHalving.Settings()
    settings.minResource = minResource
    settings.maxResource = maxResource
    settings.reductionFactor = reductionFactor
    settings.numInitialConfigs = initialConfigs
    settings.numIterations = iterations
    settings.measureFlatness = measureFlatness
    let pipeline = Pipeline(try LearnerCatalog.learner(named: learner))
    let model = try resolveMetaModel(path: metaModel, learner: learner)
    let data = try dataset.load()
    let taskFeatures = taskFeatureVector(of: data, for: model)
    let root = try DatasetRegistry.locate()
    let logPath = log ?? root.appendingPathComponent("tuning-logs/own.csv").path
    let featuresPath = features ?? root.appendingPathComponent("tuning-logs/own-task-features.csv").path
    let records = try TuningLog(contentsOfFile: logPath).records.filter { $0.learner == learner }
    guard !records.isEmpty else { throw MetaCommandError(description: "\(logPath): no rows for learner '\(learner)'") }
    let table = try TaskFeatureTable(csv: String(contentsOfFile: featuresPath, encoding: .utf8))
    guard table.names == model.taskFeatureNames else {
      throw MetaCommandError(
        description: "\(featuresPath): its \(table.names.count) feature columns are not the meta-model's \(model.taskFeatureNames.count) task features")
    }
    let prior = try MetaDataset(records: records, space: model.space, features: table)
      .subsample(rowsPerTask: priorRows, seed: seed)
    let kind = MetaModelKind(rawValue: surrogate) ?? .forest
    let run = try MetaSuccessiveHalving(
      settings: settings, space: model.space, direction: .maximize, taskFeatures: taskFeatures, prior: prior,
      initialModel: model, trainer: { d, s throws(MetaLearningError) in
        try MetaRegressor(fitting: kind, x: d.x, y: d.y, seed: s)
      })
    let levels = run.levels
    let evaluator = ProbedEvaluator(data: data, pipeline: pipeline, seed: seed, probeLevel: measureFlatness ? levels[0] : nil)

    let studyName = study ?? "\(dataset.dataset)-\(learner)-meta"
    let store = try openStorage(storage)
    let theStudy = try await Study(
      name: studyName, space: model.space, direction: .maximize, sampler: RandomSampler(seed: seed), storage: store,
      loadIfExists: true)
    logProgress("optimize \(dataset.dataset) with \(learner): levels \(levels.map { "\($0)" }.joined(separator: ", ")); study \(studyName) in \(store.path)")

    // Configurations of the bundled corpus's spaces map onto the learner's own parameters (the
    // SVM's numeric gamma is gamma=value, gamma_value=x; fixed settings such as the kernel).
    let corpusSpace = try? CorpusSpace.named(learner)
    let result = try await run.run(seed: seed) { config, resource in
      let start = Date()
      do {
        let e = try evaluator.evaluate(corpusSpace?.pipelineConfiguration(config) ?? config, resource: resource)
        var attributes: [String: AttributeValue] = ["resource": .number(resource)]
        for (k, v) in e.probes { attributes["probe_" + k] = .number(v) }
        try await theStudy.addTrial(
          Trial(
            state: .complete, params: config, values: [e.value], intermediateValues: [resource: e.value],
            userAttributes: attributes, startDate: start, completeDate: Date()))
        return e
      } catch {
        _ = try? await theStudy.addTrial(
          Trial(
            state: .fail, params: config, userAttributes: ["resource": .number(resource)], startDate: start,
            completeDate: Date(), failReason: "\(error)"))
        throw error
      }
    } progress: { p in
      let fit = p.fitQuality.isNaN ? "-" : String(format: "%.3f", p.fitQuality)
      let best = p.best.map { String(format: "%.4f", $0) } ?? "-"
      logProgress(
        "round \(p.iteration) · \(p.configurations) configurations · resource \(p.resource) · \(String(format: "%.1f", p.elapsed)) s · fit ρ \(fit) · best \(best)")
    }
    let report = OptimizeReport(dataset: dataset.dataset, learner: learner, levels: levels, result: result)
    if output.json {
      try printJSON(report)
    } else {
      print(report.text)
    }
  }
}

/// What `optimize` prints: a summary and the trace, as text or JSON.
struct OptimizeReport: Encodable {
  struct Best: Encodable {
    var params: [String: ParamJSON]
    var value: Double
    var resource: Double
  }

  struct Step: Encodable {
    var iteration: Int
    var resource: Double
    var params: [String: ParamJSON]
    var value: Double?
    var predicted: Double?
    var failure: String?
    var cumulativeResource: Double
    var elapsed: Double

    enum CodingKeys: String, CodingKey {
      case iteration, resource, params, value, predicted, failure
      case cumulativeResource = "cumulative_resource"
      case elapsed = "elapsed_s"
    }
  }

  var dataset: String
  var learner: String
  var levels: [Double]
  var best: Best?
  var fitQuality: [Double?]
  var trace: [Step]

  enum CodingKeys: String, CodingKey {
    case dataset, learner, levels, best, trace
    case fitQuality = "fit_quality"
  }

  init(dataset: String, learner: String, levels: [Double], result: MetaSuccessiveHalving.Result) {
    func params(_ c: Configuration) -> [String: ParamJSON] {
      Dictionary(uniqueKeysWithValues: c.pairs.map { ($0.name, ParamJSON(value: $0.value)) })
    }
    self.dataset = dataset
    self.learner = learner
    self.levels = levels
    if let c = result.best, let v = result.bestValue, let r = result.bestResource {
      best = Best(params: params(c), value: v, resource: r)
    }
    fitQuality = result.fitQuality.map { $0.isNaN ? nil : $0 }
    trace = result.trace.map {
      Step(
        iteration: $0.iteration, resource: $0.resource, params: params($0.configuration), value: $0.value,
        predicted: $0.predicted, failure: $0.failure, cumulativeResource: $0.cumulativeResource, elapsed: $0.elapsed)
    }
  }

  /// The text form: the best configuration, then one line per evaluation.
  var text: String {
    var lines: [String] = []
    if let best {
      let config = best.params.keys.sorted().map { "\($0)=\(best.params[$0].map { "\($0.value)" } ?? "")" }
      lines.append(
        "best: \(String(format: "%.4f", best.value)) at resource \(best.resource): \(config.joined(separator: " "))")
    } else {
      lines.append("best: none (every evaluation failed)")
    }
    let fit = fitQuality.map { $0.map { String(format: "%.3f", $0) } ?? "-" }
    lines.append("levels: \(levels.map { "\($0)" }.joined(separator: ", ")); fit quality per round (Spearman): \(fit.joined(separator: ", "))")
    lines.append(
      renderTable(
        header: ["round", "resource", "value", "predicted", "spent", "configuration"],
        rows: trace.map { s in
          [
            "\(s.iteration)", "\(s.resource)", s.value.map { String(format: "%.4f", $0) } ?? "FAIL",
            s.predicted.map { String(format: "%.4f", $0) } ?? "-", String(format: "%.3f", s.cumulativeResource),
            s.params.keys.sorted().map { "\($0)=\(s.params[$0].map { "\($0.value)" } ?? "")" }.joined(separator: " "),
          ]
        }, rightAligned: [0, 1, 2, 3, 4]))
    return lines.joined(separator: "\n")
  }
}
