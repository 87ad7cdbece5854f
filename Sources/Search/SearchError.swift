/// The errors of the `Search` module; every case names the parameter, trial or study at fault.
public enum SearchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Two parameters of a space share a name.
  case duplicateParameter(String)
  /// A numeric parameter has `low > high` (or a non-finite bound).
  case invalidRange(parameter: String, low: Double, high: Double)
  /// A log-scaled parameter has `low <= 0`.
  case nonPositiveLogBound(parameter: String, low: Double)
  /// A step is not positive, does not divide the range, or is combined with a log scale.
  case invalidStep(parameter: String, reason: String)
  /// A categorical parameter has no choices (or repeats one).
  case invalidChoices(parameter: String, reason: String)
  /// A condition names a parent that is not declared before the parameter.
  case unknownParent(parameter: String, parent: String)
  /// A condition's parent is not categorical or integer, or a condition value is outside the parent's domain.
  case invalidCondition(parameter: String, reason: String)
  /// A default value lies outside the parameter's domain or has the wrong type.
  case defaultOutOfRange(parameter: String, value: String)
  /// A configuration names a parameter the space does not have.
  case unknownParameter(String, suggestions: [String])
  /// A configuration gives a parameter a value of the wrong kind.
  case wrongType(parameter: String, expected: String, got: String)
  /// A configuration gives a parameter a value outside its domain.
  case outOfRange(parameter: String, value: String)
  /// A configuration holds a parameter whose condition is not met.
  case inactiveParameter(String)
  /// A configuration lacks an active parameter.
  case missingParameter(String)
  /// A `k=v` assignment could not be parsed.
  case malformedAssignment(String)
  /// An encoded vector has the wrong length.
  case encodingLength(expected: Int, got: Int)
  /// The grid sampler has proposed every point of its grid.
  case gridExhausted(size: Int)
  /// No trial with this number exists in the study.
  case unknownTrial(Int)
  /// The trial is already finished (COMPLETE, PRUNED or FAIL) and cannot change.
  case trialFinished(number: Int, state: TrialState)
  /// The number of values does not match the study's directions.
  case valueCount(number: Int, expected: Int, got: Int)
  /// The requested operation is not defined for this study (e.g. pruning a multi-objective study).
  case unsupported(String)
  /// A study with this name already exists, or none does.
  case study(name: String, reason: String)
  /// A storage back end failed.
  case storage(String)
  /// A scheduler was configured with bad resources or reduction factor.
  case invalidSchedule(String)

  public var description: String {
    switch self {
    case .duplicateParameter(let n):
      return "parameter '\(n)' is declared twice; give each parameter a unique name"
    case .invalidRange(let n, let lo, let hi):
      return "parameter '\(n)': low (\(lo)) must be finite and not greater than high (\(hi))"
    case .nonPositiveLogBound(let n, let lo):
      return "parameter '\(n)': a log scale needs low > 0, got \(lo)"
    case .invalidStep(let n, let r): return "parameter '\(n)': invalid step: \(r)"
    case .invalidChoices(let n, let r): return "parameter '\(n)': \(r)"
    case .unknownParent(let n, let p):
      return "parameter '\(n)': condition names parent '\(p)', which is not declared before it"
    case .invalidCondition(let n, let r): return "parameter '\(n)': invalid condition: \(r)"
    case .defaultOutOfRange(let n, let v):
      return "parameter '\(n)': default \(v) is outside its domain"
    case .unknownParameter(let n, let s):
      let hint = s.isEmpty ? "" : "; did you mean \(s.map { "'\($0)'" }.joined(separator: " or "))?"
      return "unknown parameter '\(n)'\(hint)"
    case .wrongType(let n, let e, let g): return "parameter '\(n)': expected \(e), got \(g)"
    case .outOfRange(let n, let v): return "parameter '\(n)': value \(v) is outside its domain"
    case .inactiveParameter(let n):
      return "parameter '\(n)' is set but inactive (its condition is not met); remove it"
    case .missingParameter(let n): return "parameter '\(n)' is active but has no value"
    case .malformedAssignment(let s): return "cannot parse '\(s)'; expected name=value"
    case .encodingLength(let e, let g): return "encoded vector has \(g) entries, expected \(e)"
    case .gridExhausted(let n): return "the grid of \(n) points is exhausted"
    case .unknownTrial(let n): return "no trial number \(n) in this study"
    case .trialFinished(let n, let s): return "trial \(n) is already finished (\(s.rawValue))"
    case .valueCount(let n, let e, let g):
      return "trial \(n): \(g) values given, the study has \(e) objective(s)"
    case .unsupported(let r): return "unsupported: \(r)"
    case .study(let n, let r): return "study '\(n)': \(r)"
    case .storage(let r): return "storage: \(r)"
    case .invalidSchedule(let r): return "invalid schedule: \(r)"
    }
  }
}
