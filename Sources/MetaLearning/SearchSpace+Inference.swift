import Search
import Storage

extension SearchSpace {
  /// A search space covering every configuration of a tuning log, for logs that come without one.
  ///
  /// One parameter per name any record uses, sorted by name: `int` when every value is an
  /// integer, `float` when all are numeric (ints widened), `categorical` otherwise (choices
  /// sorted; numbers written as text). Numeric bounds are the smallest and largest values seen;
  /// the scale is logarithmic when every value is > 0 and max/min ≥ 100. No conditions are
  /// inferred: a parameter a record lacks is encoded as inactive for that record.
  ///
  ///
  /// Not the benchmark's `TabularTask.inferredSpace(of:task:)`, which drops constant parameters,
  /// refuses mixed kinds and picks the log scale from the values' spread (see there why).
  ///
  /// - Parameter records: the log's records (every state; their configurations are what is known).
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when no record has a parameter or a
  ///   numeric value is not finite (naming the parameter).
  public static func inferred(from records: [TuningLogRecord]) throws(MetaLearningError) -> SearchSpace {
    var values: [String: [ParameterValue]] = [:]
    for r in records {
      for (name, value) in zip(r.params.names, r.params.values) { values[name, default: []].append(value) }
    }
    guard !values.isEmpty else { throw .invalidInput("the tuning log has no parameters to infer a search space from") }
    var parameters: [Parameter] = []
    for name in values.keys.sorted() {
      let seen = values[name] ?? []
      let numbers = seen.compactMap(\.doubleValue)
      if numbers.count < seen.count {
        parameters.append(.categorical(name, Array(Set(seen.map(\.description))).sorted()))
        continue
      }
      guard numbers.allSatisfy(\.isFinite) else { throw .invalidInput("parameter '\(name)': a value is not finite") }
      let low = numbers.min() ?? 0
      let high = numbers.max() ?? 0
      let log = low > 0 && high / low >= 100
      if seen.allSatisfy({ if case .int = $0 { return true } else { return false } }) {
        parameters.append(.int(name, Int(low), Int(high), log: log))
      } else {
        parameters.append(.float(name, low, high, log: log))
      }
    }
    do {
      return try SearchSpace(parameters)
    } catch {
      throw .invalidInput("inferred search space: \(error)")
    }
  }
}
