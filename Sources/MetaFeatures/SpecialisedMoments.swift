/// Mean and sample standard deviation of a `[Double]` with the same arithmetic (sequential
/// sums) as `Statistics.mean` / `Statistics.standardDeviation`, specialised here: those are
/// generic over `Collection` and not inlinable across modules, so per-column calls in hot
/// loops went through iterator witnesses.
enum SpecialisedMoments {
  /// Σx / n; NaN when empty.
  static func mean(_ x: [Double]) -> Double {
    guard !x.isEmpty else { return .nan }
    var s = 0.0
    for v in x { s += v }
    return s / Double(x.count)
  }

  /// √(Σ(x − x̄)² / (n − ddof)); NaN when n ≤ ddof.
  static func standardDeviation(_ x: [Double], ddof: Int) -> Double {
    guard x.count > ddof else { return .nan }
    let m = mean(x)
    var ss = 0.0
    for v in x { ss += (v - m) * (v - m) }
    return (ss / Double(x.count - ddof)).squareRoot()
  }
}
