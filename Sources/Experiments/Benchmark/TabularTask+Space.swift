import Search

extension TabularTask {
  /// The search space a table's configurations span.
  ///
  /// One parameter per name seen, in name order; parameters with a single value are left out
  /// (they do not distinguish configurations). Ints give an int parameter and numbers a float
  /// one over [min, max], on a log scale when min > 0 and max ≥ 10·min; strings give a
  /// categorical over the sorted distinct values. A parameter absent from some configurations
  /// encodes as inactive there.
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
      let log = low > 0 && high >= 10 * low
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
}
