/// Asynchronous successive halving (Li et al., MLSys 2020, Algorithm 2).
///
/// Rung k runs configurations at resource `minResource·η^(k+s)` (s the minimum early-stopping
/// rate), up to the top rung `K = ⌊log_η(maxResource/minResource)⌋ − s`. Whenever a worker is
/// free, ``nextJob()`` scans the rungs from K − 1 down to 0 and promotes the best configuration
/// of rung k that lies in the top ⌊|rung k|/η⌋ of that rung and has not been promoted yet;
/// when none is promotable it starts a new configuration at rung 0. Nothing waits for a rung
/// to fill. Configurations are numbered 0, 1, 2, … in the order they are started.
public struct ASHA: Sendable, Hashable {
  /// What a free worker should run next.
  public struct Job: Sendable, Hashable {
    /// The configuration's number (0, 1, … in start order).
    public var configuration: Int
    /// The rung to evaluate it at.
    public var rung: Int
    /// The rung's resource.
    public var resource: Double
    /// Whether this starts a new configuration (sample one) rather than promoting one.
    public var isNew: Bool
  }

  /// The smallest resource (> 0).
  public let minResource: Double
  /// The largest resource.
  public let maxResource: Double
  /// η ≥ 2.
  public let reductionFactor: Int
  /// s ≥ 0.
  public let minEarlyStoppingRate: Int
  /// Whether smaller or larger values are better.
  public let direction: StudyDirection
  private var results: [[Int: Double]]
  private var promoted: [Set<Int>]
  private var started = 0

  /// An ASHA scheduler.
  ///
  /// - Throws: `invalidSchedule` for bad resources or η, or when s leaves no rung.
  public init(
    minResource: Double, maxResource: Double, reductionFactor: Int = 3,
    minEarlyStoppingRate: Int = 0, direction: StudyDirection = .minimize
  ) throws(SearchError) {
    try Halving.check(min: minResource, max: maxResource, eta: reductionFactor)
    let top =
      Halving.maxStage(min: minResource, max: maxResource, eta: reductionFactor)
      - minEarlyStoppingRate
    guard minEarlyStoppingRate >= 0, top >= 0 else {
      throw .invalidSchedule("minEarlyStoppingRate \(minEarlyStoppingRate) leaves no rung")
    }
    self.minResource = minResource
    self.maxResource = maxResource
    self.reductionFactor = reductionFactor
    self.minEarlyStoppingRate = minEarlyStoppingRate
    self.direction = direction
    results = Array(repeating: [:], count: top + 1)
    promoted = Array(repeating: [], count: top + 1)
  }

  /// K: the index of the top rung.
  public var topRung: Int { results.count - 1 }

  /// The resource of rung k: `minResource·η^(k+s)`.
  public func resource(ofRung k: Int) -> Double {
    minResource * Double(Halving.power(reductionFactor, k + minEarlyStoppingRate))
  }

  /// The results recorded at rung k, as (configuration, value), best first.
  public func rung(_ k: Int) -> [(configuration: Int, value: Double)] {
    let entries = results[k].sorted { $0.key < $1.key }
    let order = Halving.ranking(entries.map(\.value), ids: entries.map(\.key), direction: direction)
    return order.map { (entries[$0].key, entries[$0].value) }
  }

  /// The next job: the best promotable configuration of the highest rung, else a new one.
  ///
  /// A configuration with a NaN value (a failed evaluation) is never promoted.
  public mutating func nextJob() -> Job {
    for k in stride(from: topRung - 1, through: 0, by: -1) {
      let ranked = rung(k)
      let top = ranked.prefix(ranked.count / reductionFactor)
      if let c = top.first(where: { !promoted[k].contains($0.configuration) && !$0.value.isNaN }) {
        promoted[k].insert(c.configuration)
        return Job(
          configuration: c.configuration, rung: k + 1, resource: resource(ofRung: k + 1),
          isNew: false)
      }
    }
    defer { started += 1 }
    return Job(configuration: started, rung: 0, resource: resource(ofRung: 0), isNew: true)
  }

  /// Records the value of `configuration` at rung `rung` (NaN ranks last).
  ///
  /// - Precondition: `0 ≤ rung ≤ topRung` and the configuration was started.
  public mutating func report(configuration: Int, rung: Int, value: Double) {
    precondition(rung >= 0 && rung <= topRung, "rung \(rung) outside 0…\(topRung)")
    precondition(configuration < started, "configuration \(configuration) was never started")
    results[rung][configuration] = value
  }
}
