import Search

/// The rows of a CSV or JSON Lines tuning log before typing: column names, the line each column
/// first appears on, and per row its line and one cell per column (nil where a JSON object
/// lacks the key; an empty CSV field is a cell with nil text).
struct LogTable {
  var file: String?
  var columns: [String]
  var columnLines: [Int]
  var rows: [(line: Int, cells: [LogCell?])]
  /// Whether every row has every column (CSV), so a missing column is a header problem.
  var isRectangular: Bool

  /// The required columns of every row.
  static let required = ["task", "learner", "number", "resource", "value", "direction", "state"]
  /// Columns read but not part of a record (Optuna's extras).
  static let ignored: Set<String> = ["datetime_start", "datetime_complete", "duration"]

  init(csv text: String, file: String?) throws(TuningLogError) {
    let table: CSVTable
    do {
      table = try CSVTable(parsing: text, checkingWidth: false)
    } catch {
      if case .csv(let line, _, let reason) = error {
        if reason.contains("empty") { throw TuningLogError(file: file, line: nil, .empty) }
        throw TuningLogError(file: file, line: line, .malformedCSV(reason))
      }
      throw TuningLogError(file: file, line: nil, .malformedCSV(error.description))
    }
    self.file = file
    columns = table.header
    columnLines = Array(repeating: 1, count: columns.count)
    isRectangular = true
    rows = []
    rows.reserveCapacity(table.records.count)
    for (line, fields) in table.records {
      guard fields.count == columns.count else {
        throw TuningLogError(file: file, line: line, .raggedRow(found: fields.count, expected: columns.count))
      }
      rows.append(
        (
          line,
          fields.map { f in
            let t = Self.trimmed(f)
            return LogCell(text: t.isEmpty ? nil : t, isString: false)
          }
        ))
    }
    var seen: [String: Int] = [:]
    for (i, c) in columns.enumerated() {
      if seen.updateValue(i, forKey: c) != nil {
        throw TuningLogError(file: file, line: 1, field: c, .malformedCSV("column '\(c)' appears twice"))
      }
    }
  }

  init(jsonLines text: String, file: String?) throws(TuningLogError) {
    self.file = file
    columns = []
    columnLines = []
    isRectangular = false
    var index: [String: Int] = [:]
    var parsed: [(line: Int, pairs: [(key: String, cell: LogCell)])] = []
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let pairs: [(key: String, cell: LogCell)]
      do {
        pairs = try JSONLineObject.parse(line)
      } catch {
        throw TuningLogError(file: file, line: n + 1, .badJSON(error.reason))
      }
      for (key, _) in pairs where index[key] == nil {
        index[key] = columns.count
        columns.append(key)
        columnLines.append(n + 1)
      }
      parsed.append((n + 1, pairs))
    }
    let width = columns.count
    rows = parsed.map { line, pairs in
      var cells = [LogCell?](repeating: nil, count: width)
      for (key, cell) in pairs { if let i = index[key] { cells[i] = cell } }
      return (line, cells)
    }
  }

  /// `field` without leading and trailing white space; Foundation's trimming only when an end is
  /// not printable ASCII (almost every field of a log is returned as is, without a copy).
  static func trimmed(_ field: String) -> String {
    let u = field.utf8
    if let a = u.first, let b = u.last, a > 0x20, a < 0x7F, b > 0x20, b < 0x7F { return field }
    return field.trimmingCharacters(in: .whitespaces)
  }

  /// Whether `name` is a column a tuning log may have.
  static func isKnown(_ name: String) -> Bool {
    if TuningLogFormat.leadingColumns.contains(name) || TuningLogFormat.trailingColumns.contains(name)
      || ignored.contains(name)
    {
      return true
    }
    for prefix in ["params_", "user_attrs_", "system_attrs_"] where name.hasPrefix(prefix) && name.count > prefix.count {
      return true
    }
    if name.hasPrefix("values_"), let i = Int(name.dropFirst(7)), i >= 0 { return true }
    return false
  }

  /// The records of the table, typed and validated.
  ///
  /// - Parameters:
  ///   - space: the search space of every learner not in `spaces`; nil infers parameter kinds.
  ///   - spaces: search spaces by learner.
  func records(space: SearchSpace?, spaces: [String: SearchSpace]) throws(TuningLogError) -> [TuningLogRecord] {
    for (c, name) in columns.enumerated() where !Self.isKnown(name) {
      throw TuningLogError(file: file, line: columnLines[c], field: name, .unknownColumn)
    }
    if isRectangular {
      for name in Self.required where !columns.contains(name) {
        throw TuningLogError(file: file, line: 1, field: name, .missingColumn)
      }
    }
    guard !rows.isEmpty || isRectangular else { throw TuningLogError(file: file, line: nil, .empty) }
    var reader = LogRowReader(table: self, space: space, spaces: spaces)
    var out: [TuningLogRecord] = []
    out.reserveCapacity(rows.count)
    for row in rows { out.append(try reader.record(row.line, row.cells)) }
    return out
  }
}
