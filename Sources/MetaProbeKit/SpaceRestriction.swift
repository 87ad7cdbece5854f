import Search

/// `--set NAME=VALUE` and `--range NAME=LOW:HIGH`: a learner's search space narrowed for a study.
///
/// These options fix a hyperparameter or set a numeric range (keeping its scale, log or linear,
/// and its step) within the learner's validity domain: they may reach outside the tuning space's
/// ranges (`--set C=1e5`), and name parameters the tuning space leaves at their defaults
/// (`--set tol=1e-6`).
public enum SpaceRestriction {
  /// `space` with each `fixed` parameter (`NAME=VALUE`) fixed and each `ranges` parameter
  /// (`NAME=LOW:HIGH`) set, both checked against `validity` (the learner's validity domain;
  /// `space` itself when nil). A named parameter that `space` lacks and `validity` has is added.
  ///
  /// - Throws: ``MetaProbeKitError/invalidSetting(_:)`` naming the option and parameter at
  ///   fault (unknown name, bad number, a value or range outside the learner's domain).
  public static func apply(
    to space: SearchSpace, within validity: SearchSpace? = nil, fixed: [String], ranges: [String]
  ) throws(MetaProbeKitError) -> SearchSpace {
    var parameters = space.parameters
    let domain = validity ?? space
    func index(_ name: String, option: String) throws(MetaProbeKitError) -> Int {
      guard let reference = domain.parameter(named: name) else {
        throw .invalidSetting(
          "\(option) \(name): unknown hyperparameter; known: \(domain.parameters.map(\.name).joined(separator: ", "))")
      }
      // The children of a re-set parameter get their full conditions back (reconciled below
      // with its new domain): fixing the SVM's kernel to poly activates gamma again.
      for j in parameters.indices where parameters[j].condition?.parent == name {
        parameters[j].condition = domain.parameter(named: parameters[j].name)?.condition ?? parameters[j].condition
      }
      if let i = parameters.firstIndex(where: { $0.name == name }) { return i }
      parameters.append(reference)
      return parameters.count - 1
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
      // The scale and step are the space's own; the bounds may reach the validity domain's.
      switch (parameters[i].domain, domain.parameter(named: name)?.domain ?? parameters[i].domain) {
      case (.float(_, _, let log, let step), .float(let lo, let hi, _, _)):
        guard let a = Double(ends[0]), let b = Double(ends[1]), a <= b, a >= lo, b <= hi else {
          throw .invalidSetting("--range '\(text)': need numbers \(lo) ≤ LOW ≤ HIGH ≤ \(hi)")
        }
        parameters[i].domain = .float(low: a, high: b, log: log, step: step)
      case (.int(_, _, let log, let step), .int(let lo, let hi, _, _)):
        guard let a = Int(ends[0]), let b = Int(ends[1]), a <= b, a >= lo, b <= hi else {
          throw .invalidSetting("--range '\(text)': need integers \(lo) ≤ LOW ≤ HIGH ≤ \(hi)")
        }
        parameters[i].domain = .int(low: a, high: b, log: log, step: step)
      default:
        throw .invalidSetting("--range '\(text)': \(name) is categorical; use --set \(name)=VALUE")
      }
    }
    for text in fixed {
      let (name, value) = try split(text, option: "--set")
      let i = try index(name, option: "--set")
      var p = parameters[i]
      p.domain = domain.parameter(named: name)?.domain ?? p.domain
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
      return try SearchSpace(Parameter.reconcilingConditions(parameters))
    } catch {
      throw .invalidSetting("--set/--range: \(error)")
    }
  }
}
