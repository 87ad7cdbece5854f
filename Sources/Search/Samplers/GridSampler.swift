import Linalg

/// Proposes the points of a grid in an order shuffled by the seed, each once, then reports exhaustion.
///
/// The grid is ``SearchSpace/grid(pointsPerNumeric:)``. A point is skipped when some trial of
/// the study already has its configuration (so a resumed or warm-started study does not repeat
/// it); when no point is left, `sample` throws ``SearchError/gridExhausted(size:)``.
public struct GridSampler: Sampler {
  /// Points per numeric parameter.
  public let pointsPerNumeric: Int
  private let seed: UInt64
  private var order: [Configuration]?
  private var next = 0

  /// A grid sampler with `pointsPerNumeric` points per numeric parameter (≥ 1), shuffled by `seed`.
  public init(pointsPerNumeric: Int, seed: UInt64) {
    self.pointsPerNumeric = Swift.max(pointsPerNumeric, 1)
    self.seed = seed
  }

  /// The next unvisited grid point.
  ///
  /// - Throws: `gridExhausted` when every point has been proposed or is held by a trial.
  public mutating func sample(space: SearchSpace, trials: [Trial], directions: [StudyDirection])
    throws(SearchError) -> Configuration
  {
    if order == nil {
      var g = SeededGenerator(seed: seed)
      order = g.shuffled(space.grid(pointsPerNumeric: pointsPerNumeric))
    }
    let points = order ?? []
    let seen = Set(trials.map(\.params))
    while next < points.count {
      let c = points[next]
      next += 1
      if !seen.contains(c) { return c }
    }
    throw .gridExhausted(size: points.count)
  }
}
