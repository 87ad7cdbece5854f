/// The hypervolume (Lebesgue measure) dominated by a set of loss vectors and bounded by a reference point.
public enum Hypervolume {
  /// The volume of `⋃_p [p, reference]` over the points `p` that strictly dominate `reference`
  /// (every objective minimised).
  ///
  /// Two objectives use the exact sweep: sort by the first objective and add the rectangle each
  /// point adds below the running minimum of the second. More objectives use exact slicing
  /// along the last objective (hypervolume by slicing objectives, While et al. 2006): sort by
  /// the last coordinate; between consecutive values the slice's volume is the (d−1)-dimensional
  /// hypervolume of the points below it times the slice's thickness.
  /// - Parameters:
  ///   - points: loss vectors, each of the reference's length.
  ///   - reference: the reference point (worse than every point of interest).
  /// - Returns: the hypervolume, ≥ 0; 0 for no points.
  /// - Complexity: O(n log n) for d = 2; O(n^(d−1) log n) for d ≥ 3, meant for small d and n.
  public static func compute(_ points: [[Double]], reference: [Double]) -> Double {
    precondition(
      points.allSatisfy { $0.count == reference.count }, "Hypervolume: dimension mismatch")
    let inside = points.filter { p in zip(p, reference).allSatisfy { $0 < $1 } }
    return volume(inside, reference)
  }

  private static func volume(_ points: [[Double]], _ reference: [Double]) -> Double {
    guard !points.isEmpty else { return 0 }
    let d = reference.count
    switch d {
    case 0:
      return 0
    case 1:
      return reference[0] - (points.map { $0[0] }.min() ?? reference[0])
    case 2:
      let sorted = points.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
      var area = 0.0
      var minY = reference[1]
      for p in sorted where p[1] < minY {
        area += (reference[0] - p[0]) * (minY - p[1])
        minY = p[1]
      }
      return area
    default:
      let sorted = points.sorted { $0[d - 1] < $1[d - 1] }
      let lowerReference = Array(reference.prefix(d - 1))
      var total = 0.0
      var slice: [[Double]] = []
      for (i, p) in sorted.enumerated() {
        slice.append(Array(p.prefix(d - 1)))
        let top = i + 1 < sorted.count ? sorted[i + 1][d - 1] : reference[d - 1]
        let thickness = top - p[d - 1]
        if thickness > 0 { total += thickness * volume(slice, lowerReference) }
      }
      return total
    }
  }
}
