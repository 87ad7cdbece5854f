import Foundation
import Linalg

extension GPSampler {
  /// The encoded point that maximises the acquisition over random candidates (plus pattern
  /// search), or the minimum of a Thompson draw.
  mutating func proposal(space: SearchSpace, model: GaussianProcess, best: Double) throws -> [Double] {
    let count = acquisition == .thompsonSampling ? Swift.min(candidates, thompsonCandidates) : candidates
    let points = (0..<count).map { _ in space.encode(space.sample(using: &generator)) }
    let matrix = Matrix<Double>(points)
    if acquisition == .thompsonSampling {
      let draw = try thompsonDraw(model: model, points: matrix)
      var arg = 0
      for i in draw.indices where draw[i] < draw[arg] { arg = i }
      return points[arg]
    }
    let scores = try screenedScores(
      model: model, points: matrix, best: best, keep: Swift.max(refinedCandidates, 1), threshold: -.infinity)
    let order = scores.indices.filter { scores[$0] > -.infinity }
      .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    guard let first = order.first else { return points[0] }
    var winner = points[first]
    var winnerScore = scores[first]
    for i in order.prefix(refinedCandidates) {
      let (x, s) = try patternSearch(from: points[i], score: scores[i], space: space, model: model, best: best)
      if s > winnerScore { (winner, winnerScore) = (x, s) }
    }
    return winner
  }

  /// The acquisition score of each row of `points`, computed exactly only where it matters.
  ///
  /// The posterior mean costs O(n) per point, the exact variance O(n²). Each point first gets
  /// an upper bound on its score from an upper bound on its variance (the variance given its 8
  /// most correlated observations,
  /// ``GaussianProcess/standardisedVarianceUpperBounds(crossCovariance:neighbours:)``, with
  /// ``AcquisitionFunction/upperBound(mean:standardDeviationBound:best:)``). Points are then
  /// scored exactly in blocks of 64 in decreasing order of their bound, until the next bound is
  /// below both `threshold` and the `keep`-th best exact score. The `keep` best points above
  /// `threshold` are therefore the same as with every score computed; points not scored get −∞.
  func screenedScores(
    model: GaussianProcess, points: Matrix<Double>, best: Double, keep: Int, threshold: Double
  ) throws -> [Double] {
    let m = points.rows
    let kStarT = try model.crossCovariance(points)
    let mean = try model.standardisedMean(crossCovariance: kStarT)
    let bounds = model.standardisedVarianceUpperBounds(crossCovariance: kStarT, neighbours: 8)
    let upper = (0..<m).map {
      acquisition.upperBound(mean: mean[$0], standardDeviationBound: bounds[$0].squareRoot(), best: best)
    }
    let order = upper.indices.sorted { upper[$0] != upper[$1] ? upper[$0] > upper[$1] : $0 < $1 }
    var scores = [Double](repeating: -.infinity, count: m)
    var leaders: [Double] = []  // the best `keep` exact scores, descending
    var position = 0
    while position < m {
      let cutoff = Swift.max(threshold, leaders.count >= keep ? leaders[keep - 1] : -.infinity)
      if upper[order[position]] < cutoff { break }
      let block = Array(order[position..<Swift.min(position + 64, m)])
      let variances = try model.standardisedVariance(crossCovariance: kStarT, columns: block)
      for (c, v) in zip(block, variances) {
        let s = acquisition.score(mean: mean[c], standardDeviation: v.squareRoot(), best: best)
        scores[c] = s
        leaders.append(s)
      }
      leaders.sort(by: >)
      if leaders.count > keep { leaders.removeLast(leaders.count - keep) }
      position += block.count
    }
    return scores
  }

  /// A joint draw `f = μ + C·z` of the latent loss at the rows of `points`, `C·Cᵀ` the
  /// posterior covariance plus jitter (1e-10 up to 1e-4). If even the largest jitter fails, the
  /// draw uses the marginal variances only.
  mutating func thompsonDraw(model: GaussianProcess, points: Matrix<Double>) throws -> [Double] {
    let m = points.rows
    let (mean, variance) = try model.standardisedPosterior(points)
    let z = (0..<m).map { _ in generator.normal() }
    let covariance = try model.standardisedPosteriorCovariance(points)
    guard let (factor, _) = try? GaussianProcess.factorise(covariance) else {
      return (0..<m).map { mean[$0] + variance[$0].squareRoot() * z[$0] }
    }
    let correlated = try factor.multiplied(byVector: z)
    return (0..<m).map { mean[$0] + correlated[$0] }
  }

  /// Coordinate pattern search over the numeric, active columns of `start`: try ±step on each
  /// (clamped to [0, 1] and snapped to the grid by decode/encode), move to the best neighbour
  /// if it improves the score, else halve the step; 10 rounds from step 0.1.
  private func patternSearch(
    from start: [Double], score: Double, space: SearchSpace, model: GaussianProcess, best: Double
  ) throws -> ([Double], Double) {
    let numeric = Self.numericColumns(space)
    var (x, s) = (start, score)
    var step = 0.1
    for _ in 0..<10 {
      var neighbours: [[Double]] = []
      for j in numeric where x[j] != SearchSpace.inactiveFill {
        for sign in [-1.0, 1.0] {
          var y = x
          y[j] = Swift.min(Swift.max(y[j] + sign * step, 0), 1)
          let snapped = space.encode(try space.decode(y))
          if snapped != x { neighbours.append(snapped) }
        }
      }
      guard !neighbours.isEmpty else { break }
      let scores = try screenedScores(
        model: model, points: Matrix(neighbours), best: best, keep: 1, threshold: s)
      var arg = 0
      for i in scores.indices where scores[i] > scores[arg] { arg = i }
      if scores[arg] > s {
        (x, s) = (neighbours[arg], scores[arg])
      } else {
        step /= 2
      }
    }
    return (x, s)
  }

  /// The encoded columns of numeric (non-categorical) parameters.
  static func numericColumns(_ space: SearchSpace) -> [Int] {
    var out: [Int] = []
    var column = 0
    for p in space.parameters {
      if case .categorical(let c) = p.domain {
        column += c.count
      } else {
        out.append(column)
        column += 1
      }
    }
    return out
  }
}
