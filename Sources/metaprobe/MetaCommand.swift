import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe meta train|evaluate|predict`: meta-models learnt from tuning logs.
struct MetaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "meta",
    abstract: "Meta-models from tuning logs: train, evaluate by leave-tasks-out, predict starting configurations.",
    subcommands: [MetaTrainCommand.self, MetaEvaluateCommand.self, MetaPredictCommand.self]
  )
}

/// The log, features and learner options `train` and `evaluate` share.
struct MetaLogOptions: ParsableArguments {
  @Option(name: .long, help: "The tuning log (DESIGN.md's format: .csv or JSON Lines .jsonl).")
  var log: String

  @Option(name: .long, help: "The task meta-features table (CSV: task, then one column per feature).")
  var features: String

  @Option(name: .long, help: "The learner whose rows to use (the log's learner column).")
  var learner: String

  /// The learner's rows as a meta-dataset, with the search space inferred from them.
  func metaDataset() throws -> (data: MetaDataset, space: SearchSpace) {
    try MetaCorpus.metaDataset(log: log, features: features, learner: learner)
  }
}

/// `metaprobe meta train --log FILE --features FILE --learner L [--model K] [--seed S] --out M.json`.
struct MetaTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a meta-model on a tuning log and save it as JSON.",
    discussion: """
      Rows: the learner's COMPLETE evaluations (task features, configuration encoded in the \
      search space inferred from the log, resource); target: the value, negated when minimised. \
      Models: mlp (two hidden ReLU layers of 64, Adam 0.001, batch 32, up to 100 epochs, early \
      stopping on a 10 % split, patience 10), forest (100-tree random forest, sd across trees) \
      or ensemble (both; sd combines theirs and their disagreement). The file also holds the \
      per-hyperparameter configuration predictor and the nearest-tasks warm start.
      """
  )

  @OptionGroup var input: MetaLogOptions

  @Option(name: .long, help: "The surrogate: mlp, forest or ensemble.")
  var model = MetaModelKind.ensemble

  @Option(name: .long, help: "Seed of every model.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "Where to write the meta-model (JSON).")
  var out: String

  @OptionGroup var output: OutputOptions

  func run() throws {
    let kind = model
    let start = ContinuousClock.now
    let (data, space) = try input.metaDataset()
    let trained = try TrainedMetaModel(training: data, space: space, learner: input.learner, kind: kind, seed: seed)
    try trained.save(to: out)
    let seconds = (ContinuousClock.now - start).seconds
    if output.json {
      try printJSON(MetaTrainSummary(model: trained, path: out, seconds: seconds))
    } else {
      print(
        "trained \(kind.rawValue) meta-model for \(input.learner): \(data.x.rows) rows, \(data.taskNames.count) tasks, \(data.x.columns) columns, \(String(format: "%.1f", seconds)) s"
      )
      print("wrote \(out)")
    }
  }
}

/// The JSON printed by `meta train --json`.
struct MetaTrainSummary: Encodable {
  var model: String
  var learner: String
  var rows: Int
  var tasks: Int
  var columns: Int
  var path: String
  var seconds: Double

  init(model: TrainedMetaModel, path: String, seconds: Double) {
    self.model = model.kind.rawValue
    learner = model.learner
    rows = model.trainingRows
    tasks = model.trainingTasks
    columns = model.featureNames.count
    self.path = path
    self.seconds = seconds
  }
}

/// `metaprobe meta evaluate --log FILE --features FILE --learner L [--folds K] [--json]`.
struct MetaEvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Leave-tasks-out cross-validation of the mlp, forest and ensemble meta-models.",
    discussion: """
      Tasks are shuffled (--seed) into K groups; each group is held out in turn, the models are \
      trained on the other tasks' rows and judged on the held-out tasks' configurations at each \
      task's highest resource: Spearman's rank correlation between predicted and true values \
      (averaged over tasks) and the top-1 regret (the task's best value minus the value of the \
      configuration predicted best, in the objective's unit, oriented larger-is-better).
      """
  )

  @OptionGroup var input: MetaLogOptions

  @Option(name: .long, help: "Number of task groups (≥ 2; at most the number of tasks).")
  var folds: Int = 5

  @Option(name: .long, help: "Seed of the grouping and the models.")
  var seed: UInt64 = 0

  @OptionGroup var output: OutputOptions

  func run() throws {
    let (data, _) = try input.metaDataset()
    let evaluation = try LeaveTasksOutEvaluation(data: data, kinds: MetaModelKind.allCases, folds: folds, seed: seed)
    if output.json {
      try printJSON(evaluation)
    } else {
      print("leave-tasks-out over \(data.taskNames.count) tasks in \(evaluation.folds) folds (\(data.x.rows) rows)")
      print(
        renderTable(
          header: ["model", "spearman", "top-1 regret", "tasks"],
          rows: evaluation.models.map { m in
            [m.kind.rawValue, String(format: "%.3f", m.meanSpearman), String(format: "%.4f", m.meanRegret), "\(m.tasks.count)"]
          }, rightAligned: [1, 2, 3]))
    }
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) * 1e-18
  }
}
