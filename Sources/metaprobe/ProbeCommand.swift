import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe probe D --learner L [--set k=v ...] [--resource F] [--sharpness] [--seed S] [--json]`.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Training-dynamics and sharpness features of one training run.",
    discussion: """
      Trains the learner once on a stratified 80/20 split drawn with the seed (the 20 % is the \
      monitoring set of the learning curve) at the resource level, and prints the training-dynamics \
      features (dyn.*; NaN with a reason when a curve is too short). With --sharpness (networks: mlp, \
      cnn) also the sharpness of the trained weights on the training loss over at most 1000 training \
      rows (a seeded subsample): epsilon_sharpness (Keskar et al., ε = 1e-3, percent), \
      hessian_top_eigenvalue (power iteration, largest magnitude, signed), hessian_top_eigenvalues \
      (Lanczos, top 5), hessian_trace and hessian_trace_se (Hutchinson), slice_1d and slice_2d \
      (filter-normalised, 21 points on [-1, 1]), gradient_evaluations (all estimators) and \
      loss_evaluations (the slices).
      """
  )

  @OptionGroup var dataset: DatasetOptions

  @Option(name: .long, help: "The learner (\(LearnerCatalog.names.joined(separator: ", "))).")
  var learner: String

  @Option(name: .customLong("set"), help: ArgumentHelp("A hyperparameter, name=value (repeatable).", valueName: "k=v"))
  var assignments: [String] = []

  @Option(name: .long, help: "Seed of the split, the training and the probes.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "Resource level in (0, 1]: the fraction of the learner's epochs (or trees; data for others).")
  var resource: Double = 1

  @Flag(name: .long, help: "Also measure the sharpness of the trained network (mlp, cnn only).")
  var sharpness = false

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard resource > 0, resource <= 1 else { throw ValidationError("--resource must be in (0, 1], got \(resource)") }
  }

  func run() throws {
    let pipeline = Pipeline(try LearnerCatalog.learner(named: learner))
    if sharpness, pipeline.learner.iterationKind != .epochs {
      throw ProbeError.notANetwork(learner: learner)
    }
    let data = try dataset.load()
    let config = try pipeline.configuration(parsing: assignments)
    let budget = try Budget(level: resource, of: pipeline.learner.iterationKind ?? .dataFraction)
    let probe = TrainingProbe(pipeline, sharpness: sharpness ? SharpnessProbe(seed: seed) : nil)
    let result = try probe.run(on: data, config: config, budget: budget, seed: seed)
    let report = ProbeReport(result, dataset: data.name, learner: learner, resource: resource, seed: seed)
    if output.json {
      try printJSON(report)
      return
    }
    print(
      "\(learner) on \(data.name): monitoring accuracy \(String(format: "%.4f", result.monitorAccuracy)) "
        + "(80/20 split, seed \(seed), resource \(resource), \(result.learningCurve.count) epochs)")
    print(
      renderTable(
        header: ["feature", "value", "note"],
        rows: result.dynamics.pairs.map { [$0.name, format($0.value), result.dynamics.reasons[$0.name] ?? ""] },
        rightAligned: [1]))
    guard let s = result.sharpness else { return }
    print("")
    print(
      renderTable(
        header: ["sharpness", "value"],
        rows: [
          ["epsilon_sharpness", format(s.epsilonSharpness.sharpness)],
          ["hessian_top_eigenvalue", format(s.topEigenvalue.top)],
          ["hessian_top_eigenvalues", s.topEigenvalues.eigenvalues.map(format).joined(separator: " ")],
          ["hessian_trace", format(s.trace.trace) + " ± " + format(s.trace.standardError)],
          ["slice_1d losses", (s.slice1D?.losses ?? []).map(format).joined(separator: " ")],
          ["gradient_evaluations", "\(s.gradientEvaluations)"],
          ["loss_evaluations", "\(s.lossEvaluations) (slices)"],
          ["rows", "\(result.rowCounts.sharpness)"],
        ]))
  }

  private func format(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.6g", x) }
}

/// The JSON shape of `metaprobe probe --json`.
struct ProbeReport: Encodable {
  struct Slice1D: Encodable {
    var alphas: [Double]
    var losses: [Double]
  }
  struct Slice2D: Encodable {
    var alphas: [Double]
    var betas: [Double]
    var losses: [[Double]]
  }

  var dataset: String
  var learner: String
  var seed: UInt64
  var resource: Double
  var configuration: [String: String]
  var monitorAccuracy: Double
  var features: [String: Double]
  var featureOrder: [String]
  var featureReasons: [String: String]
  var learningCurve: [LearningCurvePoint]
  var epsilonSharpness: Double?
  var hessianTopEigenvalue: Double?
  var hessianTopEigenvalues: [Double]?
  var hessianTrace: Double?
  var hessianTraceSE: Double?
  var slice1D: Slice1D?
  var slice2D: Slice2D?
  var gradientEvaluations: Int?
  var lossEvaluations: Int?
  var sharpnessRows: Int?

  enum CodingKeys: String, CodingKey {
    case dataset, learner, seed, resource, configuration, features
    case monitorAccuracy = "monitor_accuracy"
    case featureOrder = "feature_order"
    case featureReasons = "feature_reasons"
    case learningCurve = "learning_curve"
    case epsilonSharpness = "epsilon_sharpness"
    case hessianTopEigenvalue = "hessian_top_eigenvalue"
    case hessianTopEigenvalues = "hessian_top_eigenvalues"
    case hessianTrace = "hessian_trace"
    case hessianTraceSE = "hessian_trace_se"
    case slice1D = "slice_1d"
    case slice2D = "slice_2d"
    case gradientEvaluations = "gradient_evaluations"
    case lossEvaluations = "loss_evaluations"
    case sharpnessRows = "sharpness_rows"
  }

  init(_ result: TrainingProbe.Result, dataset: String, learner: String, resource: Double, seed: UInt64) {
    self.dataset = dataset
    self.learner = learner
    self.seed = seed
    self.resource = resource
    configuration = Dictionary(uniqueKeysWithValues: result.configuration.pairs.map { ($0.name, $0.value.description) })
    monitorAccuracy = result.monitorAccuracy
    features = Dictionary(uniqueKeysWithValues: result.dynamics.pairs.map { ($0.name, $0.value) })
    featureOrder = result.dynamics.names
    featureReasons = result.dynamics.reasons
    learningCurve = result.learningCurve
    guard let s = result.sharpness else { return }
    epsilonSharpness = s.epsilonSharpness.sharpness
    hessianTopEigenvalue = s.topEigenvalue.top
    hessianTopEigenvalues = s.topEigenvalues.eigenvalues
    hessianTrace = s.trace.trace
    hessianTraceSE = s.trace.standardError
    slice1D = s.slice1D.map { Slice1D(alphas: $0.alphas, losses: $0.losses) }
    slice2D = s.slice2D.map { Slice2D(alphas: $0.alphas, betas: $0.betas, losses: $0.losses) }
    gradientEvaluations = s.gradientEvaluations
    lossEvaluations = s.lossEvaluations
    sharpnessRows = result.rowCounts.sharpness
  }
}
