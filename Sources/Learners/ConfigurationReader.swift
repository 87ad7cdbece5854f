import Search

/// Typed access to a complete configuration's values, with errors naming the learner and parameter.
struct ConfigurationReader {
  let config: Configuration
  let learner: String

  init(_ config: Configuration, learner: String) {
    self.config = config
    self.learner = learner
  }

  private func value(_ name: String) throws(LearnerError) -> ParameterValue {
    guard let v = config[name] else {
      throw .invalidConfiguration(learner: learner, reason: "missing parameter '\(name)'")
    }
    return v
  }

  /// The value of an int parameter.
  func int(_ name: String) throws(LearnerError) -> Int {
    switch try value(name) {
    case .int(let i): return i
    case .float(let x) where x == x.rounded(): return Int(x)
    case let v: throw .invalidConfiguration(learner: learner, reason: "'\(name)' must be an int, got \(v)")
    }
  }

  /// The value of a float (or int) parameter.
  func double(_ name: String) throws(LearnerError) -> Double {
    let v = try value(name)
    guard let x = v.doubleValue else {
      throw .invalidConfiguration(learner: learner, reason: "'\(name)' must be a number, got \(v)")
    }
    return x
  }

  /// The value of a categorical parameter (or any value as text).
  func string(_ name: String) throws(LearnerError) -> String {
    try value(name).description
  }

  /// The value if the parameter is active, else nil.
  func optional(_ name: String) -> ParameterValue? { config[name] }
}
