import Linalg

/// SMAC3's `LocalAndSortedRandomSearch` over encoded configurations: scores uniform random
/// candidates and the configurations visited by best-improvement local searches, and returns
/// the encoded candidate with the largest expected improvement that has not been evaluated.
///
/// Neighbours of an encoded vector `v` (ConfigSpace's one-exchange neighbourhood, in the unit
/// cube): for each active numeric column `c`, `count` copies with `v[c] + N(0, sd²)` clipped to
/// [0, 1]; for each active categorical, the vectors switching it to each other choice. Each
/// neighbour is made canonical by decoding and re-encoding it (rounding ints and steps,
/// activating or deactivating conditional children).
struct AcquisitionMaximiser {
  let space: SearchSpace
  let model: RandomForestSurrogate
  /// The incumbent's value in the model's space (log-scaled when the model is).
  let eta: Double
  /// Configurations already evaluated; never proposed again.
  let seen: Set<Configuration>

  private struct Block {
    var column: Int
    var width: Int
    var isCategorical: Bool
  }

  private var blocks: [Block] = []
  private var bestRow: [Double]?
  private var bestScore = -Double.infinity

  init(space: SearchSpace, model: RandomForestSurrogate, eta: Double, seen: Set<Configuration>) {
    self.space = space
    self.model = model
    self.eta = eta
    self.seen = seen
    var column = 0
    for p in space.parameters {
      if case .categorical(let c) = p.domain {
        blocks.append(Block(column: column, width: c.count, isCategorical: true))
        column += c.count
      } else {
        blocks.append(Block(column: column, width: 1, isCategorical: false))
        column += 1
      }
    }
  }

  /// The expected improvement of each row.
  func score(_ rows: [[Double]]) -> [Double] {
    let (mean, variance) = model.predict(rows)
    return zip(mean, variance).map { m, v in
      model.logTransform
        ? ExpectedImprovement.logEI(mean: m, variance: v, eta: eta)
        : ExpectedImprovement.ei(mean: m, variance: v, best: eta)
    }
  }

  /// The best unseen encoded candidate found, or nil when every candidate was seen.
  mutating func maximise(
    randomCandidates: Int, starts: [[Double]], steps: Int, neighbours: Int, sd: Double,
    using generator: inout SeededGenerator
  ) -> [Double]? {
    let random = (0..<randomCandidates).map { _ in space.encode(space.sample(using: &generator)) }
    consider(random, score(random))
    for start in starts {
      var current = start
      var currentScore = score([start])[0]
      for _ in 0..<steps {
        let next = neighbourhood(of: current, count: neighbours, sd: sd, using: &generator)
        guard !next.isEmpty else { break }
        let scores = score(next)
        consider(next, scores)
        var j = 0
        for i in scores.indices.dropFirst() where scores[i] > scores[j] { j = i }
        guard scores[j] > currentScore else { break }
        current = next[j]
        currentScore = scores[j]
      }
    }
    return bestRow
  }

  /// Keeps the best-scoring row whose configuration has not been evaluated (first on ties).
  private mutating func consider(_ rows: [[Double]], _ scores: [Double]) {
    for (row, s) in zip(rows, scores) where s > bestScore || (bestRow == nil && !s.isNaN) {
      guard let config = try? space.decode(row), !seen.contains(config) else { continue }
      bestRow = row
      bestScore = s
    }
  }

  /// The canonical one-exchange neighbours of `v` (see the type's documentation).
  private func neighbourhood(
    of v: [Double], count: Int, sd: Double, using generator: inout SeededGenerator
  ) -> [[Double]] {
    var out: [[Double]] = []
    for b in blocks where v[b.column] != SearchSpace.inactiveFill {
      if b.isCategorical {
        let current = (0..<b.width).first { v[b.column + $0] == 1 } ?? 0
        for j in 0..<b.width where j != current {
          var w = v
          for k in 0..<b.width { w[b.column + k] = k == j ? 1 : 0 }
          out.append(w)
        }
      } else {
        for _ in 0..<count {
          var w = v
          w[b.column] = Swift.min(Swift.max(v[b.column] + generator.normal(mean: 0, sd: sd), 0), 1)
          out.append(w)
        }
      }
    }
    return out.compactMap { w in (try? space.decode(w)).map { space.encode($0) } }
  }
}
