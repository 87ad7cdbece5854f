import Foundation
import Linalg

extension SearchSpace {
  /// A configuration drawn uniformly: each active parameter, in declaration order, uniform over
  /// its domain (log-uniform for log parameters, uniform over the grid for stepped ones).
  ///
  /// - Parameter generator: the seeded source of randomness; advanced by one draw per active parameter.
  public func sample(using generator: inout SeededGenerator) -> Configuration {
    var config = Configuration()
    for p in parameters where isActive(p, in: config) {
      config[p.name] = p.sample(using: &generator)
    }
    return config
  }

  /// The values a grid takes for one parameter.
  ///
  /// A categorical gives all its choices. A numeric parameter gives `pointsPerNumeric` points
  /// evenly spaced from low to high (on the log scale for log parameters; the centre when
  /// `pointsPerNumeric == 1`), rounded to its integer or step grid with duplicates removed, so an
  /// int or stepped range with fewer values than points gives each value once.
  public func gridValues(of parameter: Parameter, pointsPerNumeric: Int) -> [ParameterValue] {
    if case .categorical(let choices) = parameter.domain {
      return choices.map(ParameterValue.categorical)
    }
    let k = Swift.max(pointsPerNumeric, 1)
    if k == 1 { return [parameter.value(atUnit: 0.5)] }
    var seen = Set<ParameterValue>()
    var out: [ParameterValue] = []
    for i in 0..<k {
      let v = parameter.value(atUnit: Double(i) / Double(k - 1))
      if seen.insert(v).inserted { out.append(v) }
    }
    return out
  }

  /// Every configuration of the grid, in lexicographic order of declaration.
  ///
  /// Conditional parameters are expanded only in the branches where they are active, so
  /// `optimizer ∈ {sgd, adam}` with `momentum` (3 points, only for sgd) gives 3 + 1 = 4 configurations.
  /// - Parameter pointsPerNumeric: points per numeric parameter (≥ 1); see ``gridValues(of:pointsPerNumeric:)``.
  /// - Complexity: the size of the grid times the number of parameters.
  public func grid(pointsPerNumeric: Int) -> [Configuration] {
    var partial = [Configuration()]
    for p in parameters {
      let values = gridValues(of: p, pointsPerNumeric: pointsPerNumeric)
      var next: [Configuration] = []
      next.reserveCapacity(partial.count * values.count)
      for c in partial {
        guard isActive(p, in: c) else {
          next.append(c)
          continue
        }
        for v in values {
          var e = c
          e[p.name] = v
          next.append(e)
        }
      }
      partial = next
    }
    return partial
  }
}
