import Foundation
import Search

/// Writing tuning logs as CSV and JSON Lines, byte-for-byte deterministic.
///
/// Columns, in order: `task`, `learner`, `number`, `params_<name>` (sorted by name, as Optuna
/// sorts them), `resource`, `seed`, `value`, `direction`, `cost_s`, `state`, then
/// `user_attrs_<name>` (sorted). Numbers use Swift's shortest round-trip form; a missing value is
/// an empty CSV field or a JSON `null`.
public enum TuningLogFormat {
  /// The fixed columns before the parameters.
  public static let leadingColumns = ["task", "learner", "number"]
  /// The fixed columns after the parameters.
  public static let trailingColumns = ["resource", "seed", "value", "direction", "cost_s", "state"]

  /// The header for `records`: every parameter and attribute name any record uses.
  public static func columns(for records: [TuningLogRecord]) -> [String] {
    let params = Set(records.flatMap(\.params.names)).sorted()
    let attrs = Set(records.flatMap(\.userAttributes.keys)).sorted()
    return leadingColumns + params.map { "params_" + $0 } + trailingColumns + attrs.map { "user_attrs_" + $0 }
  }

  /// The whole log as CSV text with a header line; lines end in `\n`.
  public static func csv(_ records: [TuningLogRecord]) -> String {
    let columns = columns(for: records)
    var out = columns.map(quoted).joined(separator: ",") + "\n"
    for r in records {
      out += fields(of: r, columns: columns).map { $0.map { quoted($0.text) } ?? "" }.joined(separator: ",")
      out += "\n"
    }
    return out
  }

  /// One record as a JSON object on one line (no trailing newline), keys in column order.
  public static func jsonLine(_ record: TuningLogRecord) -> String {
    let columns = columns(for: [record])
    let parts = zip(columns, fields(of: record, columns: columns)).map { name, field in
      "\(jsonString(name)):" + (field.map { $0.isNumber ? $0.text : jsonString($0.text) } ?? "null")
    }
    return "{" + parts.joined(separator: ",") + "}"
  }

  /// The whole log as JSON Lines, one object per line, each line ending in `\n`.
  public static func jsonLines(_ records: [TuningLogRecord]) -> String {
    records.map { jsonLine($0) + "\n" }.joined()
  }

  /// Shortest round-trip text of a finite number; `nil` for NaN and infinities.
  public static func number(_ x: Double) -> String? {
    guard x.isFinite else { return nil }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)"
  }

  private static func fields(of r: TuningLogRecord, columns: [String]) -> [(text: String, isNumber: Bool)?] {
    columns.map { column -> (text: String, isNumber: Bool)? in
      switch column {
      case "task": return (r.task, false)
      case "learner": return (r.learner, false)
      case "number": return (String(r.number), true)
      case "resource": return number(r.resource).map { ($0, true) }
      case "seed": return r.seed.map { (String($0), true) }
      case "value": return r.value.flatMap(number).map { ($0, true) }
      case "direction": return (r.direction.rawValue, false)
      case "cost_s": return r.costSeconds.flatMap(number).map { ($0, true) }
      case "state": return (r.state.rawValue, false)
      default:
        if column.hasPrefix("params_") {
          switch r.params[String(column.dropFirst(7))] {
          case .float(let x)?: return x.isFinite ? ("\(x)", true) : nil
          case .int(let i)?: return (String(i), true)
          case .categorical(let s)?: return (s, false)
          case nil: return nil
          }
        }
        return r.userAttributes[String(column.dropFirst(11))].map { ($0, false) }
      }
    }
  }

  private static func quoted(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// `s` as a JSON string literal: quote, backslash and control characters escaped
  /// (`\n`, `\r`, `\t`, else `\u00XX`), everything else (slashes, non-ASCII) kept as is.
  public static func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
