import Foundation

/// pymfe's `info-theory` group, on the categorical view C (entropies in bits).
///
/// | pymfe name | definition |
/// |---|---|
/// | `attr_ent` | H(A) = −Σ p log₂ p per attribute |
/// | `class_ent` | H(y) |
/// | `joint_ent` | H(A, y) = −Σ (pᵢⱼ + 1e-8) log₂(pᵢⱼ + 1e-8) over the crosstab cells |
/// | `mut_inf` | H(A) + H(y) − H(A, y) |
/// | `eq_num_attr` | d_C · H(y) / Σ mut_inf |
/// | `ns_ratio` | (Σ H(A) − Σ mut_inf) / Σ mut_inf |
/// | `attr_conc` | Goodman–Kruskal τ-like concentration of every ordered pair of attributes (12 chosen at random, `np.random.seed(seed)`, when d_C > 12) |
/// | `class_conc` | the same concentration between each attribute and y |
///
/// Concentration of (a, b) with pᵢⱼ = crosstab(a, b)/n + 1e-8, rows i = values of a:
/// (Σᵢⱼ pᵢⱼ² / p·ⱼ − Σᵢ pᵢ·²) / (1 − Σᵢ pᵢ·²).
enum InfoTheoryGroup {
  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
    let cols = v.categoricalColumns
    let classEnt = entropy(counts(v.y))
    sink.scalar("class_ent", classEnt)
    let attrEnt = cols.map { entropy(counts($0)) }
    let jointEnt = cols.map { jointEntropy($0, v.y) }
    let mutInf = zip(zip(attrEnt, jointEnt), attrEnt.indices).map { pair, _ in pair.0 + classEnt - pair.1 }
    sink.vector("attr_ent", attrEnt)
    sink.vector("joint_ent", jointEnt)
    sink.vector("mut_inf", mutInf)
    let sumMI = mutInf.reduce(0, +)
    let reason = "zero total mutual information (division by zero)"
    sink.scalar("eq_num_attr", Double(cols.count) * classEnt / sumMI, reason: reason)
    sink.scalar("ns_ratio", (attrEnt.reduce(0, +) - sumMI) / sumMI, reason: reason)
    var chosen = Array(cols.indices)
    if cols.count > 12 {
      var rng = LegacyNumpyRandom(seed: UInt32(truncatingIfNeeded: seed))
      chosen = rng.choice(cols.count, 12)
    }
    var attrConc: [Double] = []
    for a in chosen {
      for b in chosen where b != a { attrConc.append(concentration(cols[a], cols[b])) }
    }
    sink.vector("attr_conc", attrConc, reason: attrConc.isEmpty ? "fewer than two attributes" : nil)
    sink.vector("class_conc", cols.map { concentration($0, v.y) })
  }

  static func counts(_ x: [Int]) -> [Int] {
    var c = [Int](repeating: 0, count: (x.max() ?? -1) + 1)
    for v in x { c[v] += 1 }
    return c.filter { $0 > 0 }
  }

  /// Shannon entropy in bits of the distribution given by `counts` (`scipy.stats.entropy(base=2)`).
  static func entropy(_ counts: [Int]) -> Double {
    let total = Double(counts.reduce(0, +))
    guard total > 0 else { return .nan }
    return -counts.reduce(0.0) { acc, c in
      let p = Double(c) / total
      return p > 0 ? acc + p * log(p) : acc
    } / log(2.0)
  }

  /// The normalised crosstab of the observed values of `a` (rows) and `b` (columns).
  static func crosstab(_ a: [Int], _ b: [Int]) -> [[Double]] {
    let ra = remap(a)
    let rb = remap(b)
    var t = [[Double]](repeating: [Double](repeating: 0, count: rb.levels), count: ra.levels)
    for i in a.indices { t[ra.codes[i]][rb.codes[i]] += 1 }
    let n = Double(a.count)
    return t.map { $0.map { $0 / n } }
  }

  private static func remap(_ x: [Int]) -> (codes: [Int], levels: Int) {
    var map = [Int: Int]()
    for v in Set(x).sorted() { map[v] = map.count }
    return (x.map { map[$0] ?? 0 }, map.count)
  }

  static func jointEntropy(_ x: [Int], _ y: [Int]) -> Double {
    var h = 0.0
    for row in crosstab(y, x) {
      for p in row {
        let q = p + 1e-8
        h += q * log2(q)
      }
    }
    return -h
  }

  static func concentration(_ a: [Int], _ b: [Int]) -> Double {
    let p = crosstab(a, b).map { $0.map { $0 + 1e-8 } }
    guard let width = p.first?.count else { return .nan }
    var colSum = [Double](repeating: 0, count: width)
    var rowSq = 0.0
    for row in p {
      var r = 0.0
      for (j, v) in row.enumerated() {
        colSum[j] += v
        r += v
      }
      rowSq += r * r
    }
    var s = 0.0
    for row in p {
      for (j, v) in row.enumerated() { s += v * v / colSum[j] }
    }
    return (s - rowSq) / (1 - rowSq)
  }
}
