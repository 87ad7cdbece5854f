/// One field of a tuning-log row as read from CSV or JSON: its text and whether JSON gave it
/// as a string (so a JSON `"3"` stays a categorical value while a JSON `3` is a number).
struct LogCell: Hashable {
  /// The text (a number's literal as written); nil for an empty CSV field or a JSON `null`.
  var text: String?
  /// Whether the value was a JSON string or boolean (never true for CSV).
  var isString: Bool
}

/// A parser for one JSON Lines line: a flat JSON object whose values are strings, numbers,
/// booleans or null. Numbers keep their literal text so integer and float literals stay apart;
/// `NaN`, `Infinity` and `-Infinity` (as Python's `json` writes them) are read as numbers.
struct JSONLineObject {
  private let chars: [Unicode.Scalar]
  private var i = 0

  /// The (key, cell) pairs of `line` in order.
  ///
  /// - Throws: ``JSONLineFailure`` (its reason names the character) for text that is not one
  ///   flat JSON object, a repeated key, or a nested array or object.
  static func parse(_ line: Substring) throws(JSONLineFailure) -> [(key: String, cell: LogCell)] {
    var p = JSONLineObject(chars: Array(line.unicodeScalars))
    return try p.object()
  }

  private init(chars: [Unicode.Scalar]) { self.chars = chars }

  private mutating func object() throws(JSONLineFailure) -> [(key: String, cell: LogCell)] {
    skipSpace()
    try expect("{")
    var out: [(key: String, cell: LogCell)] = []
    var seen: Set<String> = []
    skipSpace()
    if peek == "}" {
      i += 1
    } else {
      while true {
        skipSpace()
        guard peek == "\"" else { throw fail("expected a key in double quotes") }
        let key = try string()
        guard seen.insert(key).inserted else { throw JSONLineFailure("key '\(key)' appears twice") }
        skipSpace()
        try expect(":")
        skipSpace()
        out.append((key, try value(key)))
        skipSpace()
        if peek == "," {
          i += 1
          continue
        }
        try expect("}")
        break
      }
    }
    skipSpace()
    guard i == chars.count else { throw fail("text after the closing brace") }
    return out
  }

  private mutating func value(_ key: String) throws(JSONLineFailure) -> LogCell {
    guard let c = peek else { throw fail("expected a value") }
    switch c {
    case "\"": return LogCell(text: try string(), isString: true)
    case "{", "[": throw JSONLineFailure("key '\(key)' holds a nested \(c == "{" ? "object" : "array")")
    case "n":
      try word("null")
      return LogCell(text: nil, isString: false)
    case "t":
      try word("true")
      return LogCell(text: "true", isString: true)
    case "f":
      try word("false")
      return LogCell(text: "false", isString: true)
    case "N":
      try word("NaN")
      return LogCell(text: "nan", isString: false)
    case "I":
      try word("Infinity")
      return LogCell(text: "inf", isString: false)
    default: return LogCell(text: try number(), isString: false)
    }
  }

  private mutating func number() throws(JSONLineFailure) -> String {
    let start = i
    if peek == "-" {
      i += 1
      if peek == "I" {
        try word("Infinity")
        return "-inf"
      }
    }
    guard digits() > 0 else { throw fail("expected a value") }
    if peek == "." {
      i += 1
      guard digits() > 0 else { throw fail("expected digits after '.'") }
    }
    if peek == "e" || peek == "E" {
      i += 1
      if peek == "+" || peek == "-" { i += 1 }
      guard digits() > 0 else { throw fail("expected digits in the exponent") }
    }
    var s = ""
    s.unicodeScalars.append(contentsOf: chars[start..<i])
    return s
  }

  private mutating func digits() -> Int {
    var n = 0
    while let c = peek, ("0"..."9").contains(c) {
      i += 1
      n += 1
    }
    return n
  }

  private mutating func string() throws(JSONLineFailure) -> String {
    try expect("\"")
    var out = String.UnicodeScalarView()
    while true {
      guard let c = peek else { throw fail("a string is never closed") }
      i += 1
      if c == "\"" { break }
      if c.value < 0x20 { throw fail("a control character inside a string") }
      guard c == "\\" else {
        out.append(c)
        continue
      }
      guard let e = peek else { throw fail("a string is never closed") }
      i += 1
      switch e {
      case "\"", "\\", "/": out.append(e)
      case "b": out.append("\u{08}")
      case "f": out.append("\u{0C}")
      case "n": out.append("\n")
      case "r": out.append("\r")
      case "t": out.append("\t")
      case "u":
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code), peek == "\\", i + 1 < chars.count, chars[i + 1] == "u" {
          i += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw fail("an unpaired surrogate") }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("an unpaired surrogate") }
        out.append(scalar)
      default: throw fail("unknown escape '\\\(e)'")
      }
    }
    return String(out)
  }

  private mutating func hex4() throws(JSONLineFailure) -> UInt32 {
    guard i + 4 <= chars.count else { throw fail("a short \\u escape") }
    var s = ""
    s.unicodeScalars.append(contentsOf: chars[i..<i + 4])
    guard let v = UInt32(s, radix: 16) else { throw fail("a bad \\u escape") }
    i += 4
    return v
  }

  private mutating func word(_ w: String) throws(JSONLineFailure) {
    for u in w.unicodeScalars {
      guard peek == u else { throw fail("expected '\(w)'") }
      i += 1
    }
  }

  private mutating func expect(_ c: Unicode.Scalar) throws(JSONLineFailure) {
    guard peek == c else { throw fail("expected '\(c)'") }
    i += 1
  }

  private var peek: Unicode.Scalar? { i < chars.count ? chars[i] : nil }

  private mutating func skipSpace() {
    while let c = peek, c == " " || c == "\t" || c == "\r" || c == "\n" { i += 1 }
  }

  private func fail(_ what: String) -> JSONLineFailure {
    JSONLineFailure("\(what) at character \(i + 1)")
  }
}

/// Why a JSON Lines line could not be parsed (wrapped into ``TuningLogError`` with the line).
struct JSONLineFailure: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}
