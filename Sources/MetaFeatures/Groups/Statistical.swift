import Foundation
import Linalg

/// pymfe's `statistical` group, on the numeric view N (per-attribute values are summarised).
///
/// | pymfe name | definition |
/// |---|---|
/// | `mean`, `median`, `min`, `max` | per attribute |
/// | `sd`, `var` | sample sd / variance, ddof = 1 |
/// | `range` | max − min |
/// | `iq_range` | Q3 − Q1, numpy linear quantiles |
/// | `t_mean` | 20 % trimmed mean: mean of the sorted values ⌊0.2n⌋ ..< n − ⌊0.2n⌋ (`scipy trim_mean`) |
/// | `mad` | median |x − median x| × 1.4826 |
/// | `skewness` | type 3: g₁((n−1)/n)^{3/2} |
/// | `kurtosis` | type 3: (g₂ + 3)(1 − 1/n)² − 3 |
/// | `g_mean` | geometric mean; 0 when 0 ≤ min < 1e-10, NaN when min < 0 |
/// | `h_mean` | harmonic mean n / Σ 1/x (empty when any x < 0) |
/// | `cor` | \|Pearson r\| of every attribute pair |
/// | `cov` | \|covariance\| (ddof = 1) of every attribute pair |
/// | `eigenvalues` | eigenvalues of the covariance matrix, ascending |
/// | `nr_cor_attr` | #pairs with \|r\| ≥ 0.5 × 2/(p(p−1)) |
/// | `nr_outliers` | #attributes with a value outside [Q1 − 1.5 IQR, Q3 + 1.5 IQR] |
/// | `nr_norm` | #attributes whose Shapiro–Wilk p > 0.05 on the first 5000 rows |
/// | `sparsity` | on X: (n / #distinct − 1)/(n − 1) per attribute |
/// | `gravity` | ‖centroid(majority class) − centroid(minority class)‖₂ |
/// | `sd_ratio` | Box's M homogeneity statistic (see ``sdRatio(_:)``) |
/// | `can_cor`, `nr_disc` | canonical correlations of N with one-hot y, and their count |
/// | `w_lambda`, `p_trace`, `lh_trace`, `roy_root` | with λᵢ = ρᵢ²/(1 − ρᵢ²): Π 1/(1+λᵢ), Σρᵢ², Σλᵢ, max λᵢ |
enum StatisticalGroup {
  static func extract(_ v: DataViews, into sink: inout FeatureSink) {
    let cols = v.numericColumns
    let n = v.rowCount
    let stats = cols.indices.map { ColumnStatistics(cols[$0], sorted: v.sortedNumericColumn($0)) }
    sink.vector("mean", stats.map(\.mean))
    sink.vector("sd", stats.map { $0.variance().squareRoot() })
    sink.vector("var", stats.map { $0.variance() })
    sink.vector("min", stats.map { $0.sorted.first ?? .nan })
    sink.vector("max", stats.map { $0.sorted.last ?? .nan })
    let quartiles = stats.map { s in [0, 0.25, 0.5, 0.75, 1].map { s.quantile($0) } }
    sink.vector("median", quartiles.map { $0[2] })
    sink.vector("range", quartiles.map { $0[4] - $0[0] })
    sink.vector("iq_range", quartiles.map { $0[3] - $0[1] })
    sink.vector("t_mean", stats.map { $0.trimmedMean() })
    sink.vector("mad", stats.map { $0.mad() })
    let constant = stats.contains { SortedColumn.distinctCount(sorted: $0.sorted) <= 1 } ? "constant column" : nil
    sink.vector("skewness", stats.map { $0.skewness() }, reason: constant)
    sink.vector("kurtosis", stats.map { $0.kurtosis() }, reason: constant)
    sink.vector(
      "g_mean", cols.indices.map { geometricMean(cols[$0], min: stats[$0].sorted.first) },
      reason: "an attribute with negative values")
    let hasNegative = stats.contains { ($0.sorted.first ?? 0) < 0 }
    sink.vector(
      "h_mean", hasNegative ? [] : cols.map { Double($0.count) / $0.reduce(0) { $0 + 1 / $1 } },
      reason: hasNegative ? "harmonic mean undefined: an attribute has negative values" : nil)
    let outliers = quartiles.filter { q in
      let w = 1.5 * (q[3] - q[1])
      return q[1] - w > q[0] || q[3] + w < q[4]
    }.count
    sink.scalar("nr_outliers", Double(outliers))
    sink.scalar("nr_norm", n >= 3 ? Double(normalCount(cols, stats)) : .nan, reason: "Shapiro–Wilk needs at least 3 rows")
    sink.vector("sparsity", sparsity(v, stats), reason: "a single row")
    pairwise(v, into: &sink)
    sink.scalar("gravity", gravity(v), reason: "fewer than two classes")
    let (sdRatio, sdReason) = Self.sdRatio(v)
    sink.scalar("sd_ratio", sdRatio, reason: sdReason)
    canonical(v, into: &sink)
  }

  /// The number of columns whose Shapiro–Wilk p > 0.05 on the first 5000 rows (the
  /// coefficients depend only on the row count, so they are computed once).
  private static func normalCount(_ cols: [[Double]], _ stats: [ColumnStatistics]) -> Int {
    guard let n = cols.first.map({ Swift.min($0.count, 5000) }), n >= 3 else { return 0 }
    let coefficients = ShapiroWilk.Coefficients(n: n)
    var normal = 0
    for (col, s) in zip(cols, stats) where !col.prefix(n).contains(where: \.isNaN) {
      let sorted = col.count == n ? s.sorted : SortedColumn.sorted(Array(col.prefix(n)))
      if ShapiroWilk.test(sorted: sorted, middle: col[n / 2], coefficients: coefficients).p > 0.05 { normal += 1 }
    }
    return normal
  }

  /// (n / #distinct − 1)/(n − 1) per attribute of X: numeric attributes are N's first
  /// columns (sorted already), categorical ones have their observed levels.
  private static func sparsity(_ v: DataViews, _ stats: [ColumnStatistics]) -> [Double] {
    let n = Double(v.rowCount)
    var numeric = 0
    var categorical = 0
    return v.isCategorical.map { isCat in
      let distinct: Int
      if isCat {
        distinct = v.categoryLevels[categorical]
        categorical += 1
      } else {
        distinct = SortedColumn.distinctCount(sorted: stats[numeric].sorted)
        numeric += 1
      }
      return (n / Double(distinct) - 1) / (n - 1)
    }
  }

  /// The geometric mean of `x`, whose smallest value is `min` (nil when `x` is empty).
  static func geometricMean(_ x: [Double], min: Double?) -> Double {
    guard let m = min else { return .nan }
    if m < 0 { return .nan }
    if m < 1e-10 { return 0 }
    return exp(x.reduce(0) { $0 + log($1) } / Double(x.count))
  }

  /// `cor`, `cov`, `eigenvalues` and `nr_cor_attr` from one covariance matrix (BLAS gemm).
  private static func pairwise(_ v: DataViews, into sink: inout FeatureSink) {
    let p = v.numeric.columns
    guard p >= 2, let cov = try? Statistics.covarianceMatrix(v.numeric) else {
      let reason = "needs at least two numeric attributes"
      for name in ["cor", "cov", "eigenvalues"] { sink.vector(name, [], reason: reason) }
      sink.scalar("nr_cor_attr", .nan, reason: reason)
      return
    }
    var cors: [Double] = []
    var covs: [Double] = []
    for i in 0..<p {
      for j in 0..<i {
        covs.append(abs(cov[i, j]))
        let r = cov[i, j] / cov[i, i].squareRoot() / cov[j, j].squareRoot()
        cors.append(r.isNaN ? r : Swift.min(1, abs(r)))
      }
    }
    let constant = (0..<p).contains { !(cov[$0, $0] > 0) }
    sink.vector("cor", cors, reason: constant ? "constant column (zero variance)" : nil)
    sink.vector("cov", covs)
    let eig = try? cov.symmetricEigenvalues()
    sink.vector("eigenvalues", eig ?? [], reason: eig == nil ? "covariance matrix not finite" : nil)
    let strong = strongCorrelationCount(cors, columns: v.numericColumns)
    sink.scalar("nr_cor_attr", Double(strong) * (2.0 / (Double(p) * (Double(p) - 1.0))))
  }

  /// The number of attribute pairs with |r| ≥ 0.5, decided the same way on every host.
  ///
  /// `cors` (lower triangle, row by row) come from a BLAS `gemm`, whose last bits change with
  /// the CPU's kernel. A pair within 1e-8 of the threshold is recomputed with
  /// ``Statistics/compensatedCorrelation(_:_:)`` (fixed order, no BLAS) and counts when that is
  /// at least 0.5 − 1e-12. Tie rule: a correlation of exactly 0.5 counts, as the definition
  /// says ≥; pymfe's `np.corrcoef` may round it to either side (on car-good three pairs are 0.5
  /// in exact arithmetic and 0.49999999999999606 in pymfe, so pymfe counts none of them).
  static func strongCorrelationCount(_ cors: [Double], columns: [[Double]]) -> Int {
    var strong = 0
    var k = 0
    for i in columns.indices {
      for j in 0..<i {
        let r = cors[k]
        k += 1
        if abs(r - 0.5) <= 1e-8 {
          if abs(Statistics.compensatedCorrelation(columns[i], columns[j])) >= 0.5 - 1e-12 { strong += 1 }
        } else if r >= 0.5 {
          strong += 1
        }
      }
    }
    return strong
  }

  /// Distance between the centroids of the majority and the minority class (first in class order on ties).
  static func gravity(_ v: DataViews) -> Double {
    guard v.classCount >= 2 else { return .nan }
    let freqs = v.classFreqs
    var maj = 0
    for c in freqs.indices where freqs[c] > freqs[maj] { maj = c }
    var minority = -1
    for c in freqs.indices where c != maj && (minority < 0 || freqs[c] < freqs[minority]) { minority = c }
    var sum = 0.0
    for col in v.numericColumns {
      var a = 0.0
      var b = 0.0
      for i in col.indices {
        if v.y[i] == maj { a += col[i] } else if v.y[i] == minority { b += col[i] }
      }
      let diff = a / Double(freqs[maj]) - b / Double(freqs[minority])
      sum += diff * diff
    }
    return sum.squareRoot()
  }

  private static func canonical(_ v: DataViews, into sink: inout FeatureSink) {
    let names = ["w_lambda", "p_trace", "lh_trace", "roy_root"]
    guard let rho = try? CanonicalCorrelation.correlations(v.numericColumns, classes: v.y, classCount: v.classCount),
      !rho.isEmpty
    else {
      let reason = v.classCount < 2 ? "single class" : "no canonical correlation"
      sink.vector("can_cor", [], reason: reason)
      sink.scalar("nr_disc", v.classCount < 2 ? .nan : 0, reason: reason)
      for name in names { sink.scalar(name, .nan, reason: reason) }
      return
    }
    // λ = ρ²/(1 − ρ²). A canonical correlation of 1 in exact arithmetic (a linear function of the
    // attributes that separates the classes exactly) comes out of the eigen-solver as 1 − ρ² of a
    // few ulps, whose size (and so λ ≈ 1e14…1e15) changes with the BLAS kernel; pymfe's is NaN or
    // the same kind of noise. Tie rule: 1 − ρ² ≤ 1e-10 is a correlation of 1, λ infinite, and
    // lh_trace and roy_root undefined (NaN), whatever the kernel.
    let lambda = rho.map { r -> Double in
      let residual = 1 - r * r
      return residual <= 1e-10 ? .infinity : r * r / residual
    }
    sink.vector("can_cor", rho)
    sink.scalar("nr_disc", Double(rho.count))
    sink.scalar("w_lambda", exp(-lambda.reduce(0) { $0 + log1p($1) }), reason: "a canonical correlation of 1")
    sink.scalar("p_trace", rho.reduce(0) { $0 + $1 * $1 })
    sink.scalar("lh_trace", lambda.reduce(0, +), reason: "a canonical correlation of 1")
    sink.scalar("roy_root", lambda.max() ?? .nan, reason: "a canonical correlation of 1")
  }
}
