import Foundation
import Search

/// A tuning log in memory: its records and the questions asked of them (tasks, learners,
/// resource levels, directions), read from and written to CSV or JSON Lines
/// (DESIGN.md, "The tuning-log format").
///
/// Reading accepts what ``TuningLogFormat`` writes and hand-written or Optuna-derived files:
/// the log columns, plus Optuna's `datetime_start`, `datetime_complete`, `duration`,
/// `system_attrs_<name>` and `values_<i>` (read and ignored). Writing then reading gives the
/// same records, except that in CSV a categorical hyperparameter whose every value looks like a
/// number reads back as a number unless a search space says otherwise (JSON keeps strings apart).
///
/// Parameter kinds without a search space, per `params_<name>` column over the whole file:
/// int when every value is an integer literal (no `.` or exponent), float when every value is a
/// finite number, else categorical (also when JSON gives any value as a string). With a space,
/// each value must belong to the named parameter of the row's learner.
public struct TuningLog: Sendable, Hashable {
  /// The file formats, chosen by extension.
  public enum Format: String, Sendable, Hashable, CaseIterable {
    /// Comma-separated values with a header (`.csv`).
    case csv
    /// One JSON object per line (`.jsonl`).
    case jsonLines = "jsonl"

    /// The format of `path` by its extension (case-insensitive).
    ///
    /// - Throws: ``TuningLogError/Problem/unsupportedFormat(_:)`` for other extensions.
    public init(path: String) throws(TuningLogError) {
      let ext = (path as NSString).pathExtension.lowercased()
      guard let f = Format(rawValue: ext) else {
        throw TuningLogError(file: path, line: nil, .unsupportedFormat(ext.isEmpty ? "(none)" : "." + ext))
      }
      self = f
    }
  }

  /// The evaluations, in file order.
  public var records: [TuningLogRecord]

  /// A log holding `records` as given (not validated).
  public init(records: [TuningLogRecord] = []) { self.records = records }

  /// Reads CSV text written by ``TuningLogFormat/csv(_:)`` or by hand.
  ///
  /// - Parameters:
  ///   - text: the CSV text, header first.
  ///   - file: the name used in errors.
  ///   - space: the search space every row's parameters must belong to, if known.
  ///   - spaces: search spaces by learner; a learner listed here uses its own instead of `space`.
  /// - Throws: ``TuningLogError`` naming the file, line and column: see ``TuningLogError/Problem``.
  public init(
    csv text: String, file: String? = nil, space: SearchSpace? = nil, spaces: [String: SearchSpace] = [:]
  ) throws(TuningLogError) {
    let table = try LogTable(csv: text, file: file)
    records = try table.records(space: space, spaces: spaces)
  }

  /// Reads JSON Lines text written by ``TuningLogFormat/jsonLines(_:)`` or by hand: one flat
  /// JSON object per line with the log's fields as keys; blank lines are skipped.
  ///
  /// - Parameters: as ``init(csv:file:space:spaces:)``.
  /// - Throws: ``TuningLogError`` naming the file, line and key: see ``TuningLogError/Problem``.
  public init(
    jsonLines text: String, file: String? = nil, space: SearchSpace? = nil, spaces: [String: SearchSpace] = [:]
  ) throws(TuningLogError) {
    let table = try LogTable(jsonLines: text, file: file)
    records = try table.records(space: space, spaces: spaces)
  }

  /// Reads the log at `path`, CSV for `.csv` and JSON Lines for `.jsonl`.
  ///
  /// - Throws: ``TuningLogError``: `unsupportedFormat`, `unreadable`, or any reading error.
  public init(
    contentsOfFile path: String, space: SearchSpace? = nil, spaces: [String: SearchSpace] = [:]
  ) throws(TuningLogError) {
    let format = try Format(path: path)
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw TuningLogError(file: path, line: nil, .unreadable(error.localizedDescription))
    }
    switch format {
    case .csv: try self.init(csv: text, file: path, space: space, spaces: spaces)
    case .jsonLines: try self.init(jsonLines: text, file: path, space: space, spaces: spaces)
    }
  }

  /// The log as text in `format` (see ``TuningLogFormat``).
  public func text(_ format: Format) -> String {
    switch format {
    case .csv: return TuningLogFormat.csv(records)
    case .jsonLines: return TuningLogFormat.jsonLines(records)
    }
  }

  /// Writes the log to `path` in the format its extension names, creating the parent directory.
  ///
  /// - Throws: ``TuningLogError``: `unsupportedFormat`, or `unwritable`.
  public func write(toFile path: String) throws(TuningLogError) {
    let format = try Format(path: path)
    do {
      let dir = (path as NSString).deletingLastPathComponent
      if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
      try Data(text(format).utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw TuningLogError(file: path, line: nil, .unwritable(error.localizedDescription))
    }
  }

  /// The distinct tasks, sorted.
  public var tasks: [String] { Set(records.map(\.task)).sorted() }

  /// The distinct learners, sorted.
  public var learners: [String] { Set(records.map(\.learner)).sorted() }

  /// The distinct learners with records on `task`, sorted.
  public func learners(of task: String) -> [String] {
    Set(records.lazy.filter { $0.task == task }.map(\.learner)).sorted()
  }

  /// The distinct resource levels (fractions in (0, 1]) of `task`, ascending.
  public func resourceLevels(of task: String) -> [Double] {
    Set(records.lazy.filter { $0.task == task }.map(\.resource)).sorted()
  }

  /// The distinct resource levels of every task, keyed by task.
  public var resourceLevelsByTask: [String: [Double]] {
    var out: [String: Set<Double>] = [:]
    for r in records { out[r.task, default: []].insert(r.resource) }
    return out.mapValues { $0.sorted() }
  }

  /// The records of one task and learner, in file order.
  public func records(task: String, learner: String) -> [TuningLogRecord] {
    records.filter { $0.task == task && $0.learner == learner }
  }

  /// The direction of (task, learner), or nil when the log has no such record.
  public func direction(task: String, learner: String) -> StudyDirection? {
    records.first { $0.task == task && $0.learner == learner }?.direction
  }

  /// The number of records in each state (states without records are absent).
  public var stateCounts: [TrialState: Int] {
    var out: [TrialState: Int] = [:]
    for r in records { out[r.state, default: 0] += 1 }
    return out
  }
}
