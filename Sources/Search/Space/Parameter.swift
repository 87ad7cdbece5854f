/// One hyperparameter of a ``SearchSpace``: its name, domain, optional default and condition.
///
/// Build parameters with the factory functions, which read like Optuna's `suggest_*`:
/// ```swift
/// .float("lr", 1e-5, 1e-1, log: true)
/// .int("n_estimators", 10, 500, step: 10)
/// .categorical("optimizer", ["sgd", "adam"])
/// .float("momentum", 0, 0.99, when: .init("optimizer", is: "sgd"))
/// ```
public struct Parameter: Sendable, Hashable, Codable {
  /// The set of values a parameter may take.
  public enum Domain: Sendable, Hashable, Codable {
    /// Reals in [`low`, `high`]; log-uniform when `log`; on the grid `low + k·step` when `step` is set.
    case float(low: Double, high: Double, log: Bool, step: Double?)
    /// Integers `low, low + step, …, high`; log-uniform when `log` (then `step` must be 1).
    case int(low: Int, high: Int, log: Bool, step: Int)
    /// One of the given strings.
    case categorical(choices: [String])

    /// Whether the domain is numeric (float or int).
    public var isNumeric: Bool {
      if case .categorical = self { return false }
      return true
    }
  }

  /// The parameter's name (unique in its space).
  public var name: String
  /// The values it may take.
  public var domain: Domain
  /// The value to use when nothing else is known (optional).
  public var defaultValue: ParameterValue?
  /// When set, the parameter is active only if its parent is active and takes one of the given values.
  public var condition: Condition?

  /// Creates a parameter; prefer the factory functions ``float(_:_:_:log:step:default:when:)``, etc.
  public init(
    name: String, domain: Domain, defaultValue: ParameterValue? = nil, condition: Condition? = nil
  ) {
    self.name = name
    self.domain = domain
    self.defaultValue = defaultValue
    self.condition = condition
  }

  /// A real parameter in [`low`, `high`].
  ///
  /// - Parameters:
  ///   - log: sample log-uniformly (needs `low > 0`).
  ///   - step: restrict to `low + k·step` (not with `log`); must divide `high − low`.
  public static func float(
    _ name: String, _ low: Double, _ high: Double, log: Bool = false, step: Double? = nil,
    default value: Double? = nil, when condition: Condition? = nil
  ) -> Parameter {
    Parameter(
      name: name, domain: .float(low: low, high: high, log: log, step: step),
      defaultValue: value.map(ParameterValue.float), condition: condition)
  }

  /// An integer parameter in [`low`, `high`] with the given step (≥ 1; 1 when `log`).
  public static func int(
    _ name: String, _ low: Int, _ high: Int, log: Bool = false, step: Int = 1,
    default value: Int? = nil, when condition: Condition? = nil
  ) -> Parameter {
    Parameter(
      name: name, domain: .int(low: low, high: high, log: log, step: step),
      defaultValue: value.map(ParameterValue.int), condition: condition)
  }

  /// A categorical parameter over `choices` (strings; numbers may be given as strings).
  public static func categorical(
    _ name: String, _ choices: [String], default value: String? = nil,
    when condition: Condition? = nil
  ) -> Parameter {
    Parameter(
      name: name, domain: .categorical(choices: choices),
      defaultValue: value.map(ParameterValue.categorical), condition: condition)
  }

  /// Whether `value` has the right kind and lies in the domain (on the step grid, if any).
  public func contains(_ value: ParameterValue) -> Bool {
    switch (domain, value) {
    case (.float(let lo, let hi, _, let step), .float(let x)):
      guard x.isFinite, x >= lo, x <= hi else { return false }
      guard let step else { return true }
      let k = (x - lo) / step
      return abs(k - k.rounded()) <= 1e-9 * Swift.max(1, abs(k))
    case (.int(let lo, let hi, _, let step), .int(let i)):
      return i >= lo && i <= hi && (i - lo) % step == 0
    case (.categorical(let choices), .categorical(let s)):
      return choices.contains(s)
    default:
      return false
    }
  }

  /// The kind of value the parameter takes: `float`, `int` or `categorical`.
  public var kind: String {
    switch domain {
    case .float: return "float"
    case .int: return "int"
    case .categorical: return "categorical"
    }
  }
}

/// The condition under which a parameter is active: its parent takes one of `values`.
public struct Condition: Sendable, Hashable, Codable {
  /// The parent parameter's name (a categorical or int parameter declared earlier).
  public var parent: String
  /// The parent values for which the child is active.
  public var values: [ParameterValue]

  /// Active when `parent` takes any of `values`.
  public init(_ parent: String, in values: [ParameterValue]) {
    self.parent = parent
    self.values = values
  }

  /// Active when the categorical `parent` equals `choice`.
  public init(_ parent: String, is choice: String) {
    self.init(parent, in: [.categorical(choice)])
  }

  /// Active when the categorical `parent` is one of `choices`.
  public init(_ parent: String, isAnyOf choices: [String]) {
    self.init(parent, in: choices.map(ParameterValue.categorical))
  }
}
