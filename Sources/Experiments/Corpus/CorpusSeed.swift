import Linalg

/// Seeds of the corpus, derived from the run's seed and names so that they do not depend on which
/// other tasks or learners a run includes, nor on their order.
enum CorpusSeed {
  /// FNV-1a (64-bit) of `name` (``SeededGenerator/nameHash(_:)``).
  static func hash(_ name: String) -> UInt64 { SeededGenerator.nameHash(name) }

  /// The evaluation seed of `task` under run seed `seed`: a SplitMix64 mix of both, in
  /// [0, 2³¹) so it prints as a small non-negative integer in the log's `seed` column.
  static func task(_ task: String, seed: UInt64) -> Int {
    var z = seed ^ hash(task)
    z = z &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Int(z & 0x7FFF_FFFF)
  }
}
