import Foundation
import Search
import Storage

/// Tuning logs from the places a user's past tuning lives: an Optuna `trials_dataframe()` CSV, a
/// stored study, or another tuning log (validated).
public enum LogImport {
  /// Where a log comes from.
  public enum Source: String, CaseIterable, Sendable {
    /// An Optuna `study.trials_dataframe().to_csv()` file.
    case optuna
    /// A study in an SQLite file or storage URL.
    case study
    /// A tuning log (CSV or JSON Lines), read and validated.
    case log
  }

  /// An Optuna trials CSV as a tuning log: every record of `task` and `learner`, in `direction`, at
  /// `resource` (default 1) unless the file has a resource column.
  /// - Throws: ``MetaProbeKitError/invalidInput(_:)`` for an unreadable file; `TuningLogError`
  ///   naming the file, line and column of a malformed row.
  public static func optuna(
    _ path: String, task: String, learner: String, direction: StudyDirection, resource: Double? = nil
  ) throws -> TuningLog {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw MetaProbeKitError.invalidInput("\(path): cannot read the file (\(error.localizedDescription))")
    }
    return try TuningLog.importOptunaCSV(
      text, file: path, task: task, learner: learner, direction: direction, resource: resource)
  }

  /// A stored study as a tuning log, one row per trial and resource level it reached.
  /// - Parameters:
  ///   - source: an SQLite file path or a storage URL.
  ///   - study: the study's name; nil when the storage holds exactly one.
  ///   - task: every record's task; nil for the study's (or its trials') `task`/`dataset` attribute.
  ///   - learner: every record's learner; nil for the `learner` attribute.
  /// - Throws: ``MetaProbeKitError/invalidInput(_:)`` for a missing file or an ambiguous study;
  ///   the storage's errors.
  public static func study(_ source: String, study: String?, task: String?, learner: String?) async throws -> TuningLog {
    let isURL = source.contains("://")
    guard isURL || FileManager.default.fileExists(atPath: source) else {
      throw MetaProbeKitError.invalidInput("\(source): no such SQLite file")
    }
    let store = try StudyStore.open(isURL ? source : "sqlite:///" + source, readOnly: true)
    let name: String
    if let study {
      name = study
    } else {
      let names = try await store.overviews().map(\.summary.name)
      guard names.count == 1 else {
        throw MetaProbeKitError.invalidInput(
          "\(source) holds \(names.count) studies (\(names.joined(separator: ", "))); name one with --study")
      }
      name = names[0]
    }
    return try await TuningLog.importStudy(name, from: store, task: task, learner: learner)
  }
}
