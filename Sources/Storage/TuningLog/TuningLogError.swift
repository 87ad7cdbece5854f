import Search

/// A tuning log that cannot be read: where (file, line, field) and what is wrong.
///
/// `line` is the 1-based physical line of the file (a CSV header is line 1; a JSON Lines file
/// counts every line, blank ones included); `field` is the column or JSON key at fault.
public struct TuningLogError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public enum Problem: Sendable, Hashable {
    /// The file could not be read.
    case unreadable(String)
    /// The file could not be written.
    case unwritable(String)
    /// The file name ends in neither `.csv` nor `.jsonl`.
    case unsupportedFormat(String)
    /// The file holds no header (CSV) or no record.
    case empty
    /// The CSV text cannot be split into fields (an unclosed or stray quote).
    case malformedCSV(String)
    /// A CSV row with another number of fields than the header.
    case raggedRow(found: Int, expected: Int)
    /// A JSON Lines line that is not one flat JSON object.
    case badJSON(String)
    /// A column (or JSON key) that is neither a log column nor an accepted Optuna column.
    case unknownColumn
    /// A required column (or JSON key) is absent.
    case missingColumn
    /// A required field is empty (or JSON `null`).
    case emptyField
    /// A field that must be a number holds other text.
    case notANumber(String)
    /// A field that must be an integer holds other text.
    case notAnInteger(String)
    /// `resource` outside (0, 1].
    case resourceOutOfRange(Double)
    /// A COMPLETE row's `value` is empty, NaN or infinite (the text found).
    case missingValue(String)
    /// `cost_s` negative or not finite.
    case invalidCost(Double)
    /// A `state` other than COMPLETE, PRUNED or FAIL.
    case unknownState(String)
    /// A `direction` other than maximize or minimize.
    case unknownDirection(String)
    /// The (task, learner) of this row was given another direction on an earlier line.
    case mixedDirections(task: String, learner: String, earlier: StudyDirection, earlierLine: Int, found: StudyDirection)
    /// (task, learner, number, resource, seed) already appeared on an earlier line.
    case duplicateRecord(earlierLine: Int)
    /// A `params_<name>` value for a hyperparameter the given search space lacks.
    case unknownParameter(String)
    /// A parameter value that the given search space's parameter does not hold.
    case invalidParameter(value: String, parameter: String, kind: String)
  }

  /// The file, or nil for text read without a name.
  public var file: String?
  /// The 1-based line, or nil when the problem concerns the whole file.
  public var line: Int?
  /// The column or JSON key at fault, if any.
  public var field: String?
  /// What is wrong.
  public var problem: Problem

  /// An error at `file`, `line` and `field`.
  public init(file: String?, line: Int?, field: String? = nil, _ problem: Problem) {
    self.file = file
    self.line = line
    self.field = field
    self.problem = problem
  }

  public var description: String {
    var place = file ?? "tuning log"
    if let line { place += ":\(line)" }
    if let field { place += ": field '\(field)'" }
    return place + ": " + message
  }

  private var message: String {
    switch problem {
    case .unreadable(let r): return "cannot read the file (\(r))"
    case .unwritable(let r): return "cannot write the file (\(r))"
    case .unsupportedFormat(let e):
      return "unsupported tuning-log format '\(e)'; expected a .csv or .jsonl file"
    case .empty: return "the log is empty; expected a header row or a JSON object per line"
    case .malformedCSV(let r): return "malformed CSV: \(r)"
    case .raggedRow(let found, let expected):
      return "ragged row: \(found) fields, the header has \(expected)"
    case .badJSON(let r): return "not a JSON object: \(r)"
    case .unknownColumn:
      return "unknown column; expected task, learner, number, params_<name>, resource, seed, value, direction, "
        + "cost_s, state, user_attrs_<name> or an Optuna column (datetime_start, datetime_complete, duration, "
        + "system_attrs_<name>, values_<i>)"
    case .missingColumn: return "required column is missing"
    case .emptyField: return "required field is empty"
    case .notANumber(let s): return "'\(s)' is not a number"
    case .notAnInteger(let s): return "'\(s)' is not an integer"
    case .resourceOutOfRange(let r): return "resource \(r) is outside (0, 1]"
    case .missingValue(let s):
      return s.isEmpty ? "a COMPLETE row needs a value" : "a COMPLETE row needs a finite value, got '\(s)'"
    case .invalidCost(let c): return "cost_s must be a finite number of seconds >= 0, got \(c)"
    case .unknownState(let s): return "unknown state '\(s)'; expected COMPLETE, PRUNED or FAIL"
    case .unknownDirection(let s): return "unknown direction '\(s)'; expected maximize or minimize"
    case .mixedDirections(let task, let learner, let earlier, let earlierLine, let found):
      return "task '\(task)', learner '\(learner)' is \(found.rawValue) here but \(earlier.rawValue) on line \(earlierLine)"
    case .duplicateRecord(let earlier):
      return "the same (task, learner, number, resource, seed) appears on line \(earlier)"
    case .unknownParameter(let name): return "no hyperparameter '\(name)' in the search space"
    case .invalidParameter(let value, let name, let kind):
      return "'\(value)' is not a value of \(kind) hyperparameter '\(name)'"
    }
  }
}
