import Linalg

/// Latin hypercube designs on [0, 1]^d (McKay, Beckman & Conover 1979): the start-up points of
/// ``GPSampler``.
enum LatinHypercube {
  /// `count` points in [0, 1]^`dimension` such that each of the `count` equal strata of every
  /// axis holds exactly one point: point i has coordinate `(π_k(i) + u)/count` on axis k, for a
  /// random permutation π_k per axis and u uniform in [0, 1).
  static func design(count: Int, dimension: Int, using generator: inout SeededGenerator) -> [[Double]] {
    guard count > 0 else { return [] }
    var points = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: count)
    for k in 0..<dimension {
      let strata = generator.permutation(count)
      for i in 0..<count { points[i][k] = (Double(strata[i]) + generator.uniform()) / Double(count) }
    }
    return points
  }
}
