import Foundation
import Search
import Storage

/// A minimal reader of DESIGN.md's tuning-log CSV, the one place the benchmark parses logs.
///
/// Replaceable by the full reader of `Storage` once it lands (it validates more: unknown columns,
/// NaN values, …). This one reads RFC 4180 fields (double quotes), requires `task`, `number`,
/// `resource`, `value` and `direction`, and reads `learner` (default `unknown`), `seed`,
/// `cost_s`, `state` (default COMPLETE), `params_<name>` and `user_attrs_<name>`. A parameter
/// column whose non-empty cells are all integers holds ints, all numbers floats, else
/// categoricals; an empty cell leaves the parameter out (an inactive conditional parameter).
public enum TuningLogCSVReader {
  /// Reads every record of a CSV tuning log.
  ///
  /// - Parameter path: the file; the name appears in errors.
  /// - Throws: `ExperimentsError.io` when unreadable, `.log` naming the line and field of a
  ///   missing column, a bad number, an unknown direction or state.
  public static func records(path: String) throws(ExperimentsError) -> [TuningLogRecord] {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .io(path: path, reason: "cannot read (\(error.localizedDescription))")
    }
    return try records(csv: text, path: path)
  }

  /// Reads the records of CSV text; `path` names the source in errors.
  ///
  /// - Throws: `ExperimentsError.log` as ``records(path:)``.
  public static func records(csv text: String, path: String) throws(ExperimentsError) -> [TuningLogRecord] {
    var lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
    guard !lines.isEmpty else { throw .log(path: path, line: 1, field: nil, reason: "empty file, no header") }
    let header = fields(of: lines.removeFirst())
    func column(_ name: String) throws(ExperimentsError) -> Int {
      guard let c = header.firstIndex(of: name) else {
        throw .log(path: path, line: 1, field: name, reason: "missing column")
      }
      return c
    }
    let task = try column("task")
    let number = try column("number")
    let resource = try column("resource")
    let value = try column("value")
    let direction = try column("direction")
    let optional = { (name: String) in header.firstIndex(of: name) }
    let (learner, seed, cost, state) = (optional("learner"), optional("seed"), optional("cost_s"), optional("state"))
    let paramColumns = header.indices.filter { header[$0].hasPrefix("params_") }
    let attributeColumns = header.indices.filter { header[$0].hasPrefix("user_attrs_") }
    let rows = lines.map(fields(of:))
    for (i, row) in rows.enumerated() where row.count != header.count {
      throw .log(path: path, line: i + 2, field: nil, reason: "\(row.count) fields, header has \(header.count)")
    }
    let kinds = paramColumns.map { c in kind(of: rows.map { $0[c] }) }
    var out: [TuningLogRecord] = []
    out.reserveCapacity(rows.count)
    for (i, row) in rows.enumerated() {
      let line = i + 2
      func parsed(_ c: Int, _ name: String) throws(ExperimentsError) -> Double {
        guard let x = Double(row[c]) else {
          throw .log(path: path, line: line, field: name, reason: "'\(row[c])' is not a number")
        }
        return x
      }
      guard let n = Int(row[number]) else {
        throw .log(path: path, line: line, field: "number", reason: "'\(row[number])' is not an integer")
      }
      let r = try parsed(resource, "resource")
      guard r > 0, r <= 1 else {
        throw .log(path: path, line: line, field: "resource", reason: "\(r) is outside (0, 1]")
      }
      guard let d = StudyDirection(rawValue: row[direction]) else {
        throw .log(path: path, line: line, field: "direction", reason: "'\(row[direction])' is not maximize or minimize")
      }
      var s = TrialState.complete
      if let state, !row[state].isEmpty {
        guard let parsed = TrialState(rawValue: row[state].uppercased()) else {
          throw .log(path: path, line: line, field: "state", reason: "unknown state '\(row[state])'")
        }
        s = parsed
      }
      let v: Double? = row[value].isEmpty ? nil : try parsed(value, "value")
      var params = Configuration()
      for (k, c) in paramColumns.enumerated() where !row[c].isEmpty {
        let name = String(header[c].dropFirst("params_".count))
        switch kinds[k] {
        case .int: params[name] = Int(row[c]).map(ParameterValue.int)
        case .float: params[name] = Double(row[c]).map(ParameterValue.float)
        case .categorical: params[name] = .categorical(row[c])
        }
      }
      var attributes: [String: String] = [:]
      for c in attributeColumns where !row[c].isEmpty {
        attributes[String(header[c].dropFirst("user_attrs_".count))] = row[c]
      }
      out.append(
        TuningLogRecord(
          task: row[task], learner: learner.map { row[$0] } ?? "unknown", number: n, params: params,
          resource: r, seed: seed.flatMap { Int(row[$0]) }, value: v, direction: d,
          costSeconds: cost.flatMap { Double(row[$0]) }, state: s, userAttributes: attributes))
    }
    return out
  }

  private enum Kind { case int, float, categorical }

  private static func kind(of cells: [String]) -> Kind {
    let present = cells.filter { !$0.isEmpty }
    if present.allSatisfy({ Int($0) != nil }) { return .int }
    if present.allSatisfy({ Double($0) != nil }) { return .float }
    return .categorical
  }

  /// The fields of one CSV line; double-quoted fields may hold commas and `""` for a quote.
  private static func fields(of line: Substring) -> [String] {
    guard line.contains("\"") else { return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    var out: [String] = []
    var current = ""
    var quoted = false
    var previousQuote = false
    for ch in line {
      if quoted {
        if ch == "\"" { quoted = false; previousQuote = true } else { current.append(ch) }
        continue
      }
      switch ch {
      case "\"":
        if previousQuote { current.append("\"") }
        quoted = true
      case ",":
        out.append(current)
        current = ""
      default: current.append(ch)
      }
      previousQuote = false
    }
    out.append(current)
    return out
  }
}
