/// A one-level JSON object as ``Storage/TuningLogFormat/jsonLine(_:)`` writes it: string keys and
/// values that are strings, numbers or `null`.
///
/// Numbers keep their text so that they convert exactly (`Double("1.1558463136307822e-06")` is the
/// double that was written; Foundation's `JSONSerialization` on Linux can be off by one unit in the
/// last place, which would break resuming and byte-identical exports).
enum FlatJSONValue: Equatable {
  case string(String)
  case number(String)
  case null

  /// The number as a double, or nil for strings, null and malformed numbers.
  var double: Double? {
    if case .number(let text) = self { return Double(text) }
    return nil
  }

  /// The number as an integer (written without fraction or exponent), else nil.
  var int: Int? {
    if case .number(let text) = self { return Int(text) }
    return nil
  }
}

enum FlatJSONObject {
  /// Parses `{"k":v,...}` with v a string, number or null; nil for anything else (nested values,
  /// booleans, trailing text).
  static func parse(_ text: Substring) -> [String: FlatJSONValue]? {
    var chars = Array(text.unicodeScalars)[...]
    func skipSpace() { while let c = chars.first, c == " " || c == "\t" || c == "\r" { chars.removeFirst() } }
    func expect(_ c: Unicode.Scalar) -> Bool {
      skipSpace()
      guard chars.first == c else { return false }
      chars.removeFirst()
      return true
    }
    func string() -> String? {
      guard expect("\"") else { return nil }
      var out = String.UnicodeScalarView()
      while let c = chars.popFirst() {
        switch c {
        case "\"": return String(out)
        case "\\":
          guard let e = chars.popFirst() else { return nil }
          switch e {
          case "n": out.append("\n")
          case "r": out.append("\r")
          case "t": out.append("\t")
          case "b": out.append("\u{08}")
          case "f": out.append("\u{0C}")
          case "u":
            guard chars.count >= 4, let v = UInt32(String(String.UnicodeScalarView(chars.prefix(4))), radix: 16),
              let scalar = Unicode.Scalar(v)
            else { return nil }
            chars.removeFirst(4)
            out.append(scalar)
          default: out.append(e)
          }
        default: out.append(c)
        }
      }
      return nil
    }
    guard expect("{") else { return nil }
    var object = [String: FlatJSONValue]()
    if expect("}") { return object }
    repeat {
      guard let key = string(), expect(":") else { return nil }
      skipSpace()
      switch chars.first {
      case "\"":
        guard let s = string() else { return nil }
        object[key] = .string(s)
      case "n":
        guard chars.starts(with: "null".unicodeScalars) else { return nil }
        chars.removeFirst(4)
        object[key] = .null
      default:
        var number = String.UnicodeScalarView()
        while let c = chars.first, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) {
          number.append(c)
          chars.removeFirst()
        }
        guard Double(String(number)) != nil else { return nil }
        object[key] = .number(String(number))
      }
    } while expect(",")
    guard expect("}") else { return nil }
    skipSpace()
    return chars.isEmpty ? object : nil
  }
}
