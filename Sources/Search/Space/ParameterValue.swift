/// The value of one hyperparameter in a ``Configuration``.
public enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
  /// A real value (float parameters, possibly log-scaled or stepped).
  case float(Double)
  /// An integer value.
  case int(Int)
  /// One of a categorical parameter's choices (numbers may be given as strings, e.g. `"0.1"`).
  case categorical(String)

  /// The value as a `Double` (ints converted; nil for categoricals).
  public var doubleValue: Double? {
    switch self {
    case .float(let x): return x
    case .int(let i): return Double(i)
    case .categorical: return nil
    }
  }

  /// The kind of the value, as used in error messages: `float`, `int` or `categorical`.
  public var kind: String {
    switch self {
    case .float: return "float"
    case .int: return "int"
    case .categorical: return "categorical"
    }
  }

  public var description: String {
    switch self {
    case .float(let x): return "\(x)"
    case .int(let i): return "\(i)"
    case .categorical(let s): return s
    }
  }

  private enum CodingKeys: String, CodingKey { case float, int, categorical }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if let x = try c.decodeIfPresent(Double.self, forKey: .float) {
      self = .float(x)
    } else if let i = try c.decodeIfPresent(Int.self, forKey: .int) {
      self = .int(i)
    } else {
      self = .categorical(try c.decode(String.self, forKey: .categorical))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .float(let x): try c.encode(x, forKey: .float)
    case .int(let i): try c.encode(i, forKey: .int)
    case .categorical(let s): try c.encode(s, forKey: .categorical)
    }
  }
}
