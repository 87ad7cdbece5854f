import Linalg

/// BOHB's configuration generator as a study sampler: with
/// ``Study/optimize(brackets:trials:jobs:trialTimeout:callbacks:showProgress:evaluate:)`` over
/// ``BracketPlan/hyperband(_:)`` it makes BOHB (Falkner, Klein & Hutter 2018).
///
/// Each proposal rebuilds a ``BOHB`` generator from the study's trials: every intermediate value
/// of every trial (any state) is one observation of its configuration at that resource, in
/// trial-number then resource order, as HpBandSter records one result per (configuration,
/// budget) run. So the model is the one of the largest resource with enough observations, and
/// a resumed study proposes from everything stored. Evaluations that failed leave no
/// intermediate value and are not observed. The generator's random draws are seeded from this
/// sampler's own generator, so the same seed and trials give the same proposals.
public struct BOHBSampler: Sampler {
  /// The schedule whose brackets the driver runs (kept for ``BOHB/bracket(forIteration:)``).
  public let hyperband: Hyperband
  /// Results a resource needs before it gets a model (nil: d + 1, HpBandSter's default).
  public let minPointsInModel: Int?
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
  /// Where the last proposal came from (nil before the first).
  public private(set) var lastProposalSource: BOHB.ProposalSource?
  private var generator: SeededGenerator

  /// A BOHB sampler with HpBandSter's `CG_BOHB` defaults; see ``BOHB`` for each setting.
  public init(
    hyperband: Hyperband, seed: UInt64, minPointsInModel: Int? = nil, topNPercent: Int = 15,
    numSamples: Int = 64, randomFraction: Double = 1.0 / 3.0, bandwidthFactor: Double = 3,
    minBandwidth: Double = 1e-3
  ) {
    self.hyperband = hyperband
    self.minPointsInModel = minPointsInModel
    self.topNPercent = topNPercent
    self.numSamples = numSamples
    self.randomFraction = randomFraction
    self.bandwidthFactor = bandwidthFactor
    self.minBandwidth = minBandwidth
    generator = SeededGenerator(seed: seed)
  }

  /// The generator ``sample(space:trials:directions:)`` would use: every intermediate value of
  /// `trials` observed, draws seeded by `seed`.
  public func model(
    space: SearchSpace, trials: [Trial], direction: StudyDirection, seed: UInt64
  ) -> BOHB {
    var bohb = BOHB(
      space: space, hyperband: hyperband, direction: direction, seed: seed,
      minPointsInModel: minPointsInModel, topNPercent: topNPercent, numSamples: numSamples,
      randomFraction: randomFraction, bandwidthFactor: bandwidthFactor, minBandwidth: minBandwidth)
    for t in trials.sorted(by: { $0.number < $1.number }) {
      for (resource, value) in t.intermediateValues.sorted(by: { $0.key < $1.key }) {
        bohb.observe(t.params, resource: resource, value: value)
      }
    }
    return bohb
  }

  /// A configuration from the KDE model of the largest resource with enough observations, or a
  /// uniform draw (no model yet, or with probability ``randomFraction``).
  ///
  /// - Throws: never; the signature is the protocol's.
  public mutating func sample(space: SearchSpace, trials: [Trial], directions: [StudyDirection])
    throws(SearchError) -> Configuration
  {
    var bohb = model(
      space: space, trials: trials, direction: directions.first ?? .minimize, seed: generator.next())
    let config = bohb.nextConfiguration()
    lastProposalSource = bohb.lastProposalSource
    return config
  }
}
