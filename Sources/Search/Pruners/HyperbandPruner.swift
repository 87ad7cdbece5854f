/// Hyperband as a stopping rule (Optuna's `HyperbandPruner`): several asynchronous
/// successive-halving brackets, each trial assigned to one and compared only within it.
///
/// With `n = ⌊log_η(maxResource / minResource)⌋ + 1` brackets, bracket `i` is a
/// ``SuccessiveHalvingPruner`` with `minEarlyStoppingRate = i` (bracket 0 stops most
/// aggressively; bracket n − 1 never prunes below `maxResource`). A trial's bracket is drawn
/// from its number, in proportion to Optuna's bracket budgets `⌈n · η^(n−1−i) / (n − i)⌉`;
/// Optuna hashes the study name with the trial number (Python's salted `hash`), here a
/// SplitMix64 hash of the number is used, so the assignment is reproducible. The bracket is
/// written as the system attribute `hyperband_bracket`.
public struct HyperbandPruner: Pruner {
  /// The resource of the first rung of bracket 0 (> 0).
  public let minResource: Double
  /// The largest resource a trial reaches (≥ `minResource`).
  public let maxResource: Double
  /// η ≥ 2.
  public let reductionFactor: Int

  /// A Hyperband pruner over `minResource … maxResource` with ratio `reductionFactor`.
  ///
  /// - Throws: `invalidSchedule` unless `0 < minResource ≤ maxResource` and `reductionFactor ≥ 2`.
  public init(minResource: Double, maxResource: Double, reductionFactor: Int = 3) throws(SearchError) {
    guard minResource > 0, minResource.isFinite, maxResource >= minResource, maxResource.isFinite else {
      throw .invalidSchedule("Hyperband needs 0 < minResource ≤ maxResource, got \(minResource), \(maxResource)")
    }
    guard reductionFactor >= 2 else {
      throw .invalidSchedule("reductionFactor must be at least 2, got \(reductionFactor)")
    }
    self.minResource = minResource
    self.maxResource = maxResource
    self.reductionFactor = reductionFactor
  }

  /// The number of brackets, `⌊log_η(max / min)⌋ + 1` (with a 1e-9 tolerance for rounding).
  public var bracketCount: Int {
    var n = 1
    var r = minResource * Double(reductionFactor)
    while r <= maxResource * (1 + 1e-9) {
      n += 1
      r *= Double(reductionFactor)
    }
    return n
  }

  /// Optuna's trial allocation budget of bracket `i`: `⌈n · η^(n−1−i) / (n − i)⌉`.
  public func budget(ofBracket i: Int) -> Int {
    let n = bracketCount
    var power = 1
    for _ in 0..<(n - 1 - i) { power *= reductionFactor }
    return (n * power + (n - i) - 1) / (n - i)
  }

  /// The bracket of the trial numbered `number`.
  public func bracket(ofTrial number: Int) -> Int {
    let n = bracketCount
    let total = (0..<n).map(budget(ofBracket:)).reduce(0, +)
    var z = UInt64(truncatingIfNeeded: number) &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    var k = Int(z % UInt64(total))
    for i in 0..<n {
      k -= budget(ofBracket: i)
      if k < 0 { return i }
    }
    return n - 1
  }

  static let bracketKey = "hyperband_bracket"

  /// The verdict of the trial's bracket, judged against the trials of that bracket only.
  public func decide(trial: Trial, trials: [Trial], direction: StudyDirection) -> PruneDecision {
    let b = bracket(ofTrial: trial.number)
    let peers = trials.filter { bracket(ofTrial: $0.number) == b }
    let halving = SuccessiveHalvingPruner(
      minResource: minResource, reductionFactor: reductionFactor, minEarlyStoppingRate: b)
    var decision = halving.decide(trial: trial, trials: peers, direction: direction)
    if trial.systemAttributes[Self.bracketKey] == nil {
      decision.systemAttributes[Self.bracketKey] = .number(Double(b))
    }
    return decision
  }
}
