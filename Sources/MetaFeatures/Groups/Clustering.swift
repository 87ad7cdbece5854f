import Foundation

/// pymfe 0.4.4's `clustering` group (`pymfe/clustering.py`, `MFEClustering`): validity indices
/// of the partition of the rows by their class, on the numeric view N as fitted (no
/// rescaling), with pymfe's defaults `dist_metric="euclidean"`, `size=15`, `normalize=False`,
/// `representative="mean"`, `sample_frac=None`. Every feature is a single value (no summary).
///
/// | pymfe name | definition (k classes, n rows, class c with n_c rows, d Euclidean) |
/// |---|---|
/// | `ch` | Calinski–Harabasz (`sklearn.metrics.calinski_harabasz_score`) |
/// | `int` | INT index: 2/(k(k−1)) · Σ_{a<b} mean d between rows of a and rows of b |
/// | `nre` | normalised relative entropy: −Σ_c (n_c/n)·ln(n_c/n) |
/// | `pb` | point-biserial: Pearson r between "same class" and d over all pairs i < j |
/// | `sc` | number of classes with fewer than 15 rows |
/// | `sil` | mean silhouette (`sklearn.metrics.silhouette_score`) |
/// | `vdb` | Davies–Bouldin (`sklearn.metrics.davies_bouldin_score`) |
/// | `vdu` | Dunn: min_{a<b} (min d between a and b)/(n_a·n_b), over max_c max d within c |
///
/// pymfe's precomputations `precompute_nearest_neighbors` and
/// `precompute_class_representatives` feed no 0.4.4 feature and are not reproduced. The
/// pairwise distances come from ``ClusteringDistances``.
enum ClusteringGroup {
  static func extract(_ v: DataViews, into sink: inout FeatureSink) {
    let k = v.classCount
    let n = v.rowCount
    sink.scalar("nre", nre(v.classFreqs, n: n))
    sink.scalar("sc", Double(v.classFreqs.filter { $0 < 15 }.count))
    let labelsValid = k >= 2 && k <= n - 1
    let labelsReason = "needs 2 to n − 1 classes (scikit-learn raises); got \(k) for \(n) rows"
    sink.scalar("ch", labelsValid ? ch(v) : .nan, reason: labelsReason)
    sink.scalar("vdb", labelsValid ? vdb(v) : .nan, reason: labelsReason)
    guard let dists = try? ClusteringDistances(v) else {
      for name in ["int", "pb", "sil", "vdu"] { sink.scalar(name, .nan, reason: "too many rows or columns for BLAS") }
      return
    }
    let pairSums = dists.classPairSums(y: v.y)
    sink.scalar("int", int(pairSums, freqs: v.classFreqs), reason: "a single class has no inter-class distance")
    let (vduValue, vduReason) = vdu(dists, freqs: v.classFreqs)
    sink.scalar("vdu", vduValue, reason: vduReason)
    sink.scalar("pb", pb(dists, pairSums: pairSums, freqs: v.classFreqs, n: n), reason: pbReason(dists, freqs: v.classFreqs, n: n))
    sink.scalar("sil", labelsValid ? sil(dists, v) : .nan, reason: labelsReason)
  }

  /// pymfe `ft_nre`: `scipy.stats.entropy(class_freqs / n)`, the natural-log entropy of the
  /// class proportions.
  static func nre(_ freqs: [Int], n: Int) -> Double {
    var h = 0.0
    for f in freqs where f > 0 {
      let p = Double(f) / Double(n)
      h -= p * log(p)
    }
    return h
  }

  /// pymfe `ft_ch` = `sklearn.metrics.calinski_harabasz_score(N, y)`:
  /// [Σ_c n_c‖μ_c − μ‖²·(n − k)] / [Σ_i ‖xᵢ − μ_{yᵢ}‖²·(k − 1)], and 1 when the within-class
  /// dispersion is exactly 0. Means are sums in row order divided by the count (as numpy).
  static func ch(_ v: DataViews) -> Double {
    let (n, p, k) = (v.rowCount, v.numeric.columns, v.classCount)
    let means = classMeans(v)
    var overall = [Double](repeating: 0, count: p)
    for i in 0..<n {
      for c in 0..<p { overall[c] += v.numeric.storage[i * p + c] }
    }
    for c in 0..<p { overall[c] /= Double(n) }
    var extra = 0.0
    for a in 0..<k {
      var s = 0.0
      for c in 0..<p { s += (means[a * p + c] - overall[c]) * (means[a * p + c] - overall[c]) }
      extra += Double(v.classFreqs[a]) * s
    }
    var intra = 0.0
    for i in 0..<n {
      let a = v.y[i]
      for c in 0..<p {
        let diff = v.numeric.storage[i * p + c] - means[a * p + c]
        intra += diff * diff
      }
    }
    if intra == 0 { return 1 }
    return extra * Double(n - k) / (intra * Double(k - 1))
  }

  /// pymfe `ft_vdb` = `sklearn.metrics.davies_bouldin_score(N, y)`: with sᵢ the mean distance
  /// of class i's rows to its centroid and Mᵢⱼ the distance between centroids,
  /// mean_i max_{j≠i} (sᵢ + sⱼ)/Mᵢⱼ. It is 0 when every sᵢ or every Mᵢⱼ is within 1e-8 of 0
  /// (`isclose`), and a pair of coincident centroids contributes 0 (Mᵢⱼ = ∞).
  static func vdb(_ v: DataViews) -> Double {
    let (n, p, k) = (v.rowCount, v.numeric.columns, v.classCount)
    let means = classMeans(v)
    var spread = [Double](repeating: 0, count: k)
    for i in 0..<n {
      let a = v.y[i]
      var s = 0.0
      for c in 0..<p {
        let diff = v.numeric.storage[i * p + c] - means[a * p + c]
        s += diff * diff
      }
      spread[a] += s.squareRoot()
    }
    for a in 0..<k { spread[a] /= Double(v.classFreqs[a]) }
    var centroid = [Double](repeating: 0, count: k * k)
    for a in 0..<k {
      for b in 0..<k where b != a {
        var s = 0.0
        for c in 0..<p { s += (means[a * p + c] - means[b * p + c]) * (means[a * p + c] - means[b * p + c]) }
        centroid[a * k + b] = s.squareRoot()
      }
    }
    if spread.allSatisfy({ abs($0) <= 1e-8 }) || centroid.allSatisfy({ abs($0) <= 1e-8 }) { return 0 }
    var total = 0.0
    for a in 0..<k {
      var worst = 0.0
      for b in 0..<k where b != a && centroid[a * k + b] != 0 {
        worst = Swift.max(worst, (spread[a] + spread[b]) / centroid[a * k + b])
      }
      total += worst
    }
    return total / Double(k)
  }

  /// pymfe `ft_int`: the normalised inter-class distances d(i, j)/(n_a·n_b) summed over all
  /// pairs of classes a < b and rows i ∈ a, j ∈ b, times 2/(k(k − 1)); NaN for one class.
  static func int(_ pairSums: [Double], freqs: [Int]) -> Double {
    let k = freqs.count
    guard k > 1 else { return .nan }
    var total = 0.0
    for a in 0..<k {
      for b in (a + 1)..<k { total += pairSums[a * k + b] / (Double(freqs[a]) * Double(freqs[b])) }
    }
    return total * 2 / (Double(k) * (Double(k) - 1))
  }

  /// pymfe `ft_vdu`: min over class pairs a < b of the smallest d(i ∈ a, j ∈ b)/(n_a·n_b),
  /// divided by the largest distance between two rows of one class. pymfe raises (NaN) when a
  /// class has a single row and returns ∞ (NaN here) for a single class.
  static func vdu(_ d: ClusteringDistances, freqs: [Int]) -> (Double, String) {
    let k = freqs.count
    if let c = freqs.firstIndex(where: { $0 < 2 }) {
      return (.nan, "class \(c) has a single row, so no intra-class distance (pymfe raises)")
    }
    guard k > 1 else { return (.nan, "a single class has no inter-class distance (pymfe gives inf)") }
    var inter = Double.infinity
    for a in 0..<k {
      for b in (a + 1)..<k { inter = Swift.min(inter, d.interMin[a * k + b] / (Double(freqs[a]) * Double(freqs[b]))) }
    }
    let intra = d.intraMax.max() ?? 0
    return (inter / intra, "every class has all its rows identical (division by 0)")
  }

  /// pymfe `ft_pb`: `scipy.stats.pointbiserialr(same class, d)` over the n(n − 1)/2 pairs
  /// i < j, i.e. the Pearson correlation of the 0/1 indicator "yᵢ = yⱼ" with d(i, j); NaN with
  /// fewer than 2 pairs or when either side is constant (scipy).
  static func pb(_ d: ClusteringDistances, pairSums: [Double], freqs: [Int], n: Int) -> Double {
    guard pbReason(d, freqs: freqs, n: n) == nil else { return .nan }
    let k = freqs.count
    let pairs = Double(n) * Double(n - 1) / 2
    let same = freqs.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
    var sameSum = 0.0
    var sum = 0.0
    for a in 0..<k {
      sameSum += pairSums[a * k + a] / 2
      for b in 0..<k { sum += pairSums[a * k + b] / 2 }
    }
    let cov = sameSum - same * sum / pairs
    let varX = same * (1 - same / pairs)
    let varD = d.pairSquareSum - sum * sum / pairs
    guard varD > 0 else { return .nan }
    return Swift.max(-1, Swift.min(1, cov / (varX * varD).squareRoot()))
  }

  private static func pbReason(_ d: ClusteringDistances, freqs: [Int], n: Int) -> String? {
    if n < 3 { return "fewer than 2 pairs of rows (scipy raises)" }
    if freqs.count == 1 { return "a single class: every pair is in the same class (constant input)" }
    if freqs.allSatisfy({ $0 == 1 }) { return "every class has one row: no pair in the same class (constant input)" }
    if d.pairMin == d.pairMax { return "all pairwise distances are equal (constant input)" }
    return nil
  }

  /// pymfe `ft_sil` = `sklearn.metrics.silhouette_score(N, y, metric="euclidean")` (pymfe
  /// passes `sample_size=n`, a permutation of all rows): mean over rows of (b − a)/max(a, b),
  /// with a the mean distance to the other rows of its class, b the smallest mean distance
  /// to another class; 0 for a row alone in its class or when a = b = 0.
  static func sil(_ d: ClusteringDistances, _ v: DataViews) -> Double {
    let (n, k) = (v.rowCount, v.classCount)
    var total = 0.0
    for i in 0..<n {
      let own = v.y[i]
      let a = d.rowClassSums[i * k + own] / Double(v.classFreqs[own] - 1)
      var b = Double.infinity
      for c in 0..<k where c != own { b = Swift.min(b, d.rowClassSums[i * k + c] / Double(v.classFreqs[c])) }
      let s = (b - a) / Swift.max(a, b)
      total += s.isNaN ? 0 : s
    }
    return total / Double(n)
  }

  /// Row-major k × p class means of N: sums in row order divided by n_c.
  private static func classMeans(_ v: DataViews) -> [Double] {
    let (n, p, k) = (v.rowCount, v.numeric.columns, v.classCount)
    var means = [Double](repeating: 0, count: k * p)
    for i in 0..<n {
      let a = v.y[i]
      for c in 0..<p { means[a * p + c] += v.numeric.storage[i * p + c] }
    }
    for a in 0..<k {
      for c in 0..<p { means[a * p + c] /= Double(v.classFreqs[a]) }
    }
    return means
  }
}
