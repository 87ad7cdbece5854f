/// pymfe's interpolated points (`_interpolate`) and the `n4` measure built on them.
///
/// | pymfe name | definition |
/// |---|---|
/// | `n4` | per interpolated point: 1 when the 1-NN (Gower distance to the scaled data) has another class |
///
/// Points of each class (class order) are a + (b − a)·δ with a, b drawn with replacement from
/// that class and δ uniform per coordinate: numpy's legacy global generator, seeded with
/// random_state, as `choice(m, m)`, `choice(m, m)`, `ranf((m, p))`. The test distances are the
/// `gower` package's `gower_matrix(interpolated, scaled)`, which for two inputs with equally many
/// rows fills only its upper triangle and mirrors it: entry (i, j) is d(xᵢ, yⱼ) for j ≥ i and
/// d(xⱼ, yᵢ) for j < i. That quirk is kept. Ties go to the lowest index.
enum ComplexityInterpolation {
  /// Interpolates `m` points within one class given row-major (`m` × `p`).
  static func interpolate(_ x: [Double], rows m: Int, p: Int, rng: inout LegacyNumpyRandom) -> [Double] {
    let ia = rng.choiceWithReplacement(m, m)
    let ib = rng.choiceWithReplacement(m, m)
    var out = [Double](repeating: 0, count: m * p)
    for r in 0..<m {
      for j in 0..<p {
        let a = x[ia[r] * p + j]
        let b = x[ib[r] * p + j]
        out[r * p + j] = a + (b - a) * rng.randomSample()
      }
    }
    return out
  }

  static func n4(_ v: DataViews, _ d: ComplexityDistances, members: [[Int]], seed: Int) -> [Double] {
    let n = v.rowCount
    let p = d.scaled.count
    guard n > 0 else { return [] }
    var rng = LegacyNumpyRandom(seed: UInt32(truncatingIfNeeded: seed))
    // Interpolated points, class by class, as columns.
    var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: p)
    var labels: [Int] = []
    labels.reserveCapacity(n)
    for (c, rows) in members.enumerated() {
      var block = [Double](repeating: 0, count: rows.count * p)
      for (k, r) in rows.enumerated() { for j in 0..<p { block[k * p + j] = d.scaled[j][r] } }
      let points = interpolate(block, rows: rows.count, p: p, rng: &rng)
      for k in 0..<rows.count {
        for j in 0..<p { columns[j][labels.count + k] = points[k * p + j] }
      }
      labels += [Int](repeating: c, count: rows.count)
    }
    let test = ComplexityDistances.gower(columns, d.scaled, rows: n)
    var wrong = [Double](repeating: 0, count: n)
    test.withUnsafeBufferPointer { t in
      for i in 0..<n {
        var best = 0
        var bestValue = t[i * n]
        for j in 1..<n where t[i * n + j] < bestValue {
          best = j
          bestValue = t[i * n + j]
        }
        wrong[i] = v.y[best] != labels[i] ? 1 : 0
      }
    }
    return wrong
  }
}
