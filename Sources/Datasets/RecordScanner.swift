/// Where one field lies in the file's bytes.
struct FieldRange {
  /// First byte of the content (after any opening quote and leading blanks).
  var start: Int
  /// One past the last byte of the content.
  var end: Int
  /// `true` when the field was quoted.
  var quoted: Bool
  /// `true` when a quoted field holds doubled quotes (`""`) that must be unescaped.
  var escaped: Bool
}

/// Splits comma-separated bytes into records of field ranges, RFC 4180 style: quoted fields
/// may hold commas, newlines and doubled quotes; records end at LF, CRLF or CR; blank lines
/// are skipped; blanks around unquoted fields are trimmed.
///
/// The scanner allocates nothing per field: `nextRecord` refills a reused array of ranges.
struct RecordScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  /// Column names for error messages (may be empty before the header is read).
  var names: [String] = []
  /// Current byte offset.
  private(set) var position = 0
  /// The 1-based line the scanner is on.
  private(set) var line = 1
  /// The 1-based line the last record returned by `nextRecord` started on.
  private(set) var recordLine = 1
  /// The byte offset where the last record returned by `nextRecord` starts.
  private(set) var recordStart = 0

  init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
    self.bytes = bytes
    self.file = file
    // Skip a UTF-8 byte-order mark.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
  }

  /// Moves to a record start previously seen at `position` on `line` (to re-read rows).
  mutating func seek(position: Int, line: Int) {
    self.position = position
    self.line = line
  }

  /// The column at zero-based `index`, by name when known.
  func column(_ index: Int) -> DatasetError.Column {
    index < names.count ? .named(names[index]) : .position(index + 1)
  }

  /// Reads the next non-blank record into `fields`; returns `false` at the end of the file.
  ///
  /// - Throws: `DatasetError.unterminatedQuote`, or `.malformedRow` for text after a closing quote.
  mutating func nextRecord(into fields: inout [FieldRange]) throws(DatasetError) -> Bool {
    let n = bytes.count
    while position < n {
      let b = bytes[position]
      if b == ASCII.newline {
        position += 1
        line += 1
      } else if b == ASCII.carriageReturn {
        position += 1
        if position < n, bytes[position] == ASCII.newline { position += 1 }
        line += 1
      } else {
        break
      }
    }
    guard position < n else { return false }
    recordLine = line
    recordStart = position
    fields.removeAll(keepingCapacity: true)
    var pos = position
    while true {
      var s = pos
      while s < n, ASCII.isBlank(bytes[s]) { s += 1 }
      if s < n, bytes[s] == ASCII.quote {
        let openLine = line
        var i = s + 1
        var escaped = false
        while true {
          guard i < n else {
            throw .unterminatedQuote(file: file, line: openLine, column: column(fields.count))
          }
          let b = bytes[i]
          if b == ASCII.quote {
            if i + 1 < n, bytes[i + 1] == ASCII.quote {
              escaped = true
              i += 2
              continue
            }
            break
          }
          if b == ASCII.newline { line += 1 }
          i += 1
        }
        fields.append(FieldRange(start: s + 1, end: i, quoted: true, escaped: escaped))
        i += 1
        while i < n, ASCII.isBlank(bytes[i]) { i += 1 }
        if i < n, bytes[i] != ASCII.comma, bytes[i] != ASCII.newline,
          bytes[i] != ASCII.carriageReturn
        {
          throw .malformedRow(
            file: file, line: line,
            reason: "unexpected text after the closing quote in column \(column(fields.count - 1))")
        }
        pos = i
      } else {
        var i = pos
        while i < n {
          let b = bytes[i]
          if b == ASCII.comma || b == ASCII.newline || b == ASCII.carriageReturn { break }
          i += 1
        }
        let (ts, te) = trimmed(bytes, pos, i)
        fields.append(FieldRange(start: ts, end: te, quoted: false, escaped: false))
        pos = i
      }
      if pos < n, bytes[pos] == ASCII.comma {
        pos += 1
        continue
      }
      break
    }
    if pos < n {
      if bytes[pos] == ASCII.carriageReturn {
        pos += 1
        if pos < n, bytes[pos] == ASCII.newline { pos += 1 }
      } else {
        pos += 1
      }
    }
    line += 1
    position = pos
    return true
  }

  /// The text of a field, with doubled quotes unescaped.
  func text(_ field: FieldRange) -> String {
    let slice = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
    guard field.escaped else { return String(decoding: slice, as: UTF8.self) }
    var out = [UInt8]()
    out.reserveCapacity(slice.count)
    var i = 0
    while i < slice.count {
      out.append(slice[i])
      i += (slice[i] == ASCII.quote && i + 1 < slice.count && slice[i + 1] == ASCII.quote) ? 2 : 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
