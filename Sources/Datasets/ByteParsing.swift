// Byte-level helpers shared by the readers: number parsing, missing markers, trimming.

/// Powers of ten exactly representable as `Double` (10^0 … 10^22), for Clinger's fast path.
private let exactPowersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

enum ASCII {
  static let comma: UInt8 = 0x2C
  static let quote: UInt8 = 0x22
  static let apostrophe: UInt8 = 0x27
  static let newline: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09
  static let backslash: UInt8 = 0x5C

  @inline(__always)
  static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
}

/// Parses a decimal number (`-1.5`, `.5`, `3.`, `2e-3`, `inf`) from `bytes[start..<end]`,
/// which must already be trimmed; returns `nil` for anything else.
///
/// Short mantissas with small exponents are converted exactly by Clinger's fast path
/// (mantissa < 2^53, |exponent| ≤ 22, one correctly rounded multiply or divide); everything
/// else falls back to the standard library's correctly rounded `Double(_: String)`.
@inline(__always)
func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
  var i = start
  guard i < end else { return nil }
  var negative = false
  if bytes[i] == 0x2D || bytes[i] == 0x2B {  // - +
    negative = bytes[i] == 0x2D
    i += 1
  }
  var mantissa: UInt64 = 0
  var digits = 0
  var significant = 0
  var exponent = 0
  while i < end, bytes[i] &- 0x30 < 10 {
    if significant < 19 {
      mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
      if mantissa != 0 { significant += 1 }
    } else {
      exponent += 1
      significant += 1
    }
    digits += 1
    i += 1
  }
  if i < end, bytes[i] == 0x2E {  // .
    i += 1
    while i < end, bytes[i] &- 0x30 < 10 {
      if significant < 19 {
        mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
        if mantissa != 0 { significant += 1 }
        exponent -= 1
      } else {
        significant += 1
      }
      digits += 1
      i += 1
    }
  }
  if digits == 0 { return parseSpecial(bytes, i, end, negative: negative) }
  if i < end, bytes[i] | 0x20 == 0x65 {  // e E
    i += 1
    var expNegative = false
    if i < end, bytes[i] == 0x2D || bytes[i] == 0x2B {
      expNegative = bytes[i] == 0x2D
      i += 1
    }
    var e = 0
    var expDigits = 0
    while i < end, bytes[i] &- 0x30 < 10 {
      if e < 100_000 { e = e * 10 + Int(bytes[i] &- 0x30) }
      expDigits += 1
      i += 1
    }
    guard expDigits > 0 else { return nil }
    exponent += expNegative ? -e : e
  }
  guard i == end else { return nil }
  if mantissa == 0 { return negative ? -0.0 : 0.0 }
  if significant <= 19, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
    var value = Double(mantissa)
    if exponent < 0 {
      value /= exactPowersOfTen[-exponent]
    } else {
      value *= exactPowersOfTen[exponent]
    }
    return negative ? -value : value
  }
  return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
}

/// `inf` / `infinity` in any case, after an optional sign already consumed.
private func parseSpecial(
  _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, negative: Bool
) -> Double? {
  let length = end - start
  guard length == 3 || length == 8 else { return nil }
  let word = "infinity".utf8
  for (offset, expected) in word.prefix(length).enumerated()
  where bytes[start + offset] | 0x20 != expected {
    return nil
  }
  return negative ? -.infinity : .infinity
}

/// `true` when `bytes[start..<end]` (trimmed) is a missing-value marker:
/// empty, `?`, `NA`, `NaN`, `nan` or `<null>` (KEEL).
@inline(__always)
func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
  switch end - start {
  case 0: return true
  case 1: return bytes[start] == 0x3F  // ?
  case 2: return bytes[start] == 0x4E && bytes[start + 1] == 0x41  // NA
  case 3:
    let a = bytes[start]
    let b = bytes[start + 1]
    let c = bytes[start + 2]
    return b == 0x61 && ((a == 0x4E && c == 0x4E) || (a == 0x6E && c == 0x6E))  // NaN nan
  case 6:
    // <null>
    return bytes[start] == 0x3C && bytes[start + 1] == 0x6E && bytes[start + 2] == 0x75
      && bytes[start + 3] == 0x6C && bytes[start + 4] == 0x6C && bytes[start + 5] == 0x3E
  default: return false
  }
}

/// `true` when `text` is a missing-value marker (see `isMissingMarker(_:_:_:)`).
func isMissingMarker(_ text: String) -> Bool {
  var copy = text
  return copy.withUTF8 { isMissingMarker($0, 0, $0.count) }
}

/// Parses a whole string as a number with the same rules as the byte parser.
func parseDouble(_ text: String) -> Double? {
  var copy = text
  return copy.withUTF8 { parseDouble($0, 0, $0.count) }
}

/// The range `start..<end` without leading and trailing spaces and tabs.
@inline(__always)
func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
  var s = start
  var e = end
  while s < e, ASCII.isBlank(bytes[s]) { s += 1 }
  while e > s, ASCII.isBlank(bytes[e - 1]) { e -= 1 }
  return (s, e)
}

/// The last path component without its extension (`/a/b/iris.csv` → `iris`).
func fileStem(_ path: String) -> String {
  let base = fileName(path)
  guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
  return String(base[..<dot])
}

/// The last path component (`/a/b/iris.csv` → `iris.csv`).
func fileName(_ path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return path }
  return String(path[path.index(after: slash)...])
}
