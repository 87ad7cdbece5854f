import Datasets
import Experiments
import Foundation
import Learners
import MetaFeatures

/// Generating a tabular tuning-log corpus: every configuration of a fixed Latin-hypercube set per
/// learner, at every resource level, on every task; resumable.
///
/// Records are appended to the JSON Lines log as each evaluation finishes; running again skips
/// the keys the log holds. Optionally the run's records are also written as a sorted CSV, and
/// the tasks' meta-features as a table keyed by task.
public struct CorpusRun: Sendable {
  /// The learners, by their corpus-space names (``TuningSpace/learnerNames``).
  public var learners: [String]
  /// Configurations per learner, ≥ 1.
  public var configs = 16
  /// Resource levels: data fractions in (0, 1].
  public var levels: [Double] = [0.125, 0.25, 0.5, 1]
  /// Seed of the configurations, splits and fits.
  public var seed: UInt64 = 0
  /// (task, learner) units evaluated at once, ≥ 1.
  public var jobs = 1
  /// Where to write the run's records as sorted CSV; nil for none.
  public var csvPath: String?
  /// Where to write the tasks' meta-features table; nil for none.
  public var featuresPath: String?
  /// The meta-feature groups of that table.
  public var featureGroups = MetaFeatureGroup.defaults
  /// Receives one line per finished unit and per file written.
  public var progress: @Sendable (String) -> Void = { _ in }

  /// A corpus run over `learners` with the defaults above.
  public init(learners: [String]) {
    self.learners = learners
  }

  /// Checks the settings.
  /// - Throws: ``MetaProbeKitError/invalidSetting(_:)`` naming the setting.
  public func validate() throws(MetaProbeKitError) {
    guard configs >= 1 else { throw .invalidSetting("--configs must be at least 1, got \(configs)") }
    guard jobs >= 1 else { throw .invalidSetting("--jobs must be at least 1, got \(jobs)") }
  }

  /// The tasks named by registry name or path (a path's task is named after its file), each once.
  /// - Throws: ``MetaProbeKitError/invalidSetting(_:)`` for a repeated name; the readers' errors.
  public static func tasks(named names: [String]) throws -> [Dataset] {
    guard Set(names).count == names.count else { throw MetaProbeKitError.invalidSetting("--tasks names a task twice") }
    let registry = try DatasetRegistry.located()
    return try names.map { name in
      var data = try registry.resolve(name)
      if FileManager.default.fileExists(atPath: name) {
        data.name = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
      }
      return data
    }
  }

  /// Every bundled dataset with at most `maxRows` rows.
  /// - Throws: ``MetaProbeKitError/invalidSetting(_:)`` when `maxRows` < 1; the readers' errors.
  public static func bundledTasks(maxRows: Int) throws -> [Dataset] {
    guard maxRows >= 1 else { throw MetaProbeKitError.invalidSetting("--max-rows must be at least 1, got \(maxRows)") }
    let registry = try DatasetRegistry.located()
    return try registry.entries.map { try registry.load($0.name) }.filter { $0.rowCount <= maxRows }
  }

  /// Evaluates what `log` does not hold yet, then writes the CSV and features files if asked.
  /// - Parameters:
  ///   - datasets: the tasks' datasets (argument label `tasks`).
  ///   - log: the JSON Lines log to append to (created if absent).
  /// - Returns: how many evaluations ran, failed and were skipped.
  /// - Throws: ``MetaProbeKitError`` for bad settings or unwritable files; the corpus's errors.
  @discardableResult
  public func run(tasks datasets: [Dataset], log: String) async throws -> CorpusGenerator.Summary {
    try validate()
    let corpusLearners = try learners.map { name in
      try CorpusLearner(space: try TuningSpace.named(name), count: configs, seed: seed)
    }
    let generator = try CorpusGenerator(learners: corpusLearners, levels: levels, jobs: jobs)
    let corpusTasks = try datasets.map { try CorpusTask(name: $0.name, data: $0, runSeed: seed) }
    let total = corpusTasks.count * corpusLearners.count * configs * levels.count
    progress(
      "logs generate: \(corpusTasks.count) tasks × \(corpusLearners.count) learners × \(configs) configurations × "
        + "\(levels.count) levels = \(total) evaluations, jobs \(jobs), into \(log)")
    let start = Date()
    let progress = progress
    let summary = try await generator.run(tasks: corpusTasks, log: URL(fileURLWithPath: log)) { p in
      let elapsed = Date().timeIntervalSince(start)
      let best = p.bestValue.map { String(format: "%.4f", $0) } ?? "-"
      progress(
        "[\(p.unitsDone)/\(p.unitsTotal)] \(p.task) \(p.learner): \(p.evaluated) evaluations (\(p.failed) failed) in "
          + String(format: "%.1f s, best at the top level ", p.seconds) + best + String(format: "; elapsed %.0f s", elapsed))
    }
    progress(
      String(
        format: "logs generate: %d evaluated (%d failed), %d already in the log, %.1f s", summary.evaluated,
        summary.failed, summary.skipped, summary.seconds))
    if let csvPath {
      // The records of this run's plan only: a task or learner dropped from the run leaves the CSV.
      let taskNames = Set(corpusTasks.map(\.name))
      let learnerNames = Set(corpusLearners.map(\.name))
      let records = try CorpusLogFile.records(in: URL(fileURLWithPath: log)).filter {
        taskNames.contains($0.task) && learnerNames.contains($0.learner) && $0.number < configs
          && levels.contains($0.resource)
      }
      try Self.write(CorpusTables.sortedCSV(records), to: csvPath)
      progress("wrote \(records.count) records to \(csvPath)")
    }
    if let featuresPath {
      let table = CorpusTables.taskFeatures(of: datasets, groups: featureGroups, seed: Int(truncatingIfNeeded: seed))
      try Self.write(table.csv(), to: featuresPath)
      progress("wrote \(table.tasks.count) tasks × \(table.names.count) meta-features to \(featuresPath)")
    }
    return summary
  }

  private static func write(_ text: String, to path: String) throws(MetaProbeKitError) {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw .invalidInput("\(path): cannot write: \(error.localizedDescription)")
    }
  }
}
