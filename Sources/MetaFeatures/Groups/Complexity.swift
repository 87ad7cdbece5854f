import Foundation
import Linalg

/// pymfe's `complexity` group (Lorena et al. 2019), on the numeric view N.
///
/// Feature-overlap measures, per pair of classes (i, j) (one-versus-one, class order):
/// | pymfe name | definition |
/// |---|---|
/// | `f1` | per attribute: 1/(1 + Σ_c n_c(μ_c − μ)² / Σ_c Σ_{x∈c}(x − μ_c)²) |
/// | `f1v` | per pair: 1/(1 + dᵀBd / dᵀWd), d = W⁺(μᵢ − μⱼ), W = (nᵢSᵢ + nⱼSⱼ)/(nᵢ + nⱼ), B = (μᵢ−μⱼ)(μᵢ−μⱼ)ᵀ |
/// | `f2` | per pair: Π_attr max(0, minmax − maxmin)/(maxmax − minmin) |
/// | `f3` | per pair: fewest points of one attribute inside the overlap region / (nᵢ + nⱼ) |
/// | `f4` | per pair: points left after repeatedly removing those outside the overlap of the least-overlapping attribute / (nᵢ + nⱼ) |
/// Class balance and dimensionality:
/// | `c1` | entropy of the class proportions / ln k |
/// | `c2` | 1 − 1/IR, IR = (k−1)/k Σ_c n_c/(n − n_c) |
/// | `t2` | p/n |
/// | `t3` | m/n, m = #principal components for 95 % of the variance |
/// | `t4` | m/p |
/// Linear-SVM measures are in ``ComplexityLinear``; distance measures in ``ComplexityNeighbourhood``,
/// ``ComplexityGraph``, ``ComplexityHyperspheres`` and ``ComplexityInterpolation``.
enum ComplexityGroup {
  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
    let n = v.rowCount
    let k = v.classCount
    let p = v.numeric.columns
    let freqs = v.classFreqs.map(Double.init)
    // c1, c2
    let entropy = -freqs.reduce(0.0) { acc, f in
      let q = f / Double(n)
      return q > 0 ? acc + q * log(q) : acc
    }
    sink.scalar("c1", entropy / log(Double(k)), reason: "single class")
    let ir = Double(k - 1) / Double(k) * freqs.reduce(0) { $0 + $1 / (Double(n) - $1) }
    sink.scalar("c2", 1 - 1 / ir, reason: "single class")
    // t2, t3, t4
    sink.scalar("t2", Double(p) / Double(n))
    let m = principalComponents(v.numeric)
    sink.scalar("t3", m / Double(n), reason: "PCA undefined")
    sink.scalar("t4", m / Double(p), reason: "PCA undefined")
    // f1 .. f4
    let members = (0..<k).map { c in (0..<n).filter { v.y[$0] == c } }
    sink.vector("f1", f1(v, members))
    var pairs: [(Int, Int)] = []
    for i in 0..<k { for j in (i + 1)..<Swift.max(k, i + 1) { pairs.append((i, j)) } }
    let reason = k < 2 ? "single class: no class pairs" : nil
    sink.vector("f1v", pairs.map { f1v(v, members[$0.0], members[$0.1]) }, reason: reason)
    sink.vector("f2", pairs.map { f2(v, members[$0.0], members[$0.1]) }, reason: reason ?? "constant attribute (0/0)")
    sink.vector("f3", pairs.map { f3(v, members[$0.0], members[$0.1]) }, reason: reason)
    sink.vector("f4", pairs.map { f4(v, members[$0.0], members[$0.1]) }, reason: reason)
    ComplexityLinear.extract(v, seed: seed, into: &sink)
    // One Gower distance matrix for every distance-based measure (pymfe's precomputation).
    let distances = ComplexityDistances(v)
    ComplexityNeighbourhood.extract(v, distances, into: &sink)
    sink.vector("n4", ComplexityInterpolation.n4(v, distances, members: members, seed: seed))
    sink.scalar(
      "t1", ComplexityHyperspheres.t1(distances.dist, v.y, n, classCount: k), reason: "single class: no enemies")
    let graph = ComplexityGraph(distances.dist, v.y, n)
    sink.scalar("density", graph.density)
    sink.scalar("cls_coef", graph.clusteringComplement)
    sink.vector("hubs", graph.hubs)
  }

  /// sklearn `PCA(n_components=0.95)`: the fewest leading components whose explained-variance
  /// ratios sum past 0.95 (`searchsorted(cumsum, 0.95, side="right") + 1`).
  static func principalComponents(_ x: Matrix<Double>) -> Double {
    guard x.rows > 1, let cov = try? Statistics.covarianceMatrix(x),
      let eig = try? cov.symmetricEigenvalues()
    else { return .nan }
    let values = eig.sorted(by: >).prefix(Swift.min(x.rows, x.columns)).map { Swift.max($0, 0) }
    let total = values.reduce(0, +)
    guard total > 0 else { return .nan }
    var cum = 0.0
    var count = 0
    for v in values {
      cum += v / total
      if cum <= 0.95 { count += 1 } else { break }
    }
    return Double(Swift.min(count + 1, values.count))
  }

  static func f1(_ v: DataViews, _ members: [[Int]]) -> [Double] {
    v.numericColumns.map { col in
      let mean = SpecialisedMoments.mean(col)
      var numer = 0.0
      var denom = 0.0
      for rows in members where !rows.isEmpty {
        let mu = rows.reduce(0.0) { $0 + col[$1] } / Double(rows.count)
        numer += (mu - mean) * (mu - mean) * Double(rows.count)
        denom += rows.reduce(0.0) { $0 + (col[$1] - mu) * (col[$1] - mu) }
      }
      return 1 / (1 + numer / denom)
    }
  }

  static func f1v(_ v: DataViews, _ a: [Int], _ b: [Int]) -> Double {
    let p = v.numeric.columns
    guard a.count > 1, b.count > 1,
      let sa = try? Statistics.covarianceMatrix(v.numeric.rows(a)),
      let sb = try? Statistics.covarianceMatrix(v.numeric.rows(b))
    else { return .nan }
    let (na, nb) = (Double(a.count), Double(b.count))
    var w = Matrix<Double>(rows: p, columns: p)
    for i in 0..<(p * p) { w.storage[i] = (na * sa.storage[i] + nb * sb.storage[i]) / (na + nb) }
    let diff = v.numericColumns.map { col in
      a.reduce(0.0) { $0 + col[$1] } / na - b.reduce(0.0) { $0 + col[$1] } / nb
    }
    guard let (values, vectors) = try? w.symmetricEigen() else { return .nan }
    // Pseudo-inverse over |λ| > max|λ|·p·ε (scipy.linalg.pinv's default cut-off).
    let cutoff = (values.map(abs).max() ?? 0) * Double(p) * Double.ulpOfOne
    var direction = [Double](repeating: 0, count: p)
    for (k, lambda) in values.enumerated() where abs(lambda) > cutoff {
      var proj = 0.0
      for i in 0..<p { proj += vectors[i, k] * diff[i] }
      for i in 0..<p { direction[i] += vectors[i, k] * proj / lambda }
    }
    let dB = zip(direction, diff).reduce(0) { $0 + $1.0 * $1.1 }
    guard let wd = try? w.multiplied(byVector: direction) else { return .nan }
    let dWd = zip(direction, wd).reduce(0) { $0 + $1.0 * $1.1 }
    return 1 / (1 + dB * dB / dWd)
  }

  /// (minmax, maxmin, maxmax, minmin) of one attribute over two row sets.
  private static func bounds(_ col: [Double], _ a: [Int], _ b: [Int]) -> (Double, Double, Double, Double) {
    func ext(_ r: [Int]) -> (Double, Double) {
      r.reduce((Double.infinity, -Double.infinity)) { (Swift.min($0.0, col[$1]), Swift.max($0.1, col[$1])) }
    }
    let (mina, maxa) = ext(a)
    let (minb, maxb) = ext(b)
    if a.isEmpty || b.isEmpty { return (-.infinity, .infinity, Swift.max(maxa, maxb), Swift.min(mina, minb)) }
    return (Swift.min(maxa, maxb), Swift.max(mina, minb), Swift.max(maxa, maxb), Swift.min(mina, minb))
  }

  static func f2(_ v: DataViews, _ a: [Int], _ b: [Int]) -> Double {
    v.numericColumns.reduce(1.0) { acc, col in
      let (minmax, maxmin, maxmax, minmin) = bounds(col, a, b)
      return acc * (Swift.max(0, minmax - maxmin) / (maxmax - minmin))
    }
  }

  static func f3(_ v: DataViews, _ a: [Int], _ b: [Int]) -> Double {
    let rows = a + b
    let fewest =
      v.numericColumns.map { col in
        let (minmax, maxmin, _, _) = bounds(col, a, b)
        return rows.filter { col[$0] >= maxmin && col[$0] <= minmax }.count
      }.min() ?? 0
    return Double(fewest) / Double(rows.count)
  }

  static func f4(_ v: DataViews, _ a: [Int], _ b: [Int]) -> Double {
    var attrs = Array(v.numericColumns.indices)
    let total = Double(a.count + b.count)
    let inA = Set(a)
    var rows = (a + b).sorted()
    while !attrs.isEmpty && !rows.isEmpty {
      let ra = rows.filter { inA.contains($0) }
      let rb = rows.filter { !inA.contains($0) }
      var best = 0
      var bestCount = Int.max
      var bestKeep: [Int] = []
      for (pos, j) in attrs.enumerated() {
        let col = v.numericColumns[j]
        let (minmax, maxmin, _, _) = bounds(col, ra, rb)
        let keep = rows.filter { col[$0] >= maxmin && col[$0] <= minmax }
        if keep.count < bestCount {
          (best, bestCount, bestKeep) = (pos, keep.count, keep)
        }
      }
      rows = bestKeep
      attrs.remove(at: best)
    }
    return Double(rows.count) / total
  }
}
