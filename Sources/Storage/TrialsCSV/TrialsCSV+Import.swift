import Foundation
import Search

/// The trials read from a trials CSV, with the search space they belong to.
public struct ImportedTrials: Sendable, Hashable {
  /// The trials, in file order, numbered as in the file's `number` column.
  public var trials: [Trial]
  /// The space given to the import, or the one inferred from the `params_` columns.
  public var space: SearchSpace
  /// The number of objective columns (`value` → 1, `values_0…values_k` → k + 1).
  public var objectives: Int
  /// Columns that were read but not understood (kept out of the trials), in file order.
  public var ignoredColumns: [String]
}

extension TrialsCSV {
  /// Reads a trials CSV written by Optuna's `trials_dataframe().to_csv()` or by ``export(_:objectives:)``.
  ///
  /// Without a `space`, parameter kinds are inferred from each `params_` column: all values
  /// integral → int; all numeric → float (log-scaled when positive and spanning at least two
  /// decades); otherwise categorical with the sorted distinct values as choices. Inferred
  /// spaces have no conditions. `resource` with a value is kept as the trial's intermediate
  /// value at that resource; `cost_s`, `system_attrs_*` (as strings or numbers) and unknown
  /// columns are read leniently. User attributes read `True`/`False` as booleans, numbers as
  /// numbers, anything else as strings. Dates are read as UTC.
  /// - Parameters:
  ///   - text: the CSV text.
  ///   - space: the search space, when known; its kinds and domains then check every cell.
  /// - Throws: `csv(line:column:reason:)` naming the line (the header is line 1) and column:
  ///   ragged rows, non-numeric numbers, unknown states, a COMPLETE row whose value is missing
  ///   or not finite, unreadable dates, parameters outside the given space.
  public static func parse(_ text: String, space: SearchSpace? = nil) throws(StorageError)
    -> ImportedTrials
  {
    let table = try CSVTable(parsing: text)
    let header = table.header
    guard let numberCol = header.firstIndex(of: "number") else {
      throw .csv(line: 1, column: nil, reason: "no 'number' column")
    }
    guard let stateCol = header.firstIndex(of: "state") else {
      throw .csv(line: 1, column: nil, reason: "no 'state' column")
    }
    let valueCols = header.indices.filter {
      header[$0] == "value" || header[$0].hasPrefix("value_") || header[$0].hasPrefix("values_")
    }
    let paramCols = header.indices.filter { header[$0].hasPrefix("params_") }
    let known: Set<String> = [
      "number", "state", "datetime_start", "datetime_complete", "duration", "resource", "cost_s",
    ]
    let ignored = header.filter {
      !known.contains($0) && !$0.hasPrefix("params_") && !$0.hasPrefix("user_attrs_")
        && !$0.hasPrefix("system_attrs_") && !($0 == "value" || $0.hasPrefix("value_"))
        && !$0.hasPrefix("values_")
    }
    let resolved: SearchSpace
    if let space { resolved = space } else { resolved = try inferSpace(table, paramCols) }
    var trials: [Trial] = []
    for (line, row) in table.records {
      func cell(_ name: String) -> String? {
        guard let i = header.firstIndex(of: name) else { return nil }
        let s = row[i].trimmingCharacters(in: .whitespaces)
        return s.isEmpty ? nil : s
      }
      func double(_ s: String, _ column: String) throws(StorageError) -> Double {
        guard let x = parseDouble(s) else {
          throw .csv(line: line, column: column, reason: "'\(s)' is not a number")
        }
        return x
      }
      let numberText = row[numberCol].trimmingCharacters(in: .whitespaces)
      guard let number = Int(numberText) ?? parseDouble(numberText).flatMap(exactInt) else {
        throw .csv(line: line, column: "number", reason: "'\(numberText)' is not an integer")
      }
      var stateText = row[stateCol].trimmingCharacters(in: .whitespaces)
      if stateText.hasPrefix("TrialState.") { stateText.removeFirst("TrialState.".count) }
      guard let state = TrialState(rawValue: stateText.uppercased()) else {
        throw .csv(
          line: line, column: "state",
          reason: "unknown state '\(stateText)'; expected COMPLETE, PRUNED, FAIL, RUNNING or WAITING")
      }
      var values: [Double] = []
      var missing = false
      for c in valueCols {
        let s = row[c].trimmingCharacters(in: .whitespaces)
        if s.isEmpty {
          missing = true
          continue
        }
        let x = try double(s, header[c])
        if state == .complete, !x.isFinite {
          throw .csv(
            line: line, column: header[c], reason: "a COMPLETE trial needs a finite value, got \(s)")
        }
        values.append(x)
      }
      if state == .complete, missing || valueCols.isEmpty {
        throw .csv(
          line: line, column: valueCols.first.map { header[$0] } ?? "value",
          reason: "a COMPLETE trial needs a value")
      }
      if state != .complete, missing || state == .fail || values.contains(where: { !$0.isFinite }) {
        values = []
      }
      var t = Trial(number: number, state: state, params: Search.Configuration(), values: values)
      for c in paramCols {
        let s = row[c].trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { continue }
        let name = String(header[c].dropFirst("params_".count))
        guard let p = resolved.parameter(named: name) else {
          throw .csv(line: 1, column: header[c], reason: "no parameter '\(name)' in the search space")
        }
        guard let v = value(s, for: p) else {
          throw .csv(
            line: line, column: header[c],
            reason: "'\(s)' is not a value of \(p.kind) parameter '\(name)'")
        }
        t.params[name] = v
      }
      t.params = resolved.canonical(t.params)
      if let s = cell("datetime_start") {
        guard let d = TimestampFormat.date(from: s) else {
          throw .csv(line: line, column: "datetime_start", reason: "'\(s)' is not a date")
        }
        t.startDate = d
      }
      if let s = cell("datetime_complete") {
        guard let d = TimestampFormat.date(from: s) else {
          throw .csv(line: line, column: "datetime_complete", reason: "'\(s)' is not a date")
        }
        t.completeDate = d
      }
      if let s = cell("duration") {
        guard let secs = TimestampFormat.duration(from: s) else {
          throw .csv(line: line, column: "duration", reason: "'\(s)' is not a duration")
        }
        if t.completeDate == nil, state.isFinished, let start = t.startDate {
          t.completeDate = start.addingTimeInterval(secs)
        }
      }
      if let s = cell("cost_s") { _ = try double(s, "cost_s") }
      if let s = cell("resource") {
        let r = try double(s, "resource")
        if values.count == 1 { t.intermediateValues[r] = values[0] }
      }
      for (i, name) in header.enumerated() where !row[i].isEmpty {
        if name.hasPrefix("user_attrs_") {
          t.userAttributes[String(name.dropFirst("user_attrs_".count))] = attribute(row[i])
        } else if name.hasPrefix("system_attrs_") {
          t.systemAttributes[String(name.dropFirst("system_attrs_".count))] = attribute(row[i])
        }
      }
      trials.append(t)
    }
    return ImportedTrials(
      trials: trials, space: resolved, objectives: max(valueCols.count, 1),
      ignoredColumns: ignored)
  }

  /// A number as Python and pandas write it (`1e-05`, `nan`, `inf`, `-inf`), or nil.
  static func parseDouble(_ s: String) -> Double? {
    if let x = Double(s) { return x }
    switch s.lowercased() {
    case "nan": return .nan
    case "inf", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: return nil
    }
  }

  static func exactInt(_ x: Double) -> Int? {
    guard x.isFinite, x == x.rounded(), abs(x) < 9.0e15 else { return nil }
    return Int(x)
  }

  /// The value of cell `s` for parameter `p` (pandas writes int columns with gaps as `3.0`).
  static func value(_ s: String, for p: Parameter) -> ParameterValue? {
    let v: ParameterValue
    switch p.domain {
    case .categorical: v = .categorical(s)
    case .int:
      guard let n = Int(s) ?? parseDouble(s).flatMap(exactInt) else { return nil }
      v = .int(n)
    case .float:
      guard let x = parseDouble(s), x.isFinite else { return nil }
      v = .float(x)
    }
    return p.contains(v) ? v : nil
  }

  /// A user or system attribute cell: `True`/`False` → bool, a number → number, else the text.
  static func attribute(_ s: String) -> AttributeValue {
    if s == "True" { return .bool(true) }
    if s == "False" { return .bool(false) }
    if let x = parseDouble(s) { return .number(x) }
    return .string(s)
  }

  /// A space with one unconditional parameter per `params_` column, kinds inferred from the cells.
  static func inferSpace(_ table: CSVTable, _ columns: [Int]) throws(StorageError) -> SearchSpace {
    var parameters: [Parameter] = []
    for c in columns {
      let name = String(table.header[c].dropFirst("params_".count))
      let cells = table.records.map { $0.fields[c].trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      guard !cells.isEmpty else { continue }
      let numbers = cells.compactMap(parseDouble).filter(\.isFinite)
      if numbers.count == cells.count, let lo = numbers.min(), let hi = numbers.max() {
        let ints = numbers.compactMap(exactInt)
        if ints.count == numbers.count, let ilo = ints.min(), let ihi = ints.max() {
          parameters.append(.int(name, ilo, ihi))
        } else {
          parameters.append(.float(name, lo, hi, log: lo > 0 && hi / lo >= 100))
        }
      } else {
        parameters.append(.categorical(name, Array(Set(cells)).sorted()))
      }
    }
    do {
      return try SearchSpace(parameters)
    } catch {
      throw .csv(line: 1, column: nil, reason: "cannot build a search space: \(error)")
    }
  }
}
