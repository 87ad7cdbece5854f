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
  var surrogate = MetaModelKind.forest

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
    try optimizer.validate()
  }

  /// The workflow these options describe.
  var optimizer: MetaOptimizer {
    var o = MetaOptimizer(learner: learner)
    (o.metaModelPath, o.logPath, o.featuresPath) = (metaModel, log, features)
    (o.settings.minResource, o.settings.maxResource) = (minResource, maxResource)
    (o.settings.reductionFactor, o.settings.numInitialConfigs) = (reductionFactor, initialConfigs)
    (o.settings.numIterations, o.settings.measureFlatness) = (iterations, measureFlatness)
    (o.surrogate, o.priorRows, o.seed, o.studyName, o.storageURL) = (surrogate, priorRows, seed, study, storage)
    o.progress = { logProgress($0) }
    return o
  }

  func run() async throws {
    let outcome = try await optimizer.run(on: try dataset.load(), named: dataset.dataset)
    let report = OptimizeReport(
      dataset: dataset.dataset, learner: learner, levels: outcome.levels, result: outcome.result)
    if output.json {
      try printJSON(report)
    } else {
      print(report.text)
    }
  }
}

extension MetaModelKind: ExpressibleByArgument {}

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
    // In the learner's own names, as `fit --set` takes them (the corpus's svm gamma becomes
    // gamma=value, gamma_value; fixed settings such as the kernel are included).
    func params(_ c: Configuration) -> [String: ParamJSON] {
      let named = TuningSpace.learnerConfiguration(c, learner: learner)
      return Dictionary(uniqueKeysWithValues: named.pairs.map { ($0.name, ParamJSON(value: $0.value)) })
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
