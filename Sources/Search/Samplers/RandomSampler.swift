import Linalg

/// Samples each configuration uniformly from the space (log-uniform for log parameters).
public struct RandomSampler: Sampler {
  private var generator: SeededGenerator

  /// A random sampler whose sequence of configurations is fixed by `seed`.
  public init(seed: UInt64) {
    generator = SeededGenerator(seed: seed)
  }

  /// A uniform draw from `space` (see ``SearchSpace/sample(using:)``); the trials are ignored.
  public mutating func sample(space: SearchSpace, trials: [Trial], directions: [StudyDirection])
    -> Configuration
  {
    space.sample(using: &generator)
  }
}
