/// A validated set of hyperparameters, possibly conditional, in declaration order.
///
/// Parents must be declared before the parameters that depend on them, so the declaration order
/// is a topological order: samplers, grids and decoders walk it once, deciding each parameter's
/// activity from the values already chosen.
public struct SearchSpace: Sendable, Hashable, Codable {
  /// The parameters in declaration order.
  public let parameters: [Parameter]
  private let indexByName: [String: Int]

  /// Validates and stores `parameters`.
  ///
  /// - Throws: ``SearchError`` naming the parameter: `duplicateParameter`, `invalidRange`
  ///   (low > high or non-finite), `nonPositiveLogBound`, `invalidStep`, `invalidChoices`
  ///   (empty or repeated), `unknownParent`, `invalidCondition`, `defaultOutOfRange`.
  public init(_ parameters: [Parameter]) throws(SearchError) {
    var index: [String: Int] = [:]
    for (i, p) in parameters.enumerated() {
      guard index[p.name] == nil else { throw .duplicateParameter(p.name) }
      try Self.check(p)
      if let c = p.condition {
        guard let pi = index[c.parent] else {
          throw .unknownParent(parameter: p.name, parent: c.parent)
        }
        let parent = parameters[pi]
        if case .float = parent.domain {
          throw .invalidCondition(
            parameter: p.name, reason: "parent '\(c.parent)' must be categorical or int")
        }
        guard !c.values.isEmpty else {
          throw .invalidCondition(parameter: p.name, reason: "no parent values given")
        }
        for v in c.values where !parent.contains(v) {
          throw .invalidCondition(
            parameter: p.name, reason: "'\(v)' is not a value of parent '\(c.parent)'")
        }
      }
      index[p.name] = i
    }
    self.parameters = parameters
    self.indexByName = index
  }

  /// Validates and stores `parameters` (variadic form).
  public init(_ parameters: Parameter...) throws(SearchError) {
    try self.init(parameters)
  }

  private static func check(_ p: Parameter) throws(SearchError) {
    switch p.domain {
    case .float(let lo, let hi, let log, let step):
      guard lo.isFinite, hi.isFinite, lo <= hi else {
        throw .invalidRange(parameter: p.name, low: lo, high: hi)
      }
      if log, lo <= 0 { throw .nonPositiveLogBound(parameter: p.name, low: lo) }
      if let step {
        guard !log else {
          throw .invalidStep(parameter: p.name, reason: "step cannot be used with log")
        }
        guard step > 0, step.isFinite else {
          throw .invalidStep(parameter: p.name, reason: "step must be positive, got \(step)")
        }
        let k = (hi - lo) / step
        guard abs(k - k.rounded()) <= 1e-9 * Swift.max(1, k) else {
          throw .invalidStep(parameter: p.name, reason: "step \(step) does not divide \(hi - lo)")
        }
      }
    case .int(let lo, let hi, let log, let step):
      guard lo <= hi else {
        throw .invalidRange(parameter: p.name, low: Double(lo), high: Double(hi))
      }
      if log, lo <= 0 { throw .nonPositiveLogBound(parameter: p.name, low: Double(lo)) }
      guard step >= 1 else {
        throw .invalidStep(parameter: p.name, reason: "step must be at least 1, got \(step)")
      }
      if log, step != 1 {
        throw .invalidStep(parameter: p.name, reason: "a log-scaled int needs step 1")
      }
      guard (hi - lo) % step == 0 else {
        throw .invalidStep(parameter: p.name, reason: "step \(step) does not divide \(hi - lo)")
      }
    case .categorical(let choices):
      guard !choices.isEmpty else {
        throw .invalidChoices(parameter: p.name, reason: "a categorical parameter needs choices")
      }
      guard Set(choices).count == choices.count else {
        throw .invalidChoices(parameter: p.name, reason: "choices repeat a value")
      }
    }
    if let d = p.defaultValue, !p.contains(d) {
      throw .defaultOutOfRange(parameter: p.name, value: d.description)
    }
  }

  /// The parameter called `name`, or nil.
  public func parameter(named name: String) -> Parameter? {
    indexByName[name].map { parameters[$0] }
  }

  /// The names of all parameters, in declaration order.
  public var names: [String] { parameters.map(\.name) }

  /// Whether `parameter` is active given the values already in `config`.
  ///
  /// A parameter without a condition is always active; a conditional one is active when its
  /// parent is present in `config` (and so itself active) with one of the condition's values.
  public func isActive(_ parameter: Parameter, in config: Configuration) -> Bool {
    guard let c = parameter.condition else { return true }
    guard let v = config[c.parent] else { return false }
    return c.values.contains(v)
  }

  /// The names of the parameters active in `config`, in declaration order.
  public func activeNames(in config: Configuration) -> [String] {
    parameters.filter { isActive($0, in: config) }.map(\.name)
  }

  /// The configuration of defaults: each active parameter's default, or the centre of its domain
  /// (geometric centre for log scales, the first choice for categoricals) when it has none.
  public var defaultConfiguration: Configuration {
    var c = Configuration()
    for p in parameters where isActive(p, in: c) {
      c[p.name] = p.defaultValue ?? p.centre
    }
    return c
  }

  private enum CodingKeys: String, CodingKey { case parameters }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(try c.decode([Parameter].self, forKey: .parameters))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(parameters, forKey: .parameters)
  }

  public static func == (a: SearchSpace, b: SearchSpace) -> Bool { a.parameters == b.parameters }
  public func hash(into hasher: inout Hasher) { hasher.combine(parameters) }
}
