/// Spearman's rank correlation and the ranks it is built on.
public enum RankCorrelation {
  /// The 1-based ranks of `values` (1 = smallest), ties sharing their average rank (scipy's
  /// `rankdata`, method "average"); NaNs rank after every number, tied with each other.
  public static func averageRanks(_ values: [Double]) -> [Double] {
    func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
    let order = values.indices.sorted { i, j in
      let (a, b) = (values[i], values[j])
      if a.isNaN != b.isNaN { return !a.isNaN }
      return a.isNaN ? i < j : (a < b || (a == b && i < j))
    }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count, same(values[order[end]], values[order[start]]) { end += 1 }
      let rank = Double(start + end + 1) / 2
      for k in start..<end { ranks[order[k]] = rank }
      start = end
    }
    return ranks
  }

  /// Spearman's ρ: the Pearson correlation of the average ranks (scipy's `spearmanr`).
  ///
  /// - Returns: ρ in [−1, 1], or NaN when the lengths differ, there are fewer than 2 values, a
  ///   value is NaN, or either side is constant.
  public static func spearman(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count, a.count >= 2, !a.contains(where: \.isNaN), !b.contains(where: \.isNaN) else { return .nan }
    let ra = averageRanks(a)
    let rb = averageRanks(b)
    let n = Double(a.count)
    let ma = ra.reduce(0, +) / n
    let mb = rb.reduce(0, +) / n
    var sab = 0.0
    var saa = 0.0
    var sbb = 0.0
    for i in ra.indices {
      sab += (ra[i] - ma) * (rb[i] - mb)
      saa += (ra[i] - ma) * (ra[i] - ma)
      sbb += (rb[i] - mb) * (rb[i] - mb)
    }
    guard saa > 0, sbb > 0 else { return .nan }
    return Swift.max(-1, Swift.min(1, sab / (saa * sbb).squareRoot()))
  }
}
