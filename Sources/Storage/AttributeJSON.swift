import Foundation
import Search

/// Attribute values as plain JSON (`"text"`, `1.5`, `true`, `[…]`) for the `value_json` columns.
///
/// Non-finite numbers are written as the strings `"Infinity"`, `"-Infinity"` and `"NaN"`, as
/// Python's `json` module writes them without quotes; they read back as numbers.
enum AttributeJSON {
  private struct Node: Codable {
    var value: AttributeValue

    init(_ value: AttributeValue) { self.value = value }

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode(Bool.self) {
        value = .bool(b)
      } else if let x = try? c.decode(Double.self) {
        value = .number(x)
      } else if let s = try? c.decode(String.self) {
        value = .string(s)
      } else {
        value = .array(try c.decode([Node].self).map(\.value))
      }
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.singleValueContainer()
      switch value {
      case .bool(let b): try c.encode(b)
      case .number(let x): try c.encode(x)
      case .string(let s): try c.encode(s)
      case .array(let a): try c.encode(a.map(Node.init))
      }
    }
  }

  private static let strategy = (pos: "Infinity", neg: "-Infinity", nan: "NaN")

  /// `value` as JSON text.
  static func encode(_ value: AttributeValue) throws -> String {
    let e = JSONEncoder()
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: strategy.pos, negativeInfinity: strategy.neg, nan: strategy.nan)
    return String(decoding: try e.encode(Node(value)), as: UTF8.self)
  }

  /// The value of JSON `text`.
  static func decode(_ text: String) throws -> AttributeValue {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: strategy.pos, negativeInfinity: strategy.neg, nan: strategy.nan)
    return try d.decode(Node.self, from: Data(text.utf8)).value
  }
}

/// How a Double is stored: SQLite turns NaN into NULL, so the kind travels beside the value
/// (Optuna's `FINITE`, `INF_POS`, `INF_NEG`, `NAN`).
enum StoredDouble {
  /// The column pair for `x`.
  static func encode(_ x: Double) -> (value: Double?, type: String) {
    if x.isNaN { return (nil, "NAN") }
    if x == .infinity { return (nil, "INF_POS") }
    if x == -.infinity { return (nil, "INF_NEG") }
    return (x, "FINITE")
  }

  /// The Double of a column pair.
  static func decode(value: Double?, type: String) -> Double {
    switch type {
    case "INF_POS": return .infinity
    case "INF_NEG": return -.infinity
    case "NAN": return .nan
    default: return value ?? .nan
    }
  }
}
