/// How Hyperband rounds the number of configurations of a bracket's first rung.
public enum BracketRounding: String, Sendable, Hashable, Codable {
  /// Li et al. 2018, as Optuna and SMAC3: `n = ⌈(s_max + 1)/(s + 1) · η^s⌉`, `n_i = ⌊n·η^(−i)⌋`.
  /// For R = 81, η = 3 the first rungs hold 81, 34, 15, 8, 5 configurations.
  case liEtAl
  /// HpBandSter and DEHB: `n = ⌊(s_max + 1)/(s + 1)⌋ · η^s`, `n_i = max(⌊n·η^(−i)⌋, 1)`.
  /// For R = 81, η = 3 the first rungs hold 81, 27, 9, 6, 5 configurations.
  case hpBandSter
}

/// One bracket of Hyperband: a run of successive halving starting at rung 0.
public struct Bracket: Sendable, Hashable, Codable {
  /// s: the bracket's number of halvings (s_max for the most exploratory bracket, 0 for plain full-resource runs).
  public var s: Int
  /// The rungs, first to last.
  public var rungs: [Rung]
}

/// Hyperband (Li, Jamieson, DeSalvo, Rostamizadeh & Talwalkar, JMLR 2018): successive halving
/// over brackets that trade the number of configurations against the starting resource.
///
/// With R = maxResource/minResource, `s_max = ⌊log_η R⌋`, brackets run for s = s_max, …, 0;
/// bracket s starts n configurations at resource `maxResource·η^(−s)` and rung i gives
/// `n_i` configurations resource `maxResource·η^(i−s)`. The rounding of n follows
/// ``BracketRounding``: the paper's (default, as Optuna and SMAC3) or HpBandSter/DEHB's.
public struct Hyperband: Sendable, Hashable {
  /// The smallest resource (> 0).
  public let minResource: Double
  /// The largest resource.
  public let maxResource: Double
  /// η ≥ 2.
  public let reductionFactor: Int
  /// The rounding of bracket sizes.
  public let rounding: BracketRounding

  /// A Hyperband schedule.
  ///
  /// - Throws: `invalidSchedule` unless `0 < minResource ≤ maxResource` and `reductionFactor ≥ 2`.
  public init(
    minResource: Double, maxResource: Double, reductionFactor: Int = 3,
    rounding: BracketRounding = .liEtAl
  ) throws(SearchError) {
    try Halving.check(min: minResource, max: maxResource, eta: reductionFactor)
    self.minResource = minResource
    self.maxResource = maxResource
    self.reductionFactor = reductionFactor
    self.rounding = rounding
  }

  /// s_max = ⌊log_η(maxResource/minResource)⌋.
  public var maxStage: Int {
    Halving.maxStage(min: minResource, max: maxResource, eta: reductionFactor)
  }

  /// The brackets, s = s_max first.
  public var brackets: [Bracket] {
    let sMax = maxStage
    let eta = reductionFactor
    return stride(from: sMax, through: 0, by: -1).map { s in
      let ps = Halving.power(eta, s)
      let n: Int
      switch rounding {
      case .liEtAl: n = ((sMax + 1) * ps + s) / (s + 1)  // ⌈(s_max+1)·η^s/(s+1)⌉
      case .hpBandSter: n = ((sMax + 1) / (s + 1)) * ps
      }
      let rungs = (0...s).map { i in
        Rung(
          configurations: Swift.max(n / Halving.power(eta, i), 1),
          resource: maxResource / Double(Halving.power(eta, s - i)))
      }
      return Bracket(s: s, rungs: rungs)
    }
  }

  /// The total resource of one pass over all brackets, Σ n_i·r_i (useful for planning).
  public var totalResource: Double {
    brackets.reduce(0) { acc, b in
      acc + b.rungs.reduce(0) { $0 + Double($1.configurations) * $1.resource }
    }
  }
}
