/// Named meta-feature values, sorted by name as pymfe's `extract()` returns them.
///
/// A value is NaN where the feature is undefined for the dataset; ``reasons`` then says why
/// (`"constant column"`, `"single class"`, …). Encoded as JSON, NaN is written as `null`.
public struct MetaFeatureVector: Sendable, Equatable, Codable {
  /// Feature names in ascending byte order (`attr_conc.mean`, `attr_conc.sd`, `attr_ent.mean`, …).
  public private(set) var names: [String]
  /// One value per name; NaN where undefined.
  public private(set) var values: [Double]
  /// Why a value is NaN, keyed by feature name (and by group name for groups not computed).
  public private(set) var reasons: [String: String]

  /// Creates a vector from unordered entries; the entries are sorted by name.
  ///
  /// - Parameters:
  ///   - entries: `(name, value)` pairs; a later duplicate name replaces an earlier one.
  ///   - reasons: why some values are NaN.
  public init(entries: [(name: String, value: Double)], reasons: [String: String] = [:]) {
    var byName: [String: Double] = [:]
    for e in entries { byName[e.name] = e.value }
    let sorted = byName.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    names = sorted
    values = sorted.map { byName[$0] ?? .nan }
    self.reasons = reasons
  }

  /// The number of features.
  public var count: Int { names.count }

  /// The value of the feature `name`, or `nil` when it was not extracted.
  public subscript(name: String) -> Double? {
    guard let i = index(of: name) else { return nil }
    return values[i]
  }

  /// Binary search in the sorted names.
  private func index(of name: String) -> Int? {
    let key = Array(name.utf8)
    var (lo, hi) = (0, names.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      let m = Array(names[mid].utf8)
      if m == key { return mid }
      if m.lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
    }
    return nil
  }

  private enum CodingKeys: String, CodingKey { case names, values, reasons }

  /// Decodes `names`, `values` (with `null` for NaN) and `reasons`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let names = try c.decode([String].self, forKey: .names)
    let values = try c.decode([Double?].self, forKey: .values)
    guard names.count == values.count else {
      throw DecodingError.dataCorruptedError(
        forKey: .values, in: c, debugDescription: "\(names.count) names but \(values.count) values")
    }
    let reasons = try c.decodeIfPresent([String: String].self, forKey: .reasons) ?? [:]
    self.init(entries: zip(names, values).map { ($0, $1 ?? .nan) }, reasons: reasons)
  }

  /// Encodes `names`, `values` (NaN and infinities as `null`) and `reasons`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(names, forKey: .names)
    try c.encode(values.map { $0.isFinite ? $0 : nil }, forKey: .values)
    try c.encode(reasons, forKey: .reasons)
  }

  /// NaN-aware equality: two vectors are equal when names, reasons and values agree, NaN == NaN.
  public static func == (a: MetaFeatureVector, b: MetaFeatureVector) -> Bool {
    a.names == b.names && a.reasons == b.reasons
      && zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }
}
