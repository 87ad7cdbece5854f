/// An ordered mapping from parameter name to ``ParameterValue``: one point of a ``SearchSpace``.
///
/// Only active parameters are present. The order is the order of insertion (the space's
/// declaration order when produced by a space or sampler); equality and hashing ignore the order.
public struct Configuration: Sendable, Hashable, Codable, CustomStringConvertible,
  ExpressibleByDictionaryLiteral
{
  /// The parameter names, in order.
  public private(set) var names: [String] = []
  /// The values, aligned with ``names``.
  public private(set) var values: [ParameterValue] = []

  /// An empty configuration.
  public init() {}

  /// A configuration holding `pairs` in order; a repeated name keeps its last value.
  public init(_ pairs: [(String, ParameterValue)]) {
    for (k, v) in pairs { self[k] = v }
  }

  public init(dictionaryLiteral elements: (String, ParameterValue)...) {
    self.init(elements)
  }

  /// The number of parameters present.
  public var count: Int { names.count }

  /// Whether no parameter is present.
  public var isEmpty: Bool { names.isEmpty }

  /// The value of `name`, or nil when absent; setting nil removes the parameter.
  public subscript(name: String) -> ParameterValue? {
    get { names.firstIndex(of: name).map { values[$0] } }
    set {
      if let i = names.firstIndex(of: name) {
        if let v = newValue {
          values[i] = v
        } else {
          names.remove(at: i)
          values.remove(at: i)
        }
      } else if let v = newValue {
        names.append(name)
        values.append(v)
      }
    }
  }

  /// The (name, value) pairs in order.
  public var pairs: [(name: String, value: ParameterValue)] {
    Array(zip(names, values)).map { (name: $0.0, value: $0.1) }
  }

  public static func == (a: Configuration, b: Configuration) -> Bool {
    guard a.count == b.count else { return false }
    for (k, v) in zip(a.names, a.values) where b[k] != v { return false }
    return true
  }

  public func hash(into hasher: inout Hasher) {
    // Order-independent: combine the pairs sorted by name.
    for (k, v) in zip(names, values).sorted(by: { $0.0 < $1.0 }) {
      hasher.combine(k)
      hasher.combine(v)
    }
  }

  public var description: String {
    pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
  }

  private struct Entry: Codable {
    var name: String
    var value: ParameterValue
  }

  public init(from decoder: any Decoder) throws {
    let entries = try [Entry](from: decoder)
    self.init(entries.map { ($0.name, $0.value) })
  }

  public func encode(to encoder: any Encoder) throws {
    try zip(names, values).map { Entry(name: $0.0, value: $0.1) }.encode(to: encoder)
  }
}
