import Foundation

extension SearchSpace {
  /// The value of `parameter` written as `text` (as on the command line, `--set lr=0.01`).
  ///
  /// Floats accept any Swift `Double` literal (`1e-3`); ints accept integers and integral
  /// reals (`100`, `1e2`); categoricals accept one of the choices verbatim, or a number equal
  /// to a numeric choice (`0.50` for the choice `"0.5"`).
  /// - Throws: `unknownParameter` (with suggestions), `wrongType` when the text is not a number
  ///   of the right kind, `outOfRange` when it is outside the domain.
  public func value(of parameterName: String, parsing text: String) throws(SearchError)
    -> ParameterValue
  {
    guard let p = parameter(named: parameterName) else {
      throw .unknownParameter(parameterName, suggestions: suggestions(for: parameterName))
    }
    let t = text.trimmingCharacters(in: .whitespaces)
    let value: ParameterValue
    switch p.domain {
    case .float:
      guard let x = Double(t), x.isFinite else {
        throw .wrongType(parameter: p.name, expected: "float", got: "'\(text)'")
      }
      value = .float(x)
    case .int:
      if let i = Int(t) {
        value = .int(i)
      } else if let x = Double(t), x.isFinite, x == x.rounded(), abs(x) < 9e15 {
        value = .int(Int(x))
      } else {
        throw .wrongType(parameter: p.name, expected: "int", got: "'\(text)'")
      }
    case .categorical(let choices):
      // Verbatim, else a choice with the same number ("0.50" selects the choice "0.5").
      if !choices.contains(t), let x = Double(t),
        let match = choices.first(where: { Double($0) == x })
      {
        value = .categorical(match)
      } else {
        value = .categorical(t)
      }
    }
    guard p.contains(value) else { throw .outOfRange(parameter: p.name, value: t) }
    return value
  }

  /// A configuration from `name=value` assignments over a base configuration.
  ///
  /// Assigned parameters take the parsed value; every other active parameter keeps its value in
  /// `base` (the space's ``defaultConfiguration`` when nil), or its default/centre when the base
  /// lacks it (a parent's change can activate it). Parameters made inactive are dropped.
  /// - Parameters:
  ///   - assignments: strings `name=value`, as given to `--set`.
  ///   - base: the configuration to start from.
  /// - Throws: `malformedAssignment`, the errors of ``value(of:parsing:)``, `inactiveParameter`
  ///   when an assignment sets a parameter its parent deactivates, and the errors of ``validate(_:)``.
  public func configuration(parsing assignments: [String], base: Configuration? = nil)
    throws(SearchError) -> Configuration
  {
    var overrides = Configuration()
    for a in assignments {
      guard let eq = a.firstIndex(of: "=") else { throw .malformedAssignment(a) }
      let name = a[..<eq].trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else { throw .malformedAssignment(a) }
      overrides[name] = try value(of: name, parsing: String(a[a.index(after: eq)...]))
    }
    let start = base ?? defaultConfiguration
    var result = Configuration()
    for p in parameters {
      guard isActive(p, in: result) else {
        if overrides[p.name] != nil { throw .inactiveParameter(p.name) }
        continue
      }
      result[p.name] = overrides[p.name] ?? start[p.name] ?? p.defaultValue ?? p.centre
    }
    try validate(result)
    return result
  }
}
