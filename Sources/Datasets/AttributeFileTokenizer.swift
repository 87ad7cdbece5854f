// Tokenising for the line-oriented ARFF and KEEL formats: lines, quoted values, comments.

/// One value on an ARFF/KEEL line: its text with quotes and escapes removed.
struct Token: Equatable {
  var text: String
  /// `true` when the value was quoted (a quoted `?` is a value, not a missing marker).
  var quoted: Bool

  /// `true` for an unquoted `?`, empty or other missing marker.
  var isMissing: Bool { !quoted && isMissingMarker(text) }
}

/// One line of the file: its 1-based number and its byte range without the line end.
struct Line {
  var number: Int
  var start: Int
  var end: Int
}

/// The lines of `bytes`, split at LF, CRLF or CR.
func splitLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
  var lines = [Line]()
  var start = 0
  var number = 1
  var i = 0
  if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
    start = 3
    i = 3
  }
  while i < bytes.count {
    let b = bytes[i]
    if b == ASCII.newline || b == ASCII.carriageReturn {
      lines.append(Line(number: number, start: start, end: i))
      if b == ASCII.carriageReturn, i + 1 < bytes.count, bytes[i + 1] == ASCII.newline { i += 1 }
      number += 1
      start = i + 1
    }
    i += 1
  }
  if start < bytes.count { lines.append(Line(number: number, start: start, end: bytes.count)) }
  return lines
}

/// Reads ARFF/KEEL values from part of one line.
struct ValueScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  let line: Int
  var position: Int
  let end: Int

  /// `true` when only blanks (or a `%` comment) remain.
  var atEnd: Bool {
    var i = position
    while i < end, ASCII.isBlank(bytes[i]) { i += 1 }
    return i >= end || bytes[i] == 0x25  // %
  }

  /// Skips blanks.
  mutating func skipBlanks() {
    while position < end, ASCII.isBlank(bytes[position]) { position += 1 }
  }

  /// Reads one value ending at any byte in `stops` (outside quotes), at a `%` comment, or at
  /// the end of the range; a quoted value ends at its closing quote. Does not consume the stop.
  ///
  /// - Throws: `DatasetError.unterminatedQuote` naming `column`.
  mutating func value(stoppingAt stops: [UInt8], column: DatasetError.Column) throws(DatasetError)
    -> Token
  {
    skipBlanks()
    guard position < end else { return Token(text: "", quoted: false) }
    let first = bytes[position]
    if first == ASCII.quote || first == ASCII.apostrophe {
      var out = [UInt8]()
      var i = position + 1
      while true {
        guard i < end else { throw .unterminatedQuote(file: file, line: line, column: column) }
        let b = bytes[i]
        if b == ASCII.backslash, i + 1 < end {
          let next = bytes[i + 1]
          switch next {
          case 0x6E: out.append(ASCII.newline)  // \n
          case 0x74: out.append(ASCII.tab)  // \t
          case 0x72: out.append(ASCII.carriageReturn)  // \r
          default: out.append(next)
          }
          i += 2
          continue
        }
        if b == first { break }
        out.append(b)
        i += 1
      }
      position = i + 1
      skipBlanks()
      return Token(text: String(decoding: out, as: UTF8.self), quoted: true)
    }
    var i = position
    while i < end, !stops.contains(bytes[i]), bytes[i] != 0x25 { i += 1 }
    let (s, e) = trimmed(bytes, position, i)
    position = i
    return Token(
      text: String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self),
      quoted: false)
  }

  /// Consumes `byte` if it is next (after blanks); returns whether it did.
  mutating func consume(_ byte: UInt8) -> Bool {
    skipBlanks()
    guard position < end, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  /// Reads comma-separated values up to the end of the range (or up to `closing`).
  ///
  /// - Parameter column: names the k-th value (0-based) for error messages.
  mutating func commaSeparated(
    closing: UInt8? = nil, column: (Int) -> DatasetError.Column
  ) throws(DatasetError) -> [Token] {
    var stops: [UInt8] = [ASCII.comma]
    if let closing { stops.append(closing) }
    var tokens = [Token]()
    while true {
      tokens.append(try value(stoppingAt: stops, column: column(tokens.count)))
      if consume(ASCII.comma) { continue }
      return tokens
    }
  }

  /// The rest of the range as text, trimmed (comments included).
  func rest() -> String {
    let (s, e) = trimmed(bytes, position, end)
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
  }

  /// The next blank-separated word (unquoted), or a quoted name.
  mutating func word(column: DatasetError.Column) throws(DatasetError) -> Token {
    skipBlanks()
    guard position < end else { return Token(text: "", quoted: false) }
    if bytes[position] == ASCII.quote || bytes[position] == ASCII.apostrophe {
      return try value(stoppingAt: [], column: column)
    }
    var i = position
    while i < end, !ASCII.isBlank(bytes[i]), bytes[i] != 0x7B, bytes[i] != 0x5B { i += 1 }  // { [
    let token = Token(
      text: String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<i]), as: UTF8.self),
      quoted: false)
    position = i
    return token
  }
}
