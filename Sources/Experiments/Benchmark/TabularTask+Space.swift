import Foundation
import Search

extension TabularTask {
  /// The search space a table's configurations span.
  ///
  /// One parameter per name seen, in name order; parameters with a single value are left out
  /// (they do not distinguish configurations). Ints give an int parameter and numbers a float
  /// one over [min, max], on a log scale when min > 0, max ≥ 10·min and the median of the distinct
  /// values sits nearer the middle of [min, max] on the log scale than on the linear one (a
  /// log-spaced grid such as 1e-8…1 or 16…1024, not uniform draws over 0.003…0.99); strings give a
  /// categorical over the sorted distinct values. A parameter absent from some configurations
  /// encodes as inactive there.
  ///
  /// Deliberately not MetaLearning's `SearchSpace.inferred(from:)`: this space is searched by
  /// samplers over one task's finite table, so constant parameters are dropped, the log scale
  /// follows where the grid's values sit, and mixed kinds are an error; that one encodes every
  /// task's configurations for a meta-model, so it keeps every parameter (constant ones too),
  /// falls back to categorical on mixed kinds, and uses the plain max/min ≥ 100 log rule (a
  /// common rule would change either the benchmark's results or saved meta-models' encodings).
  /// - Throws: `ExperimentsError.table` naming the task and parameter when a parameter mixes
  ///   strings and numbers.
  public static func inferredSpace(of configurations: [Configuration], task: String) throws(ExperimentsError)
    -> SearchSpace
  {
    var values: [String: [ParameterValue]] = [:]
    for c in configurations { for (name, v) in c.pairs { values[name, default: []].append(v) } }
    var parameters: [Parameter] = []
    for name in values.keys.sorted() {
      guard let vs = values[name] else { continue }
      let numbers = vs.compactMap(\.doubleValue)
      if numbers.isEmpty {
        let choices = Array(Set(vs.map(\.description))).sorted()
        if choices.count > 1 { parameters.append(.categorical(name, choices)) }
        continue
      }
      guard numbers.count == vs.count else {
        throw .table(task: task, reason: "parameter '\(name)' mixes numbers and strings")
      }
      guard let low = numbers.min(), let high = numbers.max(), low < high else { continue }
      let log = low > 0 && high >= 10 * low && Self.looksLogSpaced(numbers, low: low, high: high)
      if vs.allSatisfy({ if case .int = $0 { return true } else { return false } }) {
        parameters.append(.int(name, Int(low), Int(high), log: log))
      } else {
        parameters.append(.float(name, low, high, log: log))
      }
    }
    do { return try SearchSpace(parameters) } catch {
      throw .table(task: task, reason: "inferred search space: \(error)")
    }
  }

  private static func looksLogSpaced(_ numbers: [Double], low: Double, high: Double) -> Bool {
    let distinct = Array(Set(numbers)).sorted()
    let n = distinct.count
    let median = n % 2 == 1 ? distinct[n / 2] : (distinct[n / 2 - 1] + distinct[n / 2]) / 2
    let linear = (median - low) / (high - low)
    let logarithmic = (Foundation.log(median) - Foundation.log(low)) / (Foundation.log(high) - Foundation.log(low))
    return abs(logarithmic - 0.5) < abs(linear - 0.5)
  }
}
