import Foundation
import Search

/// Trials in the layout of Optuna's `study.trials_dataframe().to_csv(index=False)`.
///
/// Columns, in order: `number`, `value` (or `values_0`, `values_1`, … for several objectives),
/// `datetime_start`, `datetime_complete`, `duration`, `params_<name>` (sorted by name),
/// `user_attrs_<key>` (sorted), `state`, then the tuning-log extras of DESIGN.md: `resource`
/// (the largest resource with an intermediate value) and `cost_s` (seconds from start to
/// completion). Datetimes read `2026-01-01 12:00:00.123456` (UTC), durations
/// `0 days 00:00:01.234567`; missing values are empty cells. Intermediate values other than
/// the last and system attributes are not exported, as in Optuna.
public enum TrialsCSV {
  /// The CSV text of `trials`, one row per trial in the given order, ending with a newline.
  ///
  /// - Parameters:
  ///   - trials: the trials to write.
  ///   - objectives: the number of objectives (1 writes a `value` column; more write `values_i`).
  public static func export(_ trials: [Trial], objectives: Int = 1) -> String {
    let params = Set(trials.flatMap(\.params.names)).sorted()
    let attrs = Set(trials.flatMap(\.userAttributes.keys)).sorted()
    let valueColumns = objectives == 1 ? ["value"] : (0..<objectives).map { "values_\($0)" }
    var header = ["number"] + valueColumns + ["datetime_start", "datetime_complete", "duration"]
    header += params.map { "params_" + $0 } + attrs.map { "user_attrs_" + $0 }
    header += ["state", "resource", "cost_s"]
    var lines = [CSVTable.line(header)]
    for t in trials {
      var row = ["\(t.number)"]
      row += (0..<max(objectives, 1)).map { i in i < t.values.count ? number(t.values[i]) : "" }
      row.append(t.startDate.map(TimestampFormat.string(from:)) ?? "")
      row.append(t.completeDate.map(TimestampFormat.string(from:)) ?? "")
      var cost: Double?
      if let s = t.startDate, let c = t.completeDate { cost = c.timeIntervalSince(s) }
      row.append(cost.map(TimestampFormat.durationString(seconds:)) ?? "")
      row += params.map { t.params[$0].map(text) ?? "" }
      row += attrs.map { t.userAttributes[$0].map(text) ?? "" }
      row.append(t.state.rawValue)
      row.append(t.lastResource.map(number) ?? "")
      row.append(cost.map(number) ?? "")
      lines.append(CSVTable.line(row))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A Double as Python's `repr` writes it for finite values (`0.1`, `3.0`, `1e-05`), and
  /// `nan`, `inf`, `-inf` otherwise.
  static func number(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return "\(x)"
  }

  static func text(_ v: ParameterValue) -> String {
    switch v {
    case .float(let x): return number(x)
    case .int(let n): return "\(n)"
    case .categorical(let s): return s
    }
  }

  /// An attribute as pandas writes a Python value: `True`/`False` for booleans.
  static func text(_ v: AttributeValue) -> String {
    switch v {
    case .string(let s): return s
    case .number(let x): return number(x)
    case .bool(let b): return b ? "True" : "False"
    case .array(let a): return "[" + a.map(text).joined(separator: ", ") + "]"
    }
  }
}
