import Foundation

/// One rung of successive halving: how many configurations run, and at which resource.
public struct Rung: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The number of configurations evaluated at this rung (n_i).
  public var configurations: Int
  /// The resource each is given (r_i), in the units of the schedule's min and max resource.
  public var resource: Double

  /// A rung of `configurations` configurations at `resource`.
  public init(configurations: Int, resource: Double) {
    self.configurations = configurations
    self.resource = resource
  }

  public var description: String { "(\(configurations), \(resource))" }
}

/// Shared arithmetic of successive halving, Hyperband and ASHA.
enum Halving {
  /// Checks `0 < minResource ≤ maxResource` (finite) and `η ≥ 2`.
  static func check(min: Double, max: Double, eta: Int) throws(SearchError) {
    guard min > 0, max.isFinite, min <= max else {
      throw .invalidSchedule("need 0 < minResource (\(min)) ≤ maxResource (\(max))")
    }
    guard eta >= 2 else { throw .invalidSchedule("reductionFactor must be at least 2, got \(eta)") }
  }

  /// s_max = ⌊log_η(max/min)⌋, computed without rounding error for exact powers.
  static func maxStage(min: Double, max: Double, eta: Int) -> Int {
    let ratio = max / min
    var s = 0
    var p = Double(eta)
    while p <= ratio * (1 + 1e-9) {
      s += 1
      p *= Double(eta)
    }
    return s
  }

  /// η^k as an integer (k ≥ 0).
  static func power(_ eta: Int, _ k: Int) -> Int {
    var r = 1
    for _ in 0..<k { r *= eta }
    return r
  }

  /// The indices of `values` sorted best first: by value in `direction` (NaN last), ties by `ids`.
  static func ranking(_ values: [Double], ids: [Int], direction: StudyDirection) -> [Int] {
    values.indices.sorted { i, j in
      let (a, b) = (values[i], values[j])
      if a.isNaN != b.isNaN { return !a.isNaN }
      if !a.isNaN, a != b { return direction.isBetter(a, than: b) }
      return ids[i] < ids[j]
    }
  }
}
