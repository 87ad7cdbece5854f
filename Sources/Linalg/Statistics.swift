// Summary statistics of samples, with numpy/scipy and pymfe 0.4.4 conventions.

/// Summary statistics of a sample of `Double`s, matching numpy, scipy and pymfe 0.4.4.
///
/// Conventions: sample variance and standard deviation default to `ddof = 1` (pymfe's
/// default); skewness and kurtosis are "type 3" (the e1071 convention pymfe uses); quantiles
/// use numpy's default linear interpolation. An empty sample, or a sample holding NaN, gives NaN
/// (as numpy does) rather than an error.
///
/// The O(n) summaries are `@inlinable`, so callers in other modules (the meta-feature groups'
/// summaries of per-node or per-class vectors) get them specialised for their collection type
/// rather than running the generic `reduce` through witness tables.
public enum Statistics {
  /// The arithmetic mean `Σxᵢ/n`; NaN when the sample is empty.
  ///
  /// - Parameter x: the sample.
  /// - Complexity: O(n).
  @inlinable
  public static func mean(_ x: some Collection<Double>) -> Double {
    guard !x.isEmpty else { return .nan }
    return x.reduce(0, +) / Double(x.count)
  }

  /// The variance `Σ(xᵢ − x̄)²/(n − ddof)`, as numpy's `var(x, ddof=ddof)`.
  ///
  /// - Parameters:
  ///   - x: the sample.
  ///   - ddof: delta degrees of freedom, ≥ 0 (default 1: the unbiased sample variance).
  /// - Returns: the variance, or NaN when `n ≤ ddof`.
  /// - Complexity: O(n).
  @inlinable
  public static func variance(_ x: some Collection<Double>, ddof: Int = 1) -> Double {
    precondition(ddof >= 0, "Statistics.variance: ddof must be non-negative, got \(ddof)")
    guard x.count > ddof else { return .nan }
    let m = mean(x)
    let ss = x.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    return ss / Double(x.count - ddof)
  }

  /// The standard deviation `√variance(x, ddof)`, as numpy's `std(x, ddof=ddof)`.
  ///
  /// - Parameters:
  ///   - x: the sample.
  ///   - ddof: delta degrees of freedom, ≥ 0 (default 1).
  /// - Returns: the standard deviation, or NaN when `n ≤ ddof`.
  /// - Complexity: O(n).
  @inlinable
  public static func standardDeviation(_ x: some Collection<Double>, ddof: Int = 1) -> Double {
    variance(x, ddof: ddof).squareRoot()
  }

  /// The skewness of type 3, as pymfe 0.4.4's `skewness` (method 3, the e1071 convention).
  ///
  /// ```
  /// g₁ = m₃ / m₂^(3/2)            (scipy.stats.skew(x, bias=True); mₖ = Σ(xᵢ − x̄)ᵏ / n)
  /// b₁ = g₁ · ((n − 1)/n)^(3/2)   (= m₃ / s³ with s the ddof=1 standard deviation)
  /// ```
  /// - Parameter x: the sample.
  /// - Returns: `b₁`, or NaN when the sample is empty or (numerically) constant, as scipy:
  ///   `m₂ ≤ (ε·x̄)²` with ε the `Double` epsilon.
  /// - Complexity: O(n).
  @inlinable
  public static func skewness(_ x: some Collection<Double>) -> Double {
    guard let (m, m2) = centralMoment2(x) else { return .nan }
    let m3 = x.reduce(0) { $0 + cube($1 - m) } / Double(x.count)
    let n = Double(x.count)
    let g1 = m3 / (m2 * m2.squareRoot())
    let ratio = (n - 1) / n
    return g1 * ratio * ratio.squareRoot()
  }

  /// The excess kurtosis of type 3, as pymfe 0.4.4's `kurtosis` (method 3, the e1071 convention).
  ///
  /// ```
  /// g₂ = m₄ / m₂² − 3              (scipy.stats.kurtosis(x, bias=True))
  /// b₂ = (g₂ + 3) · (1 − 1/n)² − 3
  /// ```
  /// - Parameter x: the sample.
  /// - Returns: `b₂`, or NaN when the sample is empty or (numerically) constant, as scipy.
  /// - Complexity: O(n).
  @inlinable
  public static func kurtosis(_ x: some Collection<Double>) -> Double {
    guard let (m, m2) = centralMoment2(x) else { return .nan }
    let m4 = x.reduce(0) { $0 + square(square($1 - m)) } / Double(x.count)
    let n = Double(x.count)
    let g2 = m4 / (m2 * m2) - 3
    return (g2 + 3) * square(1 - 1 / n) - 3
  }

  /// The median (the 0.5 quantile, averaging the two middle values for even n); NaN when empty or with NaN.
  ///
  /// - Parameter x: the sample.
  /// - Complexity: O(n log n).
  public static func median(_ x: some Collection<Double>) -> Double {
    quantile(x, 0.5)
  }

  /// The `p`-quantile with numpy's default (`method="linear"`, type 7) interpolation.
  ///
  /// With the sorted sample `x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎`, `h = (n − 1)·p`, the result is
  /// `x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)`.
  /// - Parameters:
  ///   - x: the sample.
  ///   - p: the probability, 0 ≤ p ≤ 1.
  /// - Returns: the quantile, or NaN when the sample is empty or holds NaN.
  /// - Complexity: O(n log n).
  public static func quantile(_ x: some Collection<Double>, _ p: Double) -> Double {
    quantiles(x, [p])[0]
  }

  /// Several quantiles of one sample, sorting it once; see ``quantile(_:_:)``.
  ///
  /// - Parameters:
  ///   - x: the sample.
  ///   - ps: the probabilities, each 0 ≤ p ≤ 1.
  /// - Returns: one quantile per element of `ps` (NaN for an empty sample or one holding NaN).
  /// - Complexity: O(n log n + |ps|).
  public static func quantiles(_ x: some Collection<Double>, _ ps: [Double]) -> [Double] {
    quantiles(Array(x), ps)
  }

  /// The quantiles of an array: the generic version above, specialised and inlinable, so hot
  /// callers in other modules (the meta-feature data views) sort `[Double]` directly rather than
  /// through a generic collection's witnesses.
  @inlinable
  public static func quantiles(_ x: [Double], _ ps: [Double]) -> [Double] {
    for p in ps { precondition(p >= 0 && p <= 1, "Statistics.quantile: p must be in [0, 1], got \(p)") }
    guard !x.isEmpty, !x.contains(where: \.isNaN) else { return ps.map { _ in .nan } }
    let sorted = x.sorted()
    let last = sorted.count - 1
    return ps.map { p in
      let h = Double(last) * p
      let lo = Swift.min(Int(h.rounded(.down)), last)
      let hi = Swift.min(lo + 1, last)
      let t = h - Double(lo)
      let (a, b) = (sorted[lo], sorted[hi])
      // numpy's _lerp: exact at both ends of the interval.
      return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    }
  }

  /// The smallest value; NaN when the sample is empty or holds NaN (as numpy's `min`).
  ///
  /// - Parameter x: the sample.
  /// - Complexity: O(n).
  @inlinable
  public static func min(_ x: some Collection<Double>) -> Double {
    guard !x.isEmpty, !x.contains(where: \.isNaN) else { return .nan }
    return x.reduce(.infinity) { Swift.min($0, $1) }
  }

  /// The largest value; NaN when the sample is empty or holds NaN (as numpy's `max`).
  ///
  /// - Parameter x: the sample.
  /// - Complexity: O(n).
  @inlinable
  public static func max(_ x: some Collection<Double>) -> Double {
    guard !x.isEmpty, !x.contains(where: \.isNaN) else { return .nan }
    return x.reduce(-.infinity) { Swift.max($0, $1) }
  }

  /// The mean and the biased second central moment, or nil where scipy returns NaN
  /// (empty sample, or `m₂ ≤ (ε·mean)²`).
  @inlinable
  static func centralMoment2(_ x: some Collection<Double>) -> (mean: Double, m2: Double)? {
    guard !x.isEmpty else { return nil }
    let m = mean(x)
    let m2 = x.reduce(0) { $0 + square($1 - m) } / Double(x.count)
    guard m2 > square(Double.ulpOfOne * m) else { return nil }
    return (m, m2)
  }

  @usableFromInline
  static func square(_ v: Double) -> Double { v * v }
  @usableFromInline
  static func cube(_ v: Double) -> Double { v * v * v }
}
