import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe studies list|show|export|import`: the studies in a storage.
struct StudiesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "studies",
    abstract: "Stored studies: list, show, and export or import as an Optuna trials CSV.",
    subcommands: [List.self, Show.self, Export.self, Import.self]
  )

  /// The `--storage URL` option of every `studies` subcommand.
  struct StorageOption: ParsableArguments {
    @Option(
      name: .long,
      help:
        "Storage URL: sqlite:///relative.db, sqlite:////absolute.db (default sqlite:///.metaprobe/metaprobe.sqlite); list, show and export open it read only.")
    var storage: String?
  }

  /// `metaprobe studies list [--storage URL] [--json]`.
  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The studies in the storage, with trial counts and best values.",
      discussion: "With --json: an array of objects with name, directions, trials, counts, best_value, best_trial.")

    @OptionGroup var storage: StorageOption
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
      var name: String
      var directions: [String]
      var trials: Int
      var counts: [String: Int]
      var bestValue: Double?
      var bestTrial: Int?
      enum CodingKeys: String, CodingKey {
        case name, directions, trials, counts
        case bestValue = "best_value"
        case bestTrial = "best_trial"
      }
      func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(directions, forKey: .directions)
        try c.encode(trials, forKey: .trials)
        try c.encode(counts, forKey: .counts)
        try c.encode(bestValue, forKey: .bestValue)
        try c.encode(bestTrial, forKey: .bestTrial)
      }
    }

    func run() async throws {
      let store = try StudyStore.open(storage.storage, readOnly: true)
      let rows = try await store.overviews().map { o in
        Row(
          name: o.summary.name, directions: o.summary.directions.map(\.rawValue), trials: o.trialCount,
          counts: Dictionary(uniqueKeysWithValues: TrialState.allCases.map { ($0.rawValue, o.counts[$0] ?? 0) }),
          bestValue: o.bestTrial?.value, bestTrial: o.bestTrial?.number)
      }
      if output.json {
        try printJSON(rows)
        return
      }
      print(
        renderTable(
          header: ["study", "direction", "trials", "complete", "pruned", "fail", "running", "best"],
          rows: rows.map { r in
            [
              r.name, r.directions.joined(separator: ","), "\(r.trials)", "\(r.counts["COMPLETE"] ?? 0)",
              "\(r.counts["PRUNED"] ?? 0)", "\(r.counts["FAIL"] ?? 0)", "\(r.counts["RUNNING"] ?? 0)",
              r.bestValue.map { String(format: "%.6f", $0) } ?? "",
            ]
          },
          rightAligned: [2, 3, 4, 5, 6, 7]))
    }
  }

  /// `metaprobe studies show NAME [--storage URL] [--json]`.
  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "One study: settings, counts per state, best trial and every trial.",
      discussion: """
        With --json: an object with name, direction, directions, best_trial {number, value, \
        params}, counts, attributes (dataset, learner, cv, seed, … as stored by tune) and trials \
        (number, state, value, params, resource = last reported resource, intermediate_values, \
        datetime_start, datetime_complete, duration_s, fail_reason, user_attrs).
        """)

    @Argument(help: "The study name.")
    var name: String
    @OptionGroup var storage: StorageOption
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let store = try StudyStore.open(storage.storage, readOnly: true)
      let overview = try await store.overview(studyName: name)
      let trials = try await store.trials(studyName: name)
      if output.json {
        try printJSON(StudyJSON(name: name, directions: overview.summary.directions, trials: trials))
        return
      }
      printSummary(name: name, directions: overview.summary.directions, trials: trials)
      print("")
      print(
        renderTable(
          header: ["number", "state", "value", "resource", "duration_s", "params"],
          rows: trials.map { t in
            var duration = ""
            if let s = t.startDate, let e = t.completeDate {
              duration = String(format: "%.2f", e.timeIntervalSince(s))
            }
            return [
              "\(t.number)", t.state.rawValue, t.value.map { String(format: "%.6f", $0) } ?? "",
              t.lastResource.map { String(format: "%.4g", $0) } ?? "", duration,
              "\(t.params)" + (t.failReason.map { "  [\($0)]" } ?? ""),
            ]
          },
          rightAligned: [0, 2, 3, 4]))
    }
  }

  /// `metaprobe studies export NAME [--out FILE]`.
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A study's trials as an Optuna trials_dataframe CSV (stdout or --out FILE).")

    @Argument(help: "The study name.")
    var name: String
    @OptionGroup var storage: StorageOption
    @Option(
      name: [.customLong("out"), .customLong("output")],
      help: "Write the CSV to this file instead of stdout (--out, as the logs commands; --output is the older spelling).")
    var output: String?

    func run() async throws {
      let store = try StudyStore.open(storage.storage, readOnly: true)
      let csv = try await store.exportTrialsCSV(studyName: name)
      if let output {
        do {
          try csv.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
          throw CommandError("\(output): cannot write: \(error.localizedDescription)")
        }
        logProgress("wrote \(output)")
      } else {
        FileHandle.standardOutput.write(Data(csv.utf8))
      }
    }
  }

  /// `metaprobe studies import FILE --study NAME [--direction D] [--append]`.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import a trials CSV (Optuna's or ours) as a new study.",
      discussion: "The search space is inferred from the params_ columns. All or nothing: a bad row imports nothing.")

    @Argument(help: "The CSV file.")
    var file: String
    @Option(name: .long, help: "The new study's name.")
    var study: String
    @Option(name: .long, help: "The objective's direction: maximize or minimize (default maximize, as tune).")
    var direction: String = "maximize"
    @Flag(name: .long, help: "Add the trials to an existing study of that name.")
    var append = false
    @OptionGroup var storage: StorageOption

    func run() async throws {
      guard let dir = StudyDirection(rawValue: direction) else {
        throw CommandError("unknown direction '\(direction)'; expected maximize or minimize")
      }
      let text: String
      do {
        text = try String(contentsOfFile: file, encoding: .utf8)
      } catch {
        throw CommandError("\(file): cannot read: \(error.localizedDescription)")
      }
      let store = try StudyStore.open(storage.storage)
      let imported: ImportedTrials
      do {
        let columns = TrialsCSVHeader.valueColumns(text)
        let result = try await store.importTrialsCSV(
          text, studyName: study, directions: Array(repeating: dir, count: max(columns, 1)), append: append)
        imported = result.imported
      } catch {
        throw CommandError("\(file): \(error)")
      }
      logProgress("imported \(imported.trials.count) trials into study \(study)")
    }
  }
}

/// Counts the value columns of a trials CSV header (`value` or `values_0`, `values_1`, …).
enum TrialsCSVHeader {
  static func valueColumns(_ text: String) -> Int {
    let header = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    let names = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let multi = names.filter { $0.hasPrefix("values_") }.count
    return multi > 0 ? multi : 1
  }
}
