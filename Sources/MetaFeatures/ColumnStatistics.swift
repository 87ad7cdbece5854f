import Foundation

/// Per-column statistics computed from one sorted copy, specialised for `[Double]`.
///
/// Linalg's `Statistics` takes `some Collection<Double>` across a module boundary and runs
/// unspecialised (a profile of `statistical` on mushroom spent most of its time in generic
/// witnesses and allocation); these give the same definitions (numpy linear quantiles,
/// scipy's type-3 moments) on a sorted array. The central moments are summed once, in sorted
/// order.
struct ColumnStatistics {
  let sorted: [Double]
  let mean: Double
  /// Biased central moments m₂, m₃, m₄ (sums in sorted order).
  let m2: Double
  let m3: Double
  let m4: Double

  /// Statistics of `x`, sorting it.
  init(_ x: [Double]) {
    self.init(x, sorted: x.sorted())
  }

  /// Statistics of `x` given its sorted copy `sorted` (the mean sums `x` in its own order).
  init(_ x: [Double], sorted: [Double]) {
    self.sorted = sorted
    var s = 0.0
    for v in x { s += v }
    let mean = x.isEmpty ? .nan : s / Double(x.count)
    self.mean = mean
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
    (self.m2, self.m3, self.m4) = (m2 / n, m3 / n, m4 / n)
  }

  var count: Int { sorted.count }

  /// numpy `quantile(method="linear")`.
  func quantile(_ p: Double) -> Double {
    Self.quantile(sorted: sorted, p)
  }

  /// numpy `quantile(method="linear")` of an ascending array (NaN when empty or the last value is NaN).
  static func quantile(sorted: [Double], _ p: Double) -> Double {
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
  func moments() -> (Double, Double, Double) { (m2, m3, m4) }

  /// Sample variance with ddof = 1 (NaN for n ≤ 1).
  func variance() -> Double {
    guard count > 1 else { return .nan }
    return m2 * Double(count) / Double(count - 1)
  }

  /// `true` when scipy treats the sample as constant (m₂ ≤ (ε·mean)²).
  private func isConstant(_ m2: Double) -> Bool {
    m2 <= (Double.ulpOfOne * mean) * (Double.ulpOfOne * mean)
  }

  /// Type-3 skewness: g₁ ((n − 1)/n)^{3/2}; NaN for constant samples.
  func skewness() -> Double {
    guard count > 0, !isConstant(m2) else { return .nan }
    let n = Double(count)
    let ratio = (n - 1) / n
    return m3 / (m2 * m2.squareRoot()) * ratio * ratio.squareRoot()
  }

  /// Type-3 kurtosis: (g₂ + 3)(1 − 1/n)² − 3; NaN for constant samples.
  func kurtosis() -> Double {
    guard count > 0, !isConstant(m2) else { return .nan }
    let n = Double(count)
    let g2 = m4 / (m2 * m2) - 3
    return (g2 + 3) * (1 - 1 / n) * (1 - 1 / n) - 3
  }

  /// Median absolute deviation × 1.4826 (`scipy.stats.median_abs_deviation(scale=1/1.4826)`).
  ///
  /// The deviations |x − m| of the sorted values below the median m fall as x rises and those
  /// at or above it rise, so merging the two runs gives the sorted deviations without sorting;
  /// only the two middle ones are needed.
  func mad() -> Double {
    let n = sorted.count
    guard n > 0, !(sorted.last?.isNaN ?? true) else { return .nan }
    let m = quantile(0.5)
    let h = Double(n - 1) * 0.5
    let lo = Swift.min(Int(h.rounded(.down)), n - 1)
    let hi = Swift.min(lo + 1, n - 1)
    var split = 0
    while split < n && sorted[split] < m { split += 1 }
    var left = split - 1
    var right = split
    var a = 0.0
    var b = 0.0
    for k in 0...hi {
      let value: Double
      if left >= 0 && (right >= n || abs(sorted[left] - m) <= abs(sorted[right] - m)) {
        value = abs(sorted[left] - m)
        left -= 1
      } else {
        value = abs(sorted[right] - m)
        right += 1
      }
      if k == lo { a = value }
      if k == hi { b = value }
    }
    let t = h - Double(lo)
    let median = t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    return median / (1.0 / 1.4826)
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
