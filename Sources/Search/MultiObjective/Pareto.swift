/// Pareto dominance and non-dominated sorting of loss vectors (every objective minimised).
public enum Pareto {
  /// Whether `a` dominates `b`: no worse in every objective and strictly better in one.
  ///
  /// - Precondition: `a.count == b.count`.
  public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
    precondition(a.count == b.count, "Pareto.dominates: vectors of different lengths")
    var strictly = false
    for (x, y) in zip(a, b) {
      if x > y { return false }
      if x < y { strictly = true }
    }
    return strictly
  }

  /// The fronts of fast non-dominated sorting (Deb, Pratap, Agarwal & Meyarivan 2002, NSGA-II).
  ///
  /// Front 0 holds the points no other point dominates; front k holds those dominated only by
  /// points in fronts < k. Duplicated points share a front. Indices within a front ascend.
  /// - Parameter points: loss vectors of equal length (minimise every objective).
  /// - Returns: the indices of `points`, front by front.
  /// - Complexity: O(m·n²) for n points of m objectives.
  public static func nondominatedFronts(_ points: [[Double]]) -> [[Int]] {
    let n = points.count
    var dominatedBy = [[Int]](repeating: [], count: n)  // S_p: points p dominates
    var dominationCount = [Int](repeating: 0, count: n)  // n_p: points dominating p
    var fronts: [[Int]] = [[]]
    for p in 0..<n {
      for q in 0..<n where q != p {
        if dominates(points[p], points[q]) {
          dominatedBy[p].append(q)
        } else if dominates(points[q], points[p]) {
          dominationCount[p] += 1
        }
      }
      if dominationCount[p] == 0 { fronts[0].append(p) }
    }
    var k = 0
    while k < fronts.count, !fronts[k].isEmpty {
      var next: [Int] = []
      for p in fronts[k] {
        for q in dominatedBy[p] {
          dominationCount[q] -= 1
          if dominationCount[q] == 0 { next.append(q) }
        }
      }
      k += 1
      if !next.isEmpty { fronts.append(next.sorted()) }
    }
    return fronts.filter { !$0.isEmpty }
  }

  /// The non-dominated sorting rank of each point (0 for the Pareto front).
  public static func ranks(_ points: [[Double]]) -> [Int] {
    var r = [Int](repeating: 0, count: points.count)
    for (k, front) in nondominatedFronts(points).enumerated() {
      for i in front { r[i] = k }
    }
    return r
  }
}
