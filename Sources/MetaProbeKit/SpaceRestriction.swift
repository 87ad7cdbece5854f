import Search

/// `--set NAME=VALUE` and `--range NAME=LOW:HIGH`: a learner's search space narrowed for a study.
///
/// The learners' spaces are their validity domains (e.g. `n_estimators` in 1…10000), wider
/// than a useful or affordable search; these options fix a hyperparameter or narrow a numeric
/// range while keeping its scale (log or linear) and step.
public enum SpaceRestriction {
  /// `space` with each `fixed` parameter (`NAME=VALUE`) fixed and each `ranges` parameter
  /// (`NAME=LOW:HIGH`) narrowed.
  ///
  /// - Throws: ``MetaProbeKitError/invalidSetting(_:)`` naming the option and parameter at
  ///   fault (unknown name, bad number, a value or range outside the learner's domain).
  public static func apply(to space: SearchSpace, fixed: [String], ranges: [String]) throws(MetaProbeKitError) -> SearchSpace {
    var parameters = space.parameters
    func index(_ name: String, option: String) throws(MetaProbeKitError) -> Int {
      guard let i = parameters.firstIndex(where: { $0.name == name }) else {
        throw .invalidSetting(
          "\(option) \(name): unknown hyperparameter; known: \(parameters.map(\.name).joined(separator: ", "))")
      }
      return i
    }
    func split(_ text: String, option: String) throws(MetaProbeKitError) -> (String, String) {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw .invalidSetting("\(option) '\(text)': expected NAME=\(option == "--set" ? "VALUE" : "LOW:HIGH")")
      }
      return (parts[0], parts[1])
    }
    for text in ranges {
      let (name, bounds) = try split(text, option: "--range")
      let i = try index(name, option: "--range")
      let ends = bounds.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard ends.count == 2 else { throw .invalidSetting("--range '\(text)': expected NAME=LOW:HIGH") }
      let p = parameters[i]
      switch p.domain {
      case .float(let lo, let hi, let log, let step):
        guard let a = Double(ends[0]), let b = Double(ends[1]), a <= b, a >= lo, b <= hi else {
          throw .invalidSetting("--range '\(text)': need numbers \(lo) ≤ LOW ≤ HIGH ≤ \(hi)")
        }
        parameters[i].domain = .float(low: a, high: b, log: log, step: step)
      case .int(let lo, let hi, let log, let step):
        guard let a = Int(ends[0]), let b = Int(ends[1]), a <= b, a >= lo, b <= hi else {
          throw .invalidSetting("--range '\(text)': need integers \(lo) ≤ LOW ≤ HIGH ≤ \(hi)")
        }
        parameters[i].domain = .int(low: a, high: b, log: log, step: step)
      case .categorical:
        throw .invalidSetting("--range '\(text)': \(name) is categorical; use --set \(name)=VALUE")
      }
    }
    for text in fixed {
      let (name, value) = try split(text, option: "--set")
      let i = try index(name, option: "--set")
      let p = parameters[i]
      let parsed: ParameterValue?
      switch p.domain {
      case .float: parsed = Double(value).map(ParameterValue.float)
      case .int: parsed = Int(value).map(ParameterValue.int)
      case .categorical: parsed = .categorical(value)
      }
      guard let v = parsed, p.contains(v) else {
        throw .invalidSetting("--set '\(text)': \(value) is not in \(name)'s domain \(p.domain)")
      }
      switch v {
      case .float(let x): parameters[i].domain = .float(low: x, high: x, log: false, step: nil)
      case .int(let n): parameters[i].domain = .int(low: n, high: n, log: false, step: 1)
      case .categorical(let s): parameters[i].domain = .categorical(choices: [s])
      }
    }
    for i in parameters.indices {
      if let d = parameters[i].defaultValue, !parameters[i].contains(d) { parameters[i].defaultValue = nil }
    }
    do {
      return try SearchSpace(parameters)
    } catch {
      throw .invalidSetting("--set/--range: \(error)")
    }
  }
}
