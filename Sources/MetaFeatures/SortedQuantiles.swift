/// numpy's default (linear) quantiles of a `[Double]` without NaN, specialised here: the generic
/// `Statistics.quantiles` is not inlinable across modules and sorts through value witnesses
/// (an allocation per element), which dominated the data views of every group.
enum SortedQuantiles {
  /// The quantiles of `x` at `ps` (each in [0, 1]); NaN for an empty sample or one holding NaN.
  static func of(_ x: [Double], _ ps: [Double]) -> [Double] {
    guard !x.isEmpty, !x.contains(where: \.isNaN) else { return ps.map { _ in .nan } }
    let sorted = x.sorted()
    let last = sorted.count - 1
    return ps.map { p in
      let h = Double(last) * p
      let lo = Swift.min(Int(h.rounded(.down)), last)
      let hi = Swift.min(lo + 1, last)
      let t = h - Double(lo)
      let (a, b) = (sorted[lo], sorted[hi])
      return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t  // numpy's _lerp
    }
  }
}
