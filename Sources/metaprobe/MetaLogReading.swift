import Foundation
import Search
import Storage

// TEMPORARY: a minimal tuning-log CSV reader for `metaprobe meta`, to be replaced by the Storage
// module's full reader (validation, JSON Lines, Optuna exports) when it lands. It reads the
// columns of DESIGN.md's format and types each params_<name> column as int, float or categorical
// by whether all its non-empty fields parse as integers, numbers or neither.

/// An error of the `metaprobe meta` command line, naming the file, line and field.
struct MetaCommandError: Error, CustomStringConvertible {
  let description: String
}

/// Reads a tuning-log CSV file (DESIGN.md format) into records.
///
/// - Throws: ``MetaCommandError`` naming the file, line and column of a missing required
///   column, a field count mismatch, or a value that does not parse.
func readTuningLogCSV(path: String) throws -> [TuningLogRecord] {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw MetaCommandError(description: "\(path): cannot read the tuning log")
  }
  let lines = parseCSVLines(text)
  guard let header = lines.first else { throw MetaCommandError(description: "\(path): empty tuning log") }
  var index: [String: Int] = [:]
  for (i, h) in header.enumerated() { index[h] = i }
  for required in ["task", "learner", "number", "resource", "value", "direction", "state"] where index[required] == nil {
    throw MetaCommandError(description: "\(path), line 1: missing column '\(required)'")
  }
  let paramColumns = header.enumerated().filter { $0.element.hasPrefix("params_") }
  var isInt: [Int: Bool] = [:]
  var isNumber: [Int: Bool] = [:]
  for (j, _) in paramColumns {
    let fields = lines.dropFirst().compactMap { j < $0.count && !$0[j].isEmpty ? $0[j] : nil }
    isInt[j] = fields.allSatisfy { Int($0) != nil }
    isNumber[j] = fields.allSatisfy { Double($0) != nil }
  }
  func field(_ row: [String], _ name: String) -> String { index[name].map { row[$0] } ?? "" }
  var records: [TuningLogRecord] = []
  for (offset, row) in lines.enumerated().dropFirst() {
    let line = offset + 1
    guard row.count == header.count else {
      throw MetaCommandError(description: "\(path), line \(line): \(row.count) fields, the header has \(header.count)")
    }
    func number(_ name: String) throws -> Double? {
      let s = field(row, name)
      guard !s.isEmpty else { return nil }
      guard let x = Double(s) else { throw MetaCommandError(description: "\(path), line \(line), column '\(name)': '\(s)' is not a number") }
      return x
    }
    var params = Configuration()
    for (j, name) in paramColumns where !row[j].isEmpty {
      let s = row[j]
      let key = String(name.dropFirst(7))
      if isInt[j] == true, let i = Int(s) {
        params[key] = .int(i)
      } else if isNumber[j] == true, let x = Double(s) {
        params[key] = .float(x)
      } else {
        params[key] = .categorical(s)
      }
    }
    guard let direction = StudyDirection(rawValue: field(row, "direction")) else {
      throw MetaCommandError(description: "\(path), line \(line), column 'direction': '\(field(row, "direction"))' is not maximize or minimize")
    }
    guard let state = TrialState(rawValue: field(row, "state")) else {
      throw MetaCommandError(description: "\(path), line \(line), column 'state': '\(field(row, "state"))' is not a trial state")
    }
    guard let resource = try number("resource") else {
      throw MetaCommandError(description: "\(path), line \(line), column 'resource': missing")
    }
    guard let n = Int(field(row, "number")) else {
      throw MetaCommandError(description: "\(path), line \(line), column 'number': '\(field(row, "number"))' is not an integer")
    }
    records.append(
      TuningLogRecord(
        task: field(row, "task"), learner: field(row, "learner"), number: n, params: params, resource: resource,
        seed: Int(field(row, "seed")), value: try number("value"), direction: direction,
        costSeconds: try number("cost_s"), state: state))
  }
  return records
}

/// CSV lines split into fields: commas separate, double quotes quote (`""` is a quote); empty lines skipped.
private func parseCSVLines(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var iterator = text.unicodeScalars.makeIterator()
  var pending: Unicode.Scalar? = nil
  func endRow() {
    row.append(field)
    field = ""
    if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
    row = []
  }
  while let c = pending ?? iterator.next() {
    pending = nil
    if quoted {
      if c == "\"" {
        if let next = iterator.next() {
          if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
        } else {
          quoted = false
        }
      } else {
        field.unicodeScalars.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" {
      endRow()
    } else if c != "\r" {
      field.unicodeScalars.append(c)
    }
  }
  if !field.isEmpty || !row.isEmpty { endRow() }
  return rows
}

/// Reads a task meta-features CSV table.
///
/// - Throws: ``MetaCommandError`` naming the file and the table's error.
func readTaskFeatures(path: String) throws -> TaskFeatureTable {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw MetaCommandError(description: "\(path): cannot read the task features table")
  }
  do {
    return try TaskFeatureTable(csv: text)
  } catch {
    throw MetaCommandError(description: "\(path): \(error)")
  }
}
