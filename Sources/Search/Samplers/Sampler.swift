/// Proposes the configuration of the next trial from the trials so far.
///
/// A sampler holds its own ``Linalg/SeededGenerator`` seeded at creation, so a study created with
/// the same sampler seed proposes the same sequence of configurations.
public protocol Sampler: Sendable {
  /// The configuration for the next trial.
  ///
  /// - Parameters:
  ///   - space: the search space.
  ///   - trials: every trial of the study so far (any state), by number.
  ///   - directions: the study's directions, one per objective.
  /// - Throws: ``SearchError/gridExhausted(size:)`` from samplers with a finite set of points.
  mutating func sample(space: SearchSpace, trials: [Trial], directions: [StudyDirection])
    throws(SearchError) -> Configuration
}
