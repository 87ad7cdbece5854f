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
    let scores = try acquisitionScores(model: model, points: matrix, best: best)
    let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    var winner = points[order[0]]
    var winnerScore = scores[order[0]]
    for i in order.prefix(refinedCandidates) {
      let (x, s) = try patternSearch(from: points[i], score: scores[i], space: space, model: model, best: best)
      if s > winnerScore { (winner, winnerScore) = (x, s) }
    }
    return winner
  }

  /// The acquisition score of each row of `points`.
  func acquisitionScores(model: GaussianProcess, points: Matrix<Double>, best: Double) throws -> [Double] {
    let (mean, variance) = try model.standardisedPosterior(points)
    return zip(mean, variance).map { m, v in
      acquisition.score(mean: m, standardDeviation: v.squareRoot(), best: best)
    }
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
      let scores = try acquisitionScores(model: model, points: Matrix(neighbours), best: best)
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
