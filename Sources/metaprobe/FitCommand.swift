import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe fit D --learner L [--set k=v ...] [--cv K] [--seed S] [--resource F]`.
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Cross-validated accuracy of one configuration, with its learning curve.",
    discussion: """
      Learners: \(LearnerCatalog.names.joined(separator: ", ")). Hyperparameters take \
      scikit-learn's names (--set n_estimators=100 --set max_features=sqrt); `metaprobe fit D \
      --learner L --list-parameters` shows a learner's space and defaults. Folds are stratified \
      and shuffled with the seed. Each fold imputes, one-hot encodes and (for svm, knn, \
      logistic_regression, mlp, cnn) standardises, fitted on its training rows only.
      With --json: an object with accuracy (mean, sd), folds (accuracy, seconds, epochs per fold), \
      configuration and learning_curve (per epoch, the mean over the folds that reached it).
      """
  )

  @OptionGroup var dataset: DatasetOptions

  @Option(name: .long, help: "The learner (\(LearnerCatalog.names.joined(separator: ", "))).")
  var learner: String

  @Option(name: .customLong("set"), help: ArgumentHelp("A hyperparameter, name=value (repeatable).", valueName: "k=v"))
  var assignments: [String] = []

  @Option(name: .long, help: "Number of stratified folds (≥ 2).")
  var cv: Int = 5

  @Option(name: .long, help: "Seed of every random choice.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "Resource level in (0, 1]: the fraction of the budget each fold may use.")
  var resource: Double = 1

  @Option(name: .long, help: "What --resource scales: data (training rows), epochs or trees.")
  var resourceKind: ResourceKindArgument = .data

  @Flag(
    name: .long, help: "Score on the seeded stratified 80/20 split `optimize` evaluates on (training on --resource of its 80 %), instead of cross-validation.")
  var holdout = false

  @Flag(name: .long, help: "Print the learner's hyperparameters and defaults, then exit.")
  var listParameters = false

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard cv >= 2 else { throw ValidationError("--cv must be at least 2, got \(cv)") }
    guard resource > 0, resource <= 1 else { throw ValidationError("--resource must be in (0, 1], got \(resource)") }
    guard !holdout || resourceKind == .data else { throw ValidationError("--holdout scales the data: use --resource-kind data") }
  }

  func run() throws {
    let pipeline = Pipeline(try LearnerCatalog.learner(named: learner))
    if listParameters {
      try printParameters(pipeline.learner)
      return
    }
    let data = try dataset.load()
    let config = try pipeline.configuration(parsing: assignments)
    if holdout { return try printHoldout(pipeline, data: data, config: config) }
    let budget = try Budget(level: resource, of: resourceKind.kind)
    let result = try CrossValidation.evaluate(
      pipeline, on: data, config: config, folds: cv, budget: budget, seed: seed)
    let report = FitReport(result, dataset: data.name, learner: learner, resource: resource, seed: seed)
    if output.json {
      try printJSON(report)
      return
    }
    print(report.text(configuration: config, foldCount: cv))
  }

  /// `--holdout`: the accuracy `optimize` would record for `config` at `--resource` and `--seed`.
  private func printHoldout(_ pipeline: Pipeline, data: Dataset, config: Configuration) throws {
    let value = try ProbedEvaluator(data: data, pipeline: pipeline, seed: seed, probeLevel: nil)
      .evaluate(config, resource: resource).value
    if output.json {
      try printJSON(
        HoldoutReport(
          dataset: data.name, learner: learner, seed: seed, resource: resource,
          configuration: Dictionary(uniqueKeysWithValues: config.pairs.map { ($0.name, ParamJSON(value: $0.value)) }),
          accuracy: value))
    } else {
      print("\(learner) on \(data.name): holdout accuracy \(String(format: "%.4f", value)) (seed \(seed), resource \(resource))")
      print("configuration: \(config)")
    }
  }

  /// The JSON shape of `metaprobe fit --holdout --json`.
  struct HoldoutReport: Encodable {
    var dataset: String
    var learner: String
    var seed: UInt64
    var resource: Double
    var configuration: [String: ParamJSON]
    var accuracy: Double
    var holdout = true
  }

  private func printParameters(_ learner: any Learner) throws {
    let defaults = learner.searchSpace.defaultConfiguration
    if output.json {
      try printJSON(learner.searchSpace)
      return
    }
    print(
      renderTable(
        header: ["parameter", "domain", "default", "active when"],
        rows: learner.searchSpace.parameters.map { p in
          [
            p.name, "\(p.domain)", (p.defaultValue ?? defaults[p.name]).map { "\($0)" } ?? "",
            p.condition.map { "\($0.parent) in \($0.values.map(\.description))" } ?? "",
          ]
        }))
  }
}

/// The JSON shape of `metaprobe fit --json`.
struct FitReport: Encodable {
  struct Accuracy: Encodable {
    var mean: Double
    var sd: Double
  }
  struct Fold: Encodable {
    var fold: Int
    var accuracy: Double
    var seconds: Double
    var epochs: Int
  }
  struct CurvePoint: Encodable {
    var epoch: Int
    var trainLoss: Double
    var validationLoss: Double?
    var validationAccuracy: Double?
    var gradientNorm: Double
    var seconds: Double
    var folds: Int
    enum CodingKeys: String, CodingKey {
      case epoch, seconds, folds
      case trainLoss = "train_loss"
      case validationLoss = "validation_loss"
      case validationAccuracy = "validation_accuracy"
      case gradientNorm = "gradient_norm"
    }
  }

  var dataset: String
  var learner: String
  var seed: UInt64
  var resource: Double
  var configuration: [String: ParamJSON]
  var accuracy: Accuracy
  var folds: [Fold]
  var learningCurve: [CurvePoint]
  var learningCurves: [[LearningCurvePoint]]

  enum CodingKeys: String, CodingKey {
    case dataset, learner, seed, resource, configuration, accuracy, folds
    case learningCurve = "learning_curve"
    case learningCurves = "learning_curves"
  }

  init(_ result: CrossValidationResult, dataset: String, learner: String, resource: Double, seed: UInt64) {
    self.dataset = dataset
    self.learner = learner
    self.seed = seed
    self.resource = resource
    // Numbers as JSON numbers, categories as strings (ParamJSON).
    configuration = Dictionary(uniqueKeysWithValues: result.configuration.pairs.map { ($0.name, ParamJSON(value: $0.value)) })
    accuracy = Accuracy(mean: result.meanAccuracy, sd: result.accuracySD)
    folds = result.foldAccuracies.indices.map {
      Fold(
        fold: $0 + 1, accuracy: result.foldAccuracies[$0], seconds: result.foldSeconds[$0],
        epochs: result.learningCurves[$0].count)
    }
    learningCurves = result.learningCurves
    let longest = result.learningCurves.map(\.count).max() ?? 0
    learningCurve = (0..<longest).map { e in
      let points = result.learningCurves.compactMap { e < $0.count ? $0[e] : nil }
      func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : Statistics.mean(xs) }
      return CurvePoint(
        epoch: e + 1, trainLoss: mean(points.map(\.trainLoss)) ?? .nan,
        validationLoss: mean(points.compactMap(\.validationLoss)),
        validationAccuracy: mean(points.compactMap(\.validationAccuracy)),
        gradientNorm: mean(points.map(\.gradientNorm)) ?? .nan, seconds: mean(points.map(\.seconds)) ?? .nan,
        folds: points.count)
    }
  }

  /// The text form: accuracy, configuration, the folds and the mean learning curve.
  func text(configuration config: Configuration, foldCount: Int) -> String {
    var lines: [String] = []
    lines.append(
      "\(learner) on \(dataset): accuracy \(String(format: "%.4f", accuracy.mean)) "
        + "± \(String(format: "%.4f", accuracy.sd)) (\(foldCount)-fold, seed \(seed), resource \(resource))")
    lines.append("configuration: \(config)")
    lines.append(
      renderTable(
        header: ["fold", "accuracy", "seconds", "epochs"],
        rows: folds.map {
          ["\($0.fold)", String(format: "%.4f", $0.accuracy), String(format: "%.3f", $0.seconds), "\($0.epochs)"]
        },
        rightAligned: [0, 1, 2, 3]))
    if !learningCurve.isEmpty {
      lines.append("")
      lines.append(
        renderTable(
          header: ["epoch", "train_loss", "val_loss", "val_accuracy", "grad_norm", "folds"],
          rows: learningCurve.map {
            [
              "\($0.epoch)", String(format: "%.5f", $0.trainLoss), $0.validationLoss.map { String(format: "%.5f", $0) } ?? "",
              $0.validationAccuracy.map { String(format: "%.4f", $0) } ?? "", String(format: "%.4f", $0.gradientNorm),
              "\($0.folds)",
            ]
          },
          rightAligned: [0, 1, 2, 3, 4, 5]))
    }
    return lines.joined(separator: "\n")
  }
}
