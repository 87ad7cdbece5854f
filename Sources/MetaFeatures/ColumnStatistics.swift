import Foundation

/// Per-column statistics computed from one sorted copy, specialised for `[Double]`.
///
/// Linalg's `Statistics` takes `some Collection<Double>` across a module boundary and runs
/// unspecialised (a profile of `statistical` on mushroom spent most of its time in generic
/// witnesses and allocation); these give the same definitions (numpy linear quantiles,
/// scipy's type-3 moments) on a sorted array.
struct ColumnStatistics {
  let sorted: [Double]
  let mean: Double

  init(_ x: [Double]) {
    sorted = x.sorted()
    var s = 0.0
    for v in x { s += v }
    mean = x.isEmpty ? .nan : s / Double(x.count)
  }

  var count: Int { sorted.count }

  /// numpy `quantile(method="linear")`.
  func quantile(_ p: Double) -> Double {
    let n = sorted.count
    guard n > 0, !(sorted.last?.isNaN ?? true) else { return .nan }
    let h = Double(n - 1) * p
    let lo = Swift.min(Int(h.rounded(.down)), n - 1)
    let hi = Swift.min(lo + 1, n - 1)
    let t = h - Double(lo)
    let (a, b) = (sorted[lo], sorted[hi])
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
  }

  /// Central moments m₂, m₃, m₄ (biased).
  func moments() -> (Double, Double, Double) {
    var m2 = 0.0
    var m3 = 0.0
    var m4 = 0.0
    for v in sorted {
      let d = v - mean
      let d2 = d * d
      m2 += d2
      m3 += d2 * d
      m4 += d2 * d2
    }
    let n = Double(sorted.count)
    return (m2 / n, m3 / n, m4 / n)
  }

  /// Sample variance with ddof = 1 (NaN for n ≤ 1).
  func variance() -> Double {
    guard count > 1 else { return .nan }
    return moments().0 * Double(count) / Double(count - 1)
  }

  /// `true` when scipy treats the sample as constant (m₂ ≤ (ε·mean)²).
  private func isConstant(_ m2: Double) -> Bool {
    m2 <= (Double.ulpOfOne * mean) * (Double.ulpOfOne * mean)
  }

  /// Type-3 skewness: g₁ ((n − 1)/n)^{3/2}; NaN for constant samples.
  func skewness() -> Double {
    let (m2, m3, _) = moments()
    guard count > 0, !isConstant(m2) else { return .nan }
    let n = Double(count)
    let ratio = (n - 1) / n
    return m3 / (m2 * m2.squareRoot()) * ratio * ratio.squareRoot()
  }

  /// Type-3 kurtosis: (g₂ + 3)(1 − 1/n)² − 3; NaN for constant samples.
  func kurtosis() -> Double {
    let (m2, _, m4) = moments()
    guard count > 0, !isConstant(m2) else { return .nan }
    let n = Double(count)
    let g2 = m4 / (m2 * m2) - 3
    return (g2 + 3) * (1 - 1 / n) * (1 - 1 / n) - 3
  }

  /// Median absolute deviation × 1.4826 (`scipy.stats.median_abs_deviation(scale=1/1.4826)`).
  func mad() -> Double {
    let m = quantile(0.5)
    return ColumnStatistics(sorted.map { abs($0 - m) }).quantile(0.5) / (1.0 / 1.4826)
  }

  /// scipy `trim_mean(x, 0.2)`.
  func trimmedMean() -> Double {
    let cut = Int(0.2 * Double(count))
    guard count - cut > cut else { return .nan }
    var s = 0.0
    for i in cut..<(count - cut) { s += sorted[i] }
    return s / Double(count - 2 * cut)
  }
}
