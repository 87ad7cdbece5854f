/// Wraps any sampler so that it proposes from an ``AdaptiveSearchSpace``: narrowed around the
/// best trials, widened back towards the original space when progress stalls.
///
/// ```swift
/// let sampler = AdaptiveSampler(base: TPESampler(seed: 1), patience: 15)
/// let study = try await Study(space: space, sampler: sampler)
/// ```
/// On every proposal the adaptive space is updated from the study's trials, then `base` is
/// asked with the current space and with the trials whose configurations lie inside it (a
/// base sampler must not see observations outside the domain it is given). The proposal is a
/// point of the current space and so of the original one. Multi-objective studies are passed
/// through unchanged (no single best value to narrow around).
public struct AdaptiveSampler<Base: Sampler>: Sampler {
  /// The wrapped sampler.
  public private(set) var base: Base
  /// The adaptive space of the last proposal (nil before the first).
  public private(set) var adaptive: AdaptiveSearchSpace?
  /// See ``AdaptiveSearchSpace/gamma``.
  public let gamma: Double
  /// See ``AdaptiveSearchSpace/margin``.
  public let margin: Double
  /// See ``AdaptiveSearchSpace/patience``.
  public let patience: Int
  /// See ``AdaptiveSearchSpace/minTrials``.
  public let minTrials: Int

  /// Wraps `base`; the settings are those of ``AdaptiveSearchSpace``.
  public init(
    base: Base, gamma: Double = 0.25, margin: Double = 0.1, patience: Int = 10,
    minTrials: Int = 10
  ) {
    self.base = base
    self.gamma = gamma
    self.margin = margin
    self.patience = patience
    self.minTrials = minTrials
  }

  /// The base sampler's proposal in the current adaptive space.
  public mutating func sample(space: SearchSpace, trials: [Trial], directions: [StudyDirection])
    throws(SearchError) -> Configuration
  {
    guard directions.count == 1 else {
      return try base.sample(space: space, trials: trials, directions: directions)
    }
    var state =
      adaptive.flatMap { $0.original == space ? $0 : nil }
      ?? AdaptiveSearchSpace(
        original: space, gamma: gamma, margin: margin, patience: patience, minTrials: minTrials)
    state.update(trials: trials, direction: directions[0])
    adaptive = state
    let current = state.current
    let inside = trials.filter { (try? current.validate($0.params)) != nil }
    return try base.sample(space: current, trials: inside, directions: directions)
  }
}
