import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe logs import|export|validate`: tuning logs (DESIGN.md, "The tuning-log format").
struct Logs: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logs",
    abstract: "Tuning logs: import Optuna CSVs, studies and logs; export studies; validate log files.",
    discussion: """
      A tuning log is a CSV (.csv) or JSON Lines (.jsonl) file with one row per evaluation: task, \
      learner, number, params_<name>, resource (0 < r <= 1), seed, value, direction, cost_s, state, \
      user_attrs_<name>.
      """,
    subcommands: [
      Import.self, Export.self, Validate.self, LogsGenerate.self,
    ]
  )

  /// `metaprobe logs import SRC --from optuna|study|log [...] --out FILE`.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Convert an Optuna trials CSV, a stored study or another log into a tuning log.",
      discussion: """
        --from optuna: SRC is a study.trials_dataframe().to_csv() file; --task, --learner and \
        --direction are required; rows are at --resource (default 1) unless the file has a resource column.
        --from study: SRC is an SQLite file or storage URL; --study names the study (optional when it \
        holds one); task and learner come from --task/--learner, else the user attributes of the \
        study (task or dataset, learner) or of its trials.
        --from log: SRC is a tuning log (.csv or .jsonl), validated and rewritten in --out's format.
        The number of records written goes to stderr.
        """)

    @Argument(help: "The source: a file, or for --from study an SQLite file or storage URL.")
    var source: String

    @Option(name: .long, help: "The source kind: optuna, study or log.")
    var from: LogImport.Source

    @Option(name: .long, help: "The task (dataset) name of every record.")
    var task: String?

    @Option(name: .long, help: "The learner name of every record.")
    var learner: String?

    @Option(name: .long, help: "maximize or minimize (--from optuna).")
    var direction: String?

    @Option(name: .long, help: "The resource level in (0, 1] of rows without one (--from optuna; default 1).")
    var resource: Double?

    @Option(name: .long, help: "The study to import (--from study).")
    var study: String?

    @Option(name: .long, help: "The output log, .csv or .jsonl.")
    var out: String

    func validate() throws {
      guard from != .optuna || (task != nil && learner != nil && direction != nil) else {
        throw ValidationError("--from optuna needs --task, --learner and --direction")
      }
      if let direction, StudyDirection(rawValue: direction.lowercased()) == nil {
        throw ValidationError("unknown direction '\(direction)'; expected maximize or minimize")
      }
    }

    func run() async throws {
      _ = try TuningLog.Format(path: out)
      let log: TuningLog
      switch from {
      case .optuna:
        let dir = StudyDirection(rawValue: direction?.lowercased() ?? "") ?? .maximize
        log = try LogImport.optuna(source, task: task ?? "", learner: learner ?? "", direction: dir, resource: resource)
      case .study: log = try await LogImport.study(source, study: study, task: task, learner: learner)
      case .log: log = try TuningLog(contentsOfFile: source)
      }
      try log.write(toFile: out)
      logProgress("\(out): \(log.records.count) records")
    }
  }

  /// `metaprobe logs export --study NAME [--storage URL] --out FILE`.
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write a stored study as a tuning log: one row per trial and resource level it reached.",
      discussion: "Task and learner come from --task/--learner, else the study's (or its trials') user attributes.")

    @Option(name: .long, help: "The study name.")
    var study: String

    @Option(name: .long, help: "Storage URL: sqlite:///relative.db, sqlite:////absolute.db (default sqlite:///.metaprobe/metaprobe.sqlite).")
    var storage: String?

    @Option(name: .long, help: "The task (dataset) name, when the study does not record one.")
    var task: String?

    @Option(name: .long, help: "The learner name, when the study does not record one.")
    var learner: String?

    @Option(name: .long, help: "The output log, .csv or .jsonl.")
    var out: String

    func run() async throws {
      _ = try TuningLog.Format(path: out)
      let log = try await TuningLog.importStudy(study, from: try StudyStore.open(storage, readOnly: true), task: task, learner: learner)
      try log.write(toFile: out)
      logProgress("\(out): \(log.records.count) records")
    }
  }

  /// `metaprobe logs validate FILE [--json]`.
  struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check a tuning log and summarise it: rows, tasks, learners, resource levels, states.",
      discussion: """
        Exit status 1 with the file, line and field of the first problem on stderr. With --json: an \
        object with file, rows, tasks, learners, resource_levels (per task), states (count per state).
        """)

    @Argument(help: "The log file (.csv or .jsonl).")
    var file: String

    @OptionGroup var output: OutputOptions

    struct Summary: Encodable {
      var file: String
      var rows: Int
      var tasks: [String]
      var learners: [String]
      var resourceLevels: [String: [Double]]
      var states: [String: Int]
      enum CodingKeys: String, CodingKey {
        case file, rows, tasks, learners, states
        case resourceLevels = "resource_levels"
      }
    }

    func run() async throws {
      let log = try TuningLog(contentsOfFile: file)
      let counts = log.stateCounts
      let summary = Summary(
        file: file, rows: log.records.count, tasks: log.tasks, learners: log.learners,
        resourceLevels: log.resourceLevelsByTask,
        states: Dictionary(uniqueKeysWithValues: [TrialState.complete, .pruned, .fail].map { ($0.rawValue, counts[$0] ?? 0) }))
      if output.json {
        try printJSON(summary)
        return
      }
      print("\(file): valid tuning log")
      print("rows: \(summary.rows)")
      print("tasks (\(summary.tasks.count)): \(summary.tasks.joined(separator: ", "))")
      print("learners (\(summary.learners.count)): \(summary.learners.joined(separator: ", "))")
      let levels = Set(log.records.map(\.resource)).sorted()
      print("resource levels (\(levels.count)): \(levels.map { TuningLogFormat.number($0) ?? "\($0)" }.joined(separator: ", "))")
      print("states: " + ["COMPLETE", "PRUNED", "FAIL"].map { "\($0) \(summary.states[$0] ?? 0)" }.joined(separator: ", "))
    }
  }
}

extension LogImport.Source: ExpressibleByArgument {}
