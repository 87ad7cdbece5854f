import Foundation
import Linalg

/// BOHB: Hyperband whose new configurations come from a TPE-like kernel density model
/// (Falkner, Klein & Hutter, ICML 2018), with the defaults of HpBandSter's `CG_BOHB`.
///
/// Results are kept per resource level. The model is built on the **largest** resource with
/// enough results: sorted by loss, the best `n_good = max(m, ⌊topNPercent·N/100⌋)` rows form
/// the "good" set and the next `n_bad = max(m, ⌊(100 − topNPercent)·N/100⌋)` the "bad" set,
/// with `m = minPointsInModel` (default d + 1 for d parameters) and N > m results; each set
/// needs more rows than dimensions. Inactive values are imputed (see
/// ``BOHBKernelDensity/impute(_:kinds:using:)``). A ``BOHBKernelDensity`` l(x) is fitted to
/// the good rows and g(x) to the bad.
///
/// A proposal is uniform random with probability `randomFraction`, or when no resource has a
/// model; otherwise `numSamples` candidates each perturb a random good row: numeric columns by
/// a normal truncated to [0, 1] with sd `bandwidthFactor·h_j`, categoricals kept with
/// probability 1 − h_j else redrawn uniformly. The candidate minimising
/// `max(10⁻³², g(x))/max(l(x), 10⁻³²)` wins.
///
/// A driver runs the Hyperband brackets of ``hyperband`` and calls this type for the configurations:
/// ```swift
/// var bohb = BOHB(space: space, hyperband: try Hyperband(minResource: 1, maxResource: 27), seed: 0)
/// for iteration in 0..<10 {
///   let bracket = bohb.bracket(forIteration: iteration)
///   var configs = bohb.nextConfigurations(for: bracket)
///   for rung in bracket.rungs {
///     let results = configs.map { (config: $0, value: evaluate($0, rung.resource)) }
///     for r in results { bohb.observe(r.config, resource: rung.resource, value: r.value) }
///     configs = results.sorted { $0.value < $1.value }.prefix(next rung's size).map(\.config)
///   }
/// }
/// ```
public struct BOHB: Sendable {
  /// Where a proposal came from.
  public enum ProposalSource: Sendable, Hashable {
    /// A uniform draw (no model yet, or the random fraction).
    case random
    /// The kernel density model of the given resource level.
    case model(resource: Double)
  }

  /// The search space.
  public let space: SearchSpace
  /// The brackets' schedule.
  public let hyperband: Hyperband
  /// Whether the observed values are minimised or maximised.
  public let direction: StudyDirection
  /// Results a resource level needs before it gets a model (HpBandSter: d + 1, at least that).
  public let minPointsInModel: Int
  /// The percentage of results in the good set (15).
  public let topNPercent: Int
  /// Candidates per model-based proposal (64).
  public let numSamples: Int
  /// The probability of a random proposal once a model exists (1/3).
  public let randomFraction: Double
  /// The factor widening the bandwidth when perturbing good rows (3).
  public let bandwidthFactor: Double
  /// The smallest bandwidth (1e-3).
  public let minBandwidth: Double
  /// The source of the last proposal (nil before the first).
  public private(set) var lastProposalSource: ProposalSource?

  private var generator: SeededGenerator
  private var results: [Double: [(vector: [Double], loss: Double)]] = [:]

  /// A BOHB configuration generator whose proposals are fixed by `seed` and the results observed.
  ///
  /// Out-of-range settings are clamped: `minPointsInModel` to at least d + 1, `topNPercent`
  /// to 1…99, `numSamples` to at least 1, the fractions to [0, 1], bandwidths to > 0.
  public init(
    space: SearchSpace, hyperband: Hyperband, direction: StudyDirection = .minimize, seed: UInt64,
    minPointsInModel: Int? = nil, topNPercent: Int = 15, numSamples: Int = 64,
    randomFraction: Double = 1.0 / 3.0, bandwidthFactor: Double = 3, minBandwidth: Double = 1e-3
  ) {
    self.space = space
    self.hyperband = hyperband
    self.direction = direction
    let d = space.parameters.count
    self.minPointsInModel = Swift.max(minPointsInModel ?? d + 1, d + 1)
    self.topNPercent = Swift.min(Swift.max(topNPercent, 1), 99)
    self.numSamples = Swift.max(numSamples, 1)
    self.randomFraction = Swift.min(Swift.max(randomFraction.isNaN ? 0 : randomFraction, 0), 1)
    self.bandwidthFactor = bandwidthFactor > 0 ? bandwidthFactor : 3
    self.minBandwidth = minBandwidth > 0 ? minBandwidth : 1e-3
    generator = SeededGenerator(seed: seed)
  }

  /// The bracket of Hyperband iteration `iteration` ≥ 0: s_max, s_max − 1, …, 0, then again.
  public func bracket(forIteration iteration: Int) -> Bracket {
    let brackets = hyperband.brackets
    return brackets[((iteration % brackets.count) + brackets.count) % brackets.count]
  }

  /// The configurations that start `bracket`: as many as its first rung holds.
  public mutating func nextConfigurations(for bracket: Bracket) -> [Configuration] {
    (0..<(bracket.rungs.first?.configurations ?? 0)).map { _ in nextConfiguration() }
  }

  /// One new configuration: from the model of the largest resource that has one, or random.
  public mutating func nextConfiguration() -> Configuration {
    guard let (resource, good, bad) = model(), generator.uniform() >= randomFraction else {
      lastProposalSource = .random
      return space.sample(using: &generator)
    }
    let kinds = space.kernelKinds
    var best: [Double]?
    var bestRatio = Double.infinity
    for _ in 0..<numSamples {
      let datum = good.data[generator.integer(below: good.data.count)]
      var x = datum
      for j in kinds.indices {
        let h = Swift.max(good.bandwidths[j], minBandwidth)
        if kinds[j] == 0 {
          x[j] = TruncatedNormal.sample(
            mu: datum[j], sigma: bandwidthFactor * h, low: 0, high: 1, using: &generator)
        } else if generator.uniform() >= 1 - h {
          x[j] = Double(generator.integer(below: kinds[j]))
        }
      }
      let ratio = Swift.max(1e-32, bad.pdf(x)) / Swift.max(good.pdf(x), 1e-32)
      if ratio.isFinite, ratio < bestRatio { (best, bestRatio) = (x, ratio) }
    }
    guard let best else {
      lastProposalSource = .random
      return space.sample(using: &generator)
    }
    lastProposalSource = .model(resource: resource)
    return space.configuration(kernelVector: best)
  }

  /// Records the value of `configuration` evaluated at `resource`; non-finite values count as the worst loss.
  public mutating func observe(_ configuration: Configuration, resource: Double, value: Double) {
    let loss = value.isFinite ? direction.loss(value) : .infinity
    results[resource, default: []].append((space.kernelVector(configuration), loss))
  }

  /// The number of results recorded at each resource level.
  public var resultCounts: [Double: Int] { results.mapValues(\.count) }

  /// The resource whose model the next model-based proposal uses, or nil when none qualifies.
  public var modelResource: Double? {
    results.keys.sorted(by: >).first { split(results[$0] ?? []) != nil }
  }

  /// The good/bad split of a resource's results, or nil when it is too small.
  private func split(_ rows: [(vector: [Double], loss: Double)]) -> (good: [[Double]], bad: [[Double]])? {
    let n = rows.count
    let d = space.parameters.count
    guard n > minPointsInModel else { return nil }
    let nGood = Swift.max(minPointsInModel, topNPercent * n / 100)
    let nBad = Swift.max(minPointsInModel, (100 - topNPercent) * n / 100)
    let order = rows.indices.sorted { rows[$0].loss != rows[$1].loss ? rows[$0].loss < rows[$1].loss : $0 < $1 }
    let good = order.prefix(nGood).map { rows[$0].vector }
    let bad = order.dropFirst(nGood).prefix(nBad).map { rows[$0].vector }
    guard good.count > d, bad.count > d else { return nil }
    return (good, bad)
  }

  /// The model l (good) and g (bad) of the largest resource with enough results.
  private mutating func model() -> (resource: Double, good: BOHBKernelDensity, bad: BOHBKernelDensity)? {
    guard let resource = modelResource, let (good, bad) = split(results[resource] ?? []) else { return nil }
    let kinds = space.kernelKinds
    let l = BOHBKernelDensity(
      data: BOHBKernelDensity.impute(good, kinds: kinds, using: &generator), kinds: kinds,
      minBandwidth: minBandwidth)
    let g = BOHBKernelDensity(
      data: BOHBKernelDensity.impute(bad, kinds: kinds, using: &generator), kinds: kinds,
      minBandwidth: minBandwidth)
    return (resource, l, g)
  }
}
