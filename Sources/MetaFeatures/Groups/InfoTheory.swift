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
///
/// C's columns and y are coded densely (``CategoricalView``), so every crosstab is a flat
/// count table indexed by the codes, summed in pandas' row-then-column order.
enum InfoTheoryGroup {
  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
    let view = v.categoricalView()
    let cols = view.codes
    let classes = Coded(codes: v.y, levels: v.classCount)
    let attrs = cols.indices.map { Coded(codes: cols[$0], levels: view.levels[$0]) }
    var table = CountTable()
    let classEnt = entropy(counts(classes))
    sink.scalar("class_ent", classEnt)
    let attrEnt = attrs.map { entropy(counts($0)) }
    let jointEnt = attrs.map { jointEntropy($0, classes, table: &table) }
    let mutInf = zip(attrEnt, jointEnt).map { $0 + classEnt - $1 }
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
      for b in chosen where b != a { attrConc.append(concentration(attrs[a], attrs[b], table: &table)) }
    }
    sink.vector("attr_conc", attrConc, reason: attrConc.isEmpty ? "fewer than two attributes" : nil)
    sink.vector("class_conc", attrs.map { concentration($0, classes, table: &table) })
  }

  /// A column coded 0..<levels, every level observed.
  struct Coded {
    let codes: [Int]
    let levels: Int
  }

  /// A reusable row-major table of pair counts.
  struct CountTable {
    private(set) var counts: [Int] = []

    /// Counts the pairs (a, b) into `a.levels × b.levels` cells.
    mutating func fill(_ a: Coded, _ b: Coded) {
      let width = b.levels
      let size = a.levels * width
      if counts.count < size { counts = [Int](repeating: 0, count: size) }
      counts.withUnsafeMutableBufferPointer { t in
        for k in 0..<size { t[k] = 0 }
        a.codes.withUnsafeBufferPointer { ca in
          b.codes.withUnsafeBufferPointer { cb in
            for i in 0..<ca.count { t[ca[i] * width + cb[i]] += 1 }
          }
        }
      }
    }
  }

  /// The count of each level (all positive), in code order.
  static func counts(_ x: Coded) -> [Int] {
    var c = [Int](repeating: 0, count: x.levels)
    for v in x.codes { c[v] += 1 }
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

  /// H(x, y) over the normalised crosstab of y (rows) and x (columns), each cell + 1e-8.
  static func jointEntropy(_ x: Coded, _ y: Coded, table: inout CountTable) -> Double {
    table.fill(y, x)
    let n = Double(x.codes.count)
    var h = 0.0
    for k in 0..<(y.levels * x.levels) {
      let q = Double(table.counts[k]) / n + 1e-8
      h += q * log2(q)
    }
    return -h
  }

  /// Concentration of (a, b) over pᵢⱼ = crosstab(a, b)/n + 1e-8.
  static func concentration(_ a: Coded, _ b: Coded, table: inout CountTable) -> Double {
    guard a.levels > 0 else { return .nan }
    table.fill(a, b)
    let width = b.levels
    let n = Double(a.codes.count)
    return table.counts.withUnsafeBufferPointer { t in
      var colSum = [Double](repeating: 0, count: width)
      var rowSq = 0.0
      for i in 0..<a.levels {
        var r = 0.0
        for j in 0..<width {
          let v = Double(t[i * width + j]) / n + 1e-8
          colSum[j] += v
          r += v
        }
        rowSq += r * r
      }
      var s = 0.0
      for i in 0..<a.levels {
        for j in 0..<width {
          let v = Double(t[i * width + j]) / n + 1e-8
          s += v * v / colSum[j]
        }
      }
      return (s - rowSq) / (1 - rowSq)
    }
  }
}
