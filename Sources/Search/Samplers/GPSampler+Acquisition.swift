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
      model: model, points: matrix, best: best, keep: Swift.max(refinedCandidates, 1))
    let order = scores.indices.filter { scores[$0] > -.infinity }
      .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    guard let first = order.first else { return points[0] }
    guard refinedCandidates > 0 else { return points[first] }
    let starts = order.prefix(refinedCandidates).map { (points[$0], scores[$0]) }
    let refined = try patternSearch(from: starts, space: space, model: model, best: best)
    var winner = refined[0]
    for r in refined.dropFirst() where r.score > winner.score { winner = r }
    return winner.point
  }

  /// The acquisition score of each row of `points`, computed exactly only where it matters.
  ///
  /// The posterior mean costs O(n) per point, the exact variance O(n²). Each point first gets
  /// an upper bound on its score from an upper bound on its variance (the variance given its 8
  /// most correlated observations,
  /// ``GaussianProcess/standardisedVarianceUpperBounds(crossCovariance:neighbours:)``, with
  /// ``AcquisitionFunction/upperBound(mean:standardDeviationBound:best:)``). Points belong to
  /// groups (`groups[i]`, default all in group 0); points are scored exactly in blocks of up to
  /// 64, in decreasing order of their bound, skipping any whose bound is below both its group's
  /// threshold and the `keep`-th best exact score of its group. So within each group the `keep`
  /// best points above the threshold are the same as with every score computed; points never
  /// scored get −∞.
  func screenedScores(
    model: GaussianProcess, points: Matrix<Double>, best: Double, keep: Int,
    groups: [Int]? = nil, thresholds: [Double] = [-.infinity]
  ) throws -> [Double] {
    let m = points.rows
    let group = groups ?? [Int](repeating: 0, count: m)
    let kStarT = try model.crossCovariance(points)
    let mean = try model.standardisedMean(crossCovariance: kStarT)
    let bounds = model.standardisedVarianceUpperBounds(crossCovariance: kStarT, neighbours: 8)
    var upper = [Double](repeating: 0, count: m)
    for i in 0..<m {
      upper[i] = acquisition.upperBound(
        mean: mean[i], standardDeviationBound: bounds[i].squareRoot(), best: best)
    }
    var pending = upper.indices.sorted { upper[$0] != upper[$1] ? upper[$0] > upper[$1] : $0 < $1 }
    var scores = [Double](repeating: -.infinity, count: m)
    var leaders = [[Double]](repeating: [], count: thresholds.count)  // per group, descending
    func cutoff(_ g: Int) -> Double {
      Swift.max(thresholds[g], leaders[g].count >= keep ? leaders[g][keep - 1] : -.infinity)
    }
    while true {
      pending = pending.filter { upper[$0] >= cutoff(group[$0]) }
      guard !pending.isEmpty else { break }
      let block = Array(pending.prefix(64))
      pending.removeFirst(block.count)
      let variances = try model.standardisedVariance(crossCovariance: kStarT, columns: block)
      for (c, v) in zip(block, variances) {
        let s = acquisition.score(mean: mean[c], standardDeviation: v.squareRoot(), best: best)
        scores[c] = s
        let g = group[c]
        leaders[g].append(s)
        leaders[g].sort(by: >)
        if leaders[g].count > keep { leaders[g].removeLast() }
      }
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

  /// Coordinate pattern search over the numeric, active columns, from several starts at once:
  /// each round tries ±step on each column of each start (clamped to [0, 1] and snapped to the
  /// grid by decode/encode), scores all neighbours in one screened batch (each start is a group
  /// whose threshold is its own score), moves a start to its best neighbour if that improves its
  /// score, else halves its step; 10 rounds from step 0.1.
  private func patternSearch(
    from starts: [([Double], Double)], space: SearchSpace, model: GaussianProcess, best: Double
  ) throws -> [(point: [Double], score: Double)] {
    let numeric = Self.numericColumns(space)
    var current = starts.map { (point: $0.0, score: $0.1) }
    var steps = [Double](repeating: 0.1, count: starts.count)
    for _ in 0..<10 {
      var neighbours: [[Double]] = []
      var owners: [Int] = []
      for (i, c) in current.enumerated() {
        for j in numeric where c.point[j] != SearchSpace.inactiveFill {
          for sign in [-1.0, 1.0] {
            var y = c.point
            y[j] = Swift.min(Swift.max(y[j] + sign * steps[i], 0), 1)
            let snapped = space.encode(try space.decode(y))
            if snapped != c.point {
              neighbours.append(snapped)
              owners.append(i)
            }
          }
        }
      }
      guard !neighbours.isEmpty else { break }
      let scores = try screenedScores(
        model: model, points: Matrix(neighbours), best: best, keep: 1, groups: owners,
        thresholds: current.map(\.score))
      var bestNeighbour = [Int?](repeating: nil, count: current.count)
      for (k, owner) in owners.enumerated() where scores[k] > current[owner].score {
        if let b = bestNeighbour[owner], scores[b] >= scores[k] { continue }
        bestNeighbour[owner] = k
      }
      for i in current.indices {
        if let k = bestNeighbour[i] {
          current[i] = (neighbours[k], scores[k])
        } else {
          steps[i] /= 2
        }
      }
    }
    return current
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
