import Foundation

/// The Shapiro–Wilk test of normality, Royston's algorithm AS R94 (1995) as scipy's
/// `scipy.stats.shapiro` runs it (the Cython port of `swilk.f`).
///
/// W = (Σ aᵢ x₍ᵢ₎)² / Σ (xᵢ − x̄)², with the coefficients aᵢ from Royston's polynomial
/// approximations; the p-value is exact for n = 3 and from Royston's normalising
/// transformations for 4 ≤ n ≤ 11 and n ≥ 12. Used by the `nr_norm` meta-feature.
public enum ShapiroWilk {
  /// The outcome of one test.
  public struct Result: Sendable, Equatable {
    /// The statistic W, 0 < W ≤ 1.
    public var w: Double
    /// The p-value, 0 ≤ p ≤ 1.
    public var p: Double
  }

  /// Runs the test on `sample`.
  ///
  /// As scipy, the sample is sorted and shifted by its middle element; a sample with zero
  /// range gives W = 1, p = 1.
  /// - Parameter sample: at least 3 finite values (p-values are approximate above 5000).
  /// - Returns: W and p, or `nil` when there are fewer than 3 values or a NaN.
  public static func test(_ sample: [Double]) -> Result? {
    let n = sample.count
    guard n >= 3, !sample.contains(where: \.isNaN) else { return nil }
    return test(sorted: sample.sorted(), middle: sample[n / 2], coefficients: Coefficients(n: n))
  }

  /// The parts of the test that depend only on the sample size: Royston's coefficients aᵢ
  /// and their mean and sum of squared deviations.
  struct Coefficients {
    let n: Int
    /// a₁…a_{n/2} (swilk's `a`).
    let a: [Double]
    /// Mean of the antisymmetric coefficients over the n positions.
    let sa: Double
    /// Σ (coefᵢ − sa)².
    let ssa: Double

    /// The coefficients for samples of `n` ≥ 3 values.
    init(n: Int) {
      self.n = n
      let nn2 = n / 2
      var a = [Double](repeating: 0, count: nn2)
      let an = Double(n)
      if n == 3 {
        a[0] = 2.0.squareRoot() / 2
      } else {
        let an25 = an + 0.25
        var summ2 = 0.0
        for i in 0..<nn2 {
          let t = ShapiroWilk.ppnd((Double(i + 1) - 0.375) / an25)
          a[i] = t
          summ2 += t * t
        }
        summ2 *= 2
        let ssumm2 = summ2.squareRoot()
        let rsn = 1 / an.squareRoot()
        let a1 = ShapiroWilk.poly(ShapiroWilk.c1, rsn) - a[0] / ssumm2
        let i1: Int
        let fac: Double
        if n > 5 {
          i1 = 2
          let a2 = -a[1] / ssumm2 + ShapiroWilk.poly(ShapiroWilk.c2, rsn)
          fac = ((summ2 - 2 * a[0] * a[0] - 2 * a[1] * a[1]) / (1 - 2 * a1 * a1 - 2 * a2 * a2)).squareRoot()
          a[1] = a2
        } else {
          i1 = 1
          fac = ((summ2 - 2 * a[0] * a[0]) / (1 - 2 * a1 * a1)).squareRoot()
        }
        a[0] = a1
        if i1 < nn2 { for i in i1..<nn2 { a[i] *= -1 / fac } }
      }
      self.a = a
      var sa = 0.0
      for i in 0..<n { sa += Self.coef(a, n, i) }
      sa /= an
      var ssa = 0.0
      for i in 0..<n {
        let asa = Self.coef(a, n, i) - sa
        ssa += asa * asa
      }
      self.sa = sa
      self.ssa = ssa
    }

    /// Antisymmetric coefficient of sorted position i (0-based).
    @inline(__always)
    static func coef(_ a: [Double], _ n: Int, _ i: Int) -> Double {
      let j = n - 1 - i
      if i == j { return 0 }
      return i < j ? -a[i] : a[j]
    }
  }

  /// Runs the test on a sample given sorted ascending, with `middle` its unsorted element at
  /// index n/2 (scipy shifts the sample by it) and the coefficients for its size.
  static func test(sorted: [Double], middle mid: Double, coefficients c: Coefficients) -> Result {
    let n = sorted.count
    let an = Double(n)
    let range = (sorted[n - 1] - mid) - (sorted[0] - mid)
    guard range >= 1e-19 else { return Result(w: 1, p: 1) }
    var sx = 0.0
    for i in 0..<n { sx += (sorted[i] - mid) / range }
    sx /= an
    let sa = c.sa
    var ssx = 0.0
    var sax = 0.0
    for i in 0..<n {
      let asa = Coefficients.coef(c.a, n, i) - sa
      let xsx = (sorted[i] - mid) / range - sx
      ssx += xsx * xsx
      sax += asa * xsx
    }
    let ssa = c.ssa
    let ssassx = (ssa * ssx).squareRoot()
    let w1 = (ssassx - sax) * (ssassx + sax) / (ssa * ssx)
    let w = 1 - w1
    if n == 3 {
      if w < 0.75 { return Result(w: 0.75, p: 0) }
      return Result(w: w, p: 1 - 6 / Double.pi * acos(w.squareRoot()))
    }
    var yv = log(w1)
    let lx = log(an)
    let m: Double
    let s: Double
    if n <= 11 {
      let gamma = poly([-2.273, 0.459], an)
      if yv >= gamma { return Result(w: w, p: 1e-19) }
      yv = -log(gamma - yv)
      m = poly(c3, an)
      s = exp(poly(c4, an))
    } else {
      m = poly(c5, lx)
      s = exp(poly(c6, lx))
    }
    return Result(w: w, p: alnormUpper((yv - m) / s))
  }

  fileprivate static let c1 = [0.0, 0.221157, -0.147981, -0.207119e1, 0.4434685e1, -0.2706056e1]
  fileprivate static let c2 = [0.0, 0.42981e-1, -0.293762, -0.1752461e1, 0.5682633e1, -0.3582633e1]
  private static let c3 = [0.5440, -0.39978, 0.25054e-1, -0.6714e-3]
  private static let c4 = [0.13822e1, -0.77857, 0.62767e-1, -0.20322e-2]
  private static let c5 = [-0.15861e1, -0.31082, -0.83751e-1, 0.38915e-2]
  private static let c6 = [-0.4803, -0.82676e-1, 0.30302e-2]

  /// Royston's polynomial c₀ + c₁x + … evaluated as swilk's `poly` (same operation order).
  fileprivate static func poly(_ c: [Double], _ x: Double) -> Double {
    let nord = c.count
    var res = c[0]
    if nord == 1 { return res }
    var p = x * c[nord - 1]
    if nord == 2 { return res + p }
    var i = nord - 2
    while i > 0 {
      p = (p + c[i]) * x
      i -= 1
    }
    res += p
    return res
  }

  /// AS 111 normal quantile (swilk's `ppnd`).
  fileprivate static func ppnd(_ p: Double) -> Double {
    let q = p - 0.5
    if abs(q) <= 0.42 {
      let r = q * q
      return q * (((-25.44106049637 * r + 41.39119773534) * r + -18.61500062529) * r + 2.50662823884)
        / ((((3.13082909833 * r + -21.06224101826) * r + 23.08336743743) * r + -8.47351093090) * r + 1)
    }
    var r = q > 0 ? 1 - p : p
    guard r > 0 else { return 0 }
    r = (-log(r)).squareRoot()
    let t =
      (((2.32121276858 * r + 4.85014127135) * r + -2.29796479134) * r + -2.78718931138)
      / ((1.63706781897 * r + 3.54388924762) * r + 1)
    return q < 0 ? -t : t
  }

  /// AS 66 upper normal tail area from `x` to ∞ (swilk's `alnorm(x, upper=True)`).
  private static func alnormUpper(_ x: Double) -> Double {
    var upper = true
    var z = x
    if !(z > 0) {
      upper = false
      z = -z
    }
    if !(z <= 7 || (upper && z <= 38)) { return upper ? 0 : 1 }
    let y = 0.5 * z * z
    let temp: Double
    if z <= 1.28 {
      temp = 0.5 - z * (0.398942280444 - 0.399903438504 * y / (y + 5.75885480458 - 29.8213557808 / (y + 2.62433121679 + 48.6959930692 / (y + 5.92885724438))))
    } else {
      temp =
        0.398942280385 * exp(-y)
        / (z - 3.8052e-8 + 1.00000615302
          / (z + 3.98064794e-4 + 1.98615381364
            / (z - 0.151679116635 + 5.29330324926 / (z + 4.8385912808 - 15.1508972451 / (z + 0.742380924027 + 30.789933034 / (z + 3.99019417011))))))
    }
    return upper ? temp : 1 - temp
  }
}
