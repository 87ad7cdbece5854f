/// Collects the features of one extraction: scalars under their bare name, multi-valued
/// features summarised under `<name>.<summary>`, and a reason for every NaN.
struct FeatureSink: Sendable {
  let summaries: [SummaryFunction]
  private(set) var entries: [(name: String, value: Double)] = []
  private(set) var reasons: [String: String] = [:]

  init(summaries: [SummaryFunction]) {
    self.summaries = summaries
  }

  /// Records a scalar feature; a NaN value is recorded with `reason` (or a generic one).
  mutating func scalar(_ name: String, _ value: Double, reason: String? = nil) {
    let v = value.isFinite ? value : Double.nan
    entries.append((name, v))
    if v.isNaN { reasons[name] = reason ?? "undefined for this dataset" }
  }

  /// Records a multi-valued feature through every summary function.
  ///
  /// An empty `values` (pymfe's failure value) gives NaN for every summary with `reason`.
  mutating func vector(_ name: String, _ values: [Double], reason: String? = nil) {
    for s in summaries {
      let out = s.apply(values)
      let names =
        s.isMultiValued
        ? out.indices.map { "\(name).\(s.rawValue).\($0)" } : ["\(name).\(s.rawValue)"]
      for (n, v) in zip(names, out) {
        let value = v.isFinite ? v : Double.nan
        entries.append((n, value))
        if value.isNaN {
          reasons[n] = reason ?? Self.explain(values, summary: s)
        }
      }
    }
  }

  /// Appends the entries and reasons of `other` (a sink of the same summaries).
  mutating func merge(_ other: FeatureSink) {
    entries += other.entries
    reasons.merge(other.reasons) { _, new in new }
  }

  /// Records a note that is not tied to a feature value (e.g. a group not yet implemented).
  mutating func note(_ key: String, _ text: String) {
    reasons[key] = text
  }

  private static func explain(_ values: [Double], summary: SummaryFunction) -> String {
    if values.isEmpty { return "no values to summarise" }
    if values.contains(where: \.isNaN) { return "some per-attribute values are undefined (NaN)" }
    if values.count <= 1 && (summary == .sd || summary == .var) {
      return "a single value has no spread (ddof = 1)"
    }
    return "undefined summary (constant values)"
  }
}
