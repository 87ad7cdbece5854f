import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe meta predict D --learner L [--meta-model M.json] [--top K] [--json]`.
struct MetaPredictCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Predicted starting configurations for a dataset, from a meta-model.",
    discussion: """
      Computes the dataset's meta-features (\(MetaFeatureGroup.defaults.map(\.rawValue).joined(separator: ", ")); complexity too \
      when the meta-model uses features of it), picks the meta-model's task features by name \
      (NaN where absent), and ranks candidates with the surrogate at the highest training \
      resource: the configuration predictor's proposal, the best configurations of the 10 \
      nearest training tasks and 1000 random draws from the search space. \
      Without --meta-model it uses .metaprobe/meta-<learner>.json, training it first (ensemble, \
      seed 0) from the bundled corpus datasets/tuning-logs/own.csv and own-task-features.csv \
      when missing or older than the corpus.
      """
  )

  @OptionGroup var dataset: DatasetOptions

  @Option(name: .long, help: "The learner to predict configurations for.")
  var learner: String

  @Option(name: .customLong("meta-model"), help: "A meta-model written by `metaprobe meta train`.")
  var metaModel: String?

  @Option(name: .long, help: "How many configurations to print.")
  var top: Int = 5

  @Option(name: .long, help: "Seed of the random candidates.")
  var seed: UInt64 = 0

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard top >= 1 else { throw ValidationError("--top must be at least 1") }
  }

  func run() throws {
    let model = try MetaCorpus.metaModel(path: metaModel, learner: learner, progress: { logProgress($0) })
    guard model.learner == learner else {
      throw MetaProbeKitError.invalidInput("the meta-model was trained for learner '\(model.learner)', not '\(learner)'")
    }
    let features = model.taskFeatureVector(of: try dataset.load())
    let suggestions = try model.suggestions(taskFeatures: features, count: top, seed: seed)
    if output.json {
      try printJSON(MetaPredictReport(model: model, dataset: dataset.dataset, features: features, suggestions: suggestions))
    } else {
      let known = features.filter { !$0.isNaN }.count
      print("\(dataset.dataset): \(known) of \(features.count) task features known; \(model.kind.rawValue) meta-model, resource \(model.highestResource)")
      print(
        renderTable(
          header: ["rank", "predicted", "sd", "source", "configuration"],
          rows: suggestions.enumerated().map { i, s in
            [
              "\(i + 1)", String(format: "%.4f", s.ranked.prediction.mean), String(format: "%.4f", s.ranked.prediction.sd), s.source,
              TuningSpace.learnerConfiguration(s.ranked.configuration, learner: learner).description,
            ]
          }, rightAligned: [0, 1, 2]))
    }
  }
}

/// The JSON printed by `meta predict --json`.
struct MetaPredictReport: Encodable {
  struct Entry: Encodable {
    var rank: Int
    var source: String
    var predicted: Double
    var sd: Double
    var configuration: [String: ParamJSON]
  }

  var dataset: String
  var learner: String
  var model: String
  var resource: Double
  var taskFeatures: [String: Double?]
  var configurations: [Entry]

  enum CodingKeys: String, CodingKey {
    case dataset, learner, model, resource
    case taskFeatures = "task_features"
    case configurations
  }

  init(model: TrainedMetaModel, dataset: String, features: [Double], suggestions: [SuggestedConfiguration]) {
    self.dataset = dataset
    learner = model.learner
    self.model = model.kind.rawValue
    resource = model.highestResource
    var byName: [String: Double?] = [:]
    for (n, v) in zip(model.taskFeatureNames, features) { byName[n] = v.isNaN ? nil : v }
    taskFeatures = byName
    configurations = suggestions.enumerated().map { i, s in
      Entry(
        rank: i + 1, source: s.source, predicted: s.ranked.prediction.mean, sd: s.ranked.prediction.sd,
        configuration: Dictionary(
          uniqueKeysWithValues: TuningSpace.learnerConfiguration(s.ranked.configuration, learner: model.learner).pairs.map {
            ($0.name, ParamJSON(value: $0.value))
          }))
    }
  }
}
