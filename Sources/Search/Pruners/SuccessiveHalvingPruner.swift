/// Asynchronous successive halving as a stopping rule (Optuna's `SuccessiveHalvingPruner`).
///
/// Rung r completes at resource `minResource · η^(minEarlyStoppingRate + r)`. When a trial's
/// last reported resource reaches the next rung, its value there is stored as the system
/// attribute `completed_rung_r`, and it is compared with every other trial holding that
/// attribute: with `c` competing values (including its own) and `i = max(⌊c/η⌋ − 1, 0)`, it
/// survives if its value is ≤ the i-th smallest (minimise; ≥ the i-th largest for maximise).
/// So each of the first η − 1 arrivals at a rung must be the best so far. Surviving moves on
/// to the next rung in the same call. A NaN value at a rung prunes. With `bootstrapCount > 0`,
/// a trial is pruned while no more than that many trials have reached the rung.
public struct SuccessiveHalvingPruner: Pruner {
  /// The resource of rung 0 (> 0); nil means Optuna's "auto": `max(last resource of completed trials / 100, 1)`,
  /// and nothing is pruned until a trial completes.
  public var minResource: Double?
  /// η ≥ 2 (Optuna default 4).
  public var reductionFactor: Int
  /// s ≥ 0: rung 0 sits at `minResource · η^s` (default 0).
  public var minEarlyStoppingRate: Int
  /// Trials needed at a rung before anyone is promoted (default 0).
  public var bootstrapCount: Int

  /// A successive-halving pruner; defaults as Optuna.
  public init(
    minResource: Double? = nil, reductionFactor: Int = 4, minEarlyStoppingRate: Int = 0,
    bootstrapCount: Int = 0
  ) {
    precondition(reductionFactor >= 2, "reductionFactor must be at least 2")
    precondition(minResource.map { $0 > 0 } ?? true, "minResource must be positive")
    self.minResource = minResource
    self.reductionFactor = reductionFactor
    self.minEarlyStoppingRate = minEarlyStoppingRate
    self.bootstrapCount = bootstrapCount
  }

  static func rungKey(_ r: Int) -> String { "completed_rung_\(r)" }

  /// The verdict on `trial`; see the type's discussion for the rule.
  public func decide(trial: Trial, trials: [Trial], direction: StudyDirection) -> PruneDecision {
    guard let step = trial.lastResource, let value = trial.intermediateValues[step] else {
      return PruneDecision(shouldPrune: false)
    }
    let resourceUnit: Double
    if let minResource {
      resourceUnit = minResource
    } else {
      let lasts = trials.filter { $0.state == .complete }.compactMap(\.lastResource)
      guard let m = lasts.max() else { return PruneDecision(shouldPrune: false) }
      resourceUnit = Swift.max((m / 100).rounded(.down), 1)
    }
    var rung = 0
    while trial.systemAttributes[Self.rungKey(rung)] != nil { rung += 1 }
    var written: [String: AttributeValue] = [:]
    while true {
      let promotionStep =
        resourceUnit * pow(Double(reductionFactor), Double(minEarlyStoppingRate + rung))
      if step < promotionStep {
        return PruneDecision(shouldPrune: false, systemAttributes: written)
      }
      if value.isNaN { return PruneDecision(shouldPrune: true, systemAttributes: written) }
      let key = Self.rungKey(rung)
      written[key] = .number(value)
      var competing = trials.filter { $0.number != trial.number }
        .compactMap { $0.systemAttributes[key]?.number }
      competing.append(value)
      if competing.count <= bootstrapCount {
        return PruneDecision(shouldPrune: true, systemAttributes: written)
      }
      var index = competing.count / reductionFactor - 1
      if index < 0 { index = 0 }
      competing.sort()
      let survives =
        direction == .minimize
        ? value <= competing[index] : value >= competing[competing.count - 1 - index]
      if !survives { return PruneDecision(shouldPrune: true, systemAttributes: written) }
      rung += 1
    }
  }
}

private func pow(_ x: Double, _ y: Double) -> Double {
  var r = 1.0
  var k = Int(y)
  while k > 0 {
    r *= x
    k -= 1
  }
  return r
}
