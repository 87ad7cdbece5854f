import Linalg

/// A function that condenses the per-attribute (or per-pair, per-class, …) values of a
/// multi-valued meta-feature into one or a few numbers, as pymfe 0.4.4's `_summary.py`.
///
/// The summarised name is `<feature>.<summary>` (`cor.mean`), and `<feature>.<summary>.<i>`
/// for the multi-valued `histogram` (10 values) and `quantiles` (5 values).
/// Every function returns NaN when its input is empty or holds a NaN (as numpy does), except
/// `count`.
public enum SummaryFunction: String, CaseIterable, Sendable, Codable, Hashable {
  /// Arithmetic mean (`np.mean`).
  case mean
  /// Sample standard deviation with ddof = 1 (`np.std(ddof=1)`); NaN when n ≤ 1.
  case sd
  /// Sample variance with ddof = 1; NaN when n ≤ 1.
  case `var`
  /// Number of values (`len`).
  case count
  /// Normalised 10-bin histogram over [min, max] (`np.histogram(bins=10) / n`).
  case histogram
  /// Interquartile range Q3 − Q1 with linear interpolation (`scipy.stats.iqr`).
  case iqRange = "iq_range"
  /// Kurtosis of type 3 (e1071): (g₂ + 3)(1 − 1/n)² − 3.
  case kurtosis
  /// Largest value.
  case max
  /// Median.
  case median
  /// Smallest value.
  case min
  /// The 0, 0.25, 0.5, 0.75 and 1 quantiles (numpy linear interpolation).
  case quantiles
  /// max − min (`np.ptp`).
  case range
  /// Skewness of type 3 (e1071): g₁ · ((n − 1)/n)^{3/2}.
  case skewness
  /// Sum; NaN for an empty input.
  case sum

  /// pymfe's name of the summary.
  public var pymfeName: String { rawValue }

  /// `true` when the summary yields several numbers (`histogram`, `quantiles`).
  public var isMultiValued: Bool { self == .histogram || self == .quantiles }

  /// Applies the summary to `values`.
  ///
  /// - Parameter values: the feature's values (any count, NaN allowed).
  /// - Returns: one value, or 10 (`histogram`) or 5 (`quantiles`).
  public func apply(_ values: [Double]) -> [Double] {
    let n = values.count
    let hasNaN = values.contains(where: \.isNaN)
    switch self {
    case .count: return [Double(n)]
    case .histogram: return Self.histogram(values, hasNaN: hasNaN)
    case .quantiles:
      guard n > 0, !hasNaN else { return [Double](repeating: .nan, count: 5) }
      return Statistics.quantiles(values, [0, 0.25, 0.5, 0.75, 1])
    default: break
    }
    guard n > 0, !hasNaN else { return [.nan] }
    switch self {
    case .mean: return [Statistics.mean(values)]
    case .sd: return [n <= 1 ? .nan : Statistics.standardDeviation(values, ddof: 1)]
    case .var: return [n <= 1 ? .nan : Statistics.variance(values, ddof: 1)]
    case .iqRange:
      let q = Statistics.quantiles(values, [0.25, 0.75])
      return [q[1] - q[0]]
    case .kurtosis: return [Statistics.kurtosis(values)]
    case .skewness: return [Statistics.skewness(values)]
    case .max: return [Statistics.max(values)]
    case .min: return [Statistics.min(values)]
    case .median: return [Statistics.median(values)]
    case .range: return [Statistics.max(values) - Statistics.min(values)]
    case .sum: return [values.reduce(0, +)]
    case .count, .histogram, .quantiles: return [.nan]
    }
  }

  /// `np.histogram(values, bins=10)` divided by its total, as pymfe's `sum_histogram`.
  private static func histogram(_ values: [Double], hasNaN: Bool) -> [Double] {
    let bins = 10
    guard !values.isEmpty, !hasNaN else { return [Double](repeating: .nan, count: bins) }
    var lo = Statistics.min(values)
    var hi = Statistics.max(values)
    if lo == hi {
      lo -= 0.5
      hi += 0.5
    }
    var counts = [Double](repeating: 0, count: bins)
    let width = (hi - lo) / Double(bins)
    for v in values {
      var k = Int(((v - lo) / width).rounded(.down))
      k = Swift.min(Swift.max(k, 0), bins - 1)
      counts[k] += 1
    }
    let total = Double(values.count)
    return counts.map { $0 / total }
  }
}
