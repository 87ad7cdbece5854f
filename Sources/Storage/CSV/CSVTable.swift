import Foundation

/// A CSV text split into a header and records (RFC 4180: commas, double quotes, `""` escapes,
/// quoted fields spanning lines, `\n` or `\r\n` line ends), each record with the line it starts on.
///
/// Written here rather than taken from a CSV package because import errors must name the
/// physical line of a record whose quoted fields may span several lines, and trials files are
/// small (thousands of rows), so speed is not at stake.
struct CSVTable {
  /// The column names of the first record.
  var header: [String]
  /// The records after the header, with the 1-based line each starts on (the header is line 1).
  var records: [(line: Int, fields: [String])]

  /// Parses `text`; blank lines are skipped.
  ///
  /// - Parameter checkingWidth: whether a record with another field count than the header
  ///   throws (callers that report ragged rows themselves pass false).
  /// - Throws: `csv(line:column:reason:)` for an unterminated quote, a quote inside an unquoted
  ///   field, a ragged record (naming the expected and found field counts), or no header.
  init(parsing text: String, checkingWidth: Bool = true) throws(StorageError) {
    var rows: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var quotedField = false
    var line = 1
    var recordLine = 1
    var atFieldStart = true
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    func endRecord() {
      fields.append(field)
      if !(fields.count == 1 && fields[0].isEmpty && !quotedField) {
        rows.append((recordLine, fields))
      }
      fields = []
      field = ""
      quotedField = false
      atFieldStart = true
    }
    while i < chars.count {
      let c = chars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < chars.count, chars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        guard atFieldStart else {
          throw .csv(line: line, column: nil, reason: "a quote inside an unquoted field")
        }
        inQuotes = true
        quotedField = true
        atFieldStart = false
      } else if c == "," {
        fields.append(field)
        field = ""
        atFieldStart = true
      } else if c == "\n" || c == "\r" {
        if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" { i += 1 }
        endRecord()
        line += 1
        recordLine = line
      } else {
        field.unicodeScalars.append(c)
        atFieldStart = false
      }
      i += 1
    }
    if inQuotes {
      throw .csv(line: recordLine, column: nil, reason: "a quoted field is never closed")
    }
    if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
    guard let first = rows.first else {
      throw .csv(line: 1, column: nil, reason: "the file is empty; expected a header row")
    }
    header = first.fields
    records = Array(rows.dropFirst())
    for r in records where checkingWidth && r.fields.count != header.count {
      throw .csv(
        line: r.line, column: nil,
        reason: "ragged row: \(r.fields.count) fields, the header has \(header.count)")
    }
  }

  /// `value` quoted when it holds a comma, quote or line break.
  static func escape(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One CSV line (without line end) of `fields`.
  static func line(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",")
  }
}
