import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe logs generate`: MetaProbe's own tuning-log corpus, resumable.
struct LogsGenerate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate a tabular corpus of tuning logs: every configuration at every resource level on every task.",
    discussion: """
      For each learner a fixed set of --configs configurations is drawn once as a Latin hypercube \
      of its corpus space (tuning ranges with scikit-learn names, see `Sources/Learners/TuningSpace.swift`; \
      the same set on every task) and evaluated at each --levels data fraction of the task's \
      training split. Each task has one stratified 70/30 train/validation split seeded by its \
      evaluation seed (the log's `seed` column, derived from --seed and the task name); smaller \
      fractions train on nested stratified subsets of larger ones. value = validation accuracy \
      (maximize), cost_s = wall seconds, number = configuration index; a failing fit is a FAIL row \
      with user_attrs_fail_reason. Records are appended to --out (JSON Lines) as each evaluation \
      finishes; rerunning the same command skips the keys the file holds and continues (a line cut \
      short by a kill is dropped; the task order may change between runs). --csv writes the \
      file's records of this command's tasks, learners, configurations and levels, sorted by \
      (task, learner, number, resource); --features writes the tasks' meta-features (pymfe names). Progress goes to stderr.
      """
  )

  @Option(name: .long, help: "Comma-separated learners (\(TuningSpace.learnerNames.joined(separator: ", "))).")
  var learners: String = "mlp,random_forest,svm"

  @Option(name: .long, help: "Comma-separated dataset names or paths (the tasks).")
  var tasks: String?

  @Option(name: .long, help: "Instead of --tasks: every bundled dataset with at most N rows.")
  var maxRows: Int?

  @Option(name: .long, help: "Configurations per learner (≥ 1).")
  var configs: Int = 16

  @Option(name: .long, help: "Comma-separated resource levels: data fractions in (0, 1].")
  var levels: String = "0.125,0.25,0.5,1"

  @Option(name: .long, help: "Seed of the configurations, splits and fits.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "(task, learner) units evaluated at once (≥ 1; OpenBLAS uses one thread when > 1).")
  var jobs: Int = 1

  @Option(name: .long, help: "The JSON Lines log to append to (created if absent; read to resume).")
  var out: String

  @Option(name: .long, help: "Also write the log of these tasks and learners, sorted, as CSV to this file.")
  var csv: String?

  @Option(name: .long, help: "Write the tasks' meta-features table (CSV, keyed by task) to this file.")
  var features: String?

  @Option(name: .long, help: "Comma-separated meta-feature groups for --features (pymfe names).")
  var groups: String = MetaFeatureGroup.defaults.map(\.rawValue).joined(separator: ",")

  func validate() throws {
    try corpusRun.validate()
    switch (tasks, maxRows) {
    case (nil, nil): throw ValidationError("give the tasks: --tasks a,b,... or --max-rows N")
    case (.some, .some): throw ValidationError("--tasks and --max-rows exclude each other")
    default: break
    }
  }

  /// The workflow these options describe (the lists already parsed by `validate()`).
  var corpusRun: CorpusRun {
    get throws {
      var run = CorpusRun(learners: split(learners))
      (run.configs, run.seed, run.jobs, run.csvPath, run.featuresPath) = (configs, seed, jobs, csv, features)
      run.levels = try split(levels).map { text -> Double in
        guard let x = Double(text) else { throw ValidationError("--levels: '\(text)' is not a number") }
        return x
      }
      run.featureGroups = try split(groups).map { name -> MetaFeatureGroup in
        guard let g = MetaFeatureGroup(rawValue: name) else {
          throw ValidationError(
            "--groups: unknown group '\(name)'; groups: \(MetaFeatureGroup.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return g
      }
      run.progress = { logProgress($0) }
      return run
    }
  }

  func run() async throws {
    let datasets = try maxRows.map { try CorpusRun.bundledTasks(maxRows: $0) } ?? CorpusRun.tasks(named: split(tasks ?? ""))
    try await corpusRun.run(tasks: datasets, log: out)
  }

  private func split(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
