import ArgumentParser
import Datasets
import Experiments
import Foundation
import MetaFeatures

/// `metaprobe logs generate`: MetaProbe's own tuning-log corpus, resumable.
struct LogsGenerate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate a tabular corpus of tuning logs: every configuration at every resource level on every task.",
    discussion: """
      For each learner a fixed set of --configs configurations is drawn once as a Latin hypercube \
      of its corpus space (tuning ranges with scikit-learn names, see `Sources/Experiments/Corpus/CorpusSpace.swift`; \
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

  @Option(name: .long, help: "Comma-separated learners (\(CorpusSpace.learnerNames.joined(separator: ", "))).")
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

  func run() async throws {
    guard configs >= 1 else { throw CommandError("--configs must be at least 1, got \(configs)") }
    guard jobs >= 1 else { throw CommandError("--jobs must be at least 1, got \(jobs)") }
    let levelValues = try split(levels).map { text -> Double in
      guard let x = Double(text) else { throw CommandError("--levels: '\(text)' is not a number") }
      return x
    }
    let groupValues = try split(groups).map { name -> MetaFeatureGroup in
      guard let g = MetaFeatureGroup(rawValue: name) else {
        throw CommandError("--groups: unknown group '\(name)'; groups: \(MetaFeatureGroup.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return g
    }
    let corpusLearners = try split(learners).map { name in
      try CorpusLearner(space: try CorpusSpace.named(name), count: configs, seed: seed)
    }
    let generator = try CorpusGenerator(learners: corpusLearners, levels: levelValues, jobs: jobs)
    let datasets = try loadTasks()
    let corpusTasks = try datasets.map { try CorpusTask(name: $0.name, data: $0, runSeed: seed) }
    let total = corpusTasks.count * corpusLearners.count * configs * levelValues.count
    FileHandle.standardError.write(
      Data(
        ("logs generate: \(corpusTasks.count) tasks × \(corpusLearners.count) learners × \(configs) configurations × "
          + "\(levelValues.count) levels = \(total) evaluations, jobs \(jobs), into \(out)\n").utf8))
    let start = Date()
    let summary = try await generator.run(tasks: corpusTasks, log: URL(fileURLWithPath: out)) { p in
      let elapsed = Date().timeIntervalSince(start)
      let best = p.bestValue.map { String(format: "%.4f", $0) } ?? "-"
      let line =
        "[\(p.unitsDone)/\(p.unitsTotal)] \(p.task) \(p.learner): \(p.evaluated) evaluations (\(p.failed) failed) in "
        + String(format: "%.1f s, best at the top level ", p.seconds) + best
        + String(format: "; elapsed %.0f s\n", elapsed)
      FileHandle.standardError.write(Data(line.utf8))
    }
    FileHandle.standardError.write(
      Data(
        String(
          format: "logs generate: %d evaluated (%d failed), %d already in the log, %.1f s\n", summary.evaluated,
          summary.failed, summary.skipped, summary.seconds
        ).utf8))
    if let csv {
      // The records of this run's plan only: a task or learner dropped from the command leaves the CSV.
      let taskNames = Set(corpusTasks.map(\.name))
      let learnerNames = Set(corpusLearners.map(\.name))
      let records = try CorpusLogFile.records(in: URL(fileURLWithPath: out)).filter {
        taskNames.contains($0.task) && learnerNames.contains($0.learner) && $0.number < configs
          && levelValues.contains($0.resource)
      }
      try write(CorpusTables.sortedCSV(records), to: csv)
      FileHandle.standardError.write(Data("wrote \(records.count) records to \(csv)\n".utf8))
    }
    if let features {
      let table = CorpusTables.taskFeatures(of: datasets, groups: groupValues, seed: Int(truncatingIfNeeded: seed))
      try write(table.csv(), to: features)
      FileHandle.standardError.write(Data("wrote \(table.tasks.count) tasks × \(table.names.count) meta-features to \(features)\n".utf8))
    }
  }

  /// The tasks' datasets: --tasks by name or path, or the bundled datasets with at most --max-rows rows.
  private func loadTasks() throws -> [Dataset] {
    let registry = try DatasetRegistry.located()
    switch (tasks, maxRows) {
    case (let list?, nil):
      let names = split(list)
      guard Set(names).count == names.count else { throw CommandError("--tasks names a task twice") }
      return try names.map { name in
        var data = try registry.resolve(name)
        if FileManager.default.fileExists(atPath: name) { data.name = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent }
        return data
      }
    case (nil, let limit?):
      guard limit >= 1 else { throw CommandError("--max-rows must be at least 1, got \(limit)") }
      return try registry.entries.map { try registry.load($0.name) }.filter { $0.rowCount <= limit }
    case (nil, nil):
      throw CommandError("give the tasks: --tasks a,b,... or --max-rows N")
    case (.some, .some):
      throw CommandError("--tasks and --max-rows exclude each other")
    }
  }

  private func split(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  private func write(_ text: String, to path: String) throws {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw CommandError("\(path): cannot write: \(error.localizedDescription)")
    }
  }
}
