/// An ordered vector of named features (`dyn.loss_slope`, …), each a `Double` that is NaN when it
/// cannot be computed, with the reason.
public struct FeatureVector: Sendable, Equatable, Codable {
  /// Feature names, in order.
  public private(set) var names: [String]
  /// Values, one per name (NaN when unavailable).
  public private(set) var values: [Double]
  /// Why each NaN feature is NaN, by name.
  public private(set) var reasons: [String: String]

  /// An empty vector.
  public init() {
    names = []
    values = []
    reasons = [:]
  }

  /// Appends `name = value`; a non-finite value is stored as NaN with `reason`.
  public mutating func append(_ name: String, _ value: Double, reason: @autoclosure () -> String = "not finite") {
    names.append(name)
    if value.isFinite {
      values.append(value)
    } else {
      values.append(.nan)
      reasons[name] = reason()
    }
  }

  /// Appends `name` as NaN with `reason`.
  public mutating func appendMissing(_ name: String, reason: String) {
    names.append(name)
    values.append(.nan)
    reasons[name] = reason
  }

  /// The value of `name`, or nil if there is no such feature.
  public subscript(name: String) -> Double? {
    names.firstIndex(of: name).map { values[$0] }
  }

  /// `(name, value)` pairs in order.
  public var pairs: [(name: String, value: Double)] { Array(zip(names, values)) }

  /// The number of features.
  public var count: Int { names.count }
}
