import Foundation

/// A CSV text split into a header and records (RFC 4180: commas, double quotes, `""` escapes,
/// quoted fields spanning lines, `\n` or `\r\n` line ends), each record with the line it starts on.
///
/// Written here rather than taken from a CSV package because import errors must name the
/// physical line of a record whose quoted fields may span several lines. It also reads tuning
/// logs (HPOBench: 30 000 rows a file), so it scans UTF-8 bytes rather than characters.
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
    // Works on UTF-8 bytes: the structural characters are ASCII, so a field is a byte range
    // decoded once (an unquoted field without copying a buffer).
    let bytes = Array(text.utf8)
    let n = bytes.count
    let (quote, comma, newline, ret): (UInt8, UInt8, UInt8, UInt8) = (0x22, 0x2C, 0x0A, 0x0D)
    var rows: [(line: Int, fields: [String])] = []
    var line = 1
    var i = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    while i < n {
      let recordLine = line
      var fields: [String] = []
      var lastQuoted = false
      while true {
        var field = ""
        lastQuoted = false
        if bytes[i] == quote {
          lastQuoted = true
          i += 1
          var buffer: [UInt8] = []
          var closed = false
          while i < n {
            let c = bytes[i]
            if c == quote {
              if i + 1 < n, bytes[i + 1] == quote {
                buffer.append(quote)
                i += 2
                continue
              }
              i += 1
              closed = true
              break
            }
            if c == newline { line += 1 }
            buffer.append(c)
            i += 1
          }
          guard closed else { throw .csv(line: recordLine, column: nil, reason: "a quoted field is never closed") }
          field = String(decoding: buffer, as: UTF8.self)
        }
        let start = i
        while i < n {
          let c = bytes[i]
          if c == comma || c == newline || c == ret { break }
          if c == quote { throw .csv(line: line, column: nil, reason: "a quote inside an unquoted field") }
          i += 1
        }
        if start < i { field += String(decoding: bytes[start..<i], as: UTF8.self) }
        fields.append(field)
        guard i < n else { break }
        if bytes[i] == comma {
          i += 1
          if i == n {
            fields.append("")
            lastQuoted = false
            break
          }
          continue
        }
        if bytes[i] == ret, i + 1 < n, bytes[i + 1] == newline { i += 1 }
        i += 1
        line += 1
        break
      }
      if !(fields.count == 1 && fields[0].isEmpty && !lastQuoted) { rows.append((recordLine, fields)) }
    }
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
