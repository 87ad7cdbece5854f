import Foundation

/// The state of a trial, with Optuna's names and raw values.
public enum TrialState: String, Sendable, Hashable, Codable, CaseIterable {
  /// Asked and being evaluated (Optuna 0).
  case running = "RUNNING"
  /// Finished with values (Optuna 1).
  case complete = "COMPLETE"
  /// Stopped early by a pruner (Optuna 2).
  case pruned = "PRUNED"
  /// Failed: an error, or a NaN/infinite value (Optuna 3).
  case fail = "FAIL"
  /// Enqueued and not yet asked (Optuna 4).
  case waiting = "WAITING"

  /// Whether the trial can no longer change (COMPLETE, PRUNED or FAIL).
  public var isFinished: Bool { self == .complete || self == .pruned || self == .fail }
}

/// Whether an objective is minimised or maximised.
public enum StudyDirection: String, Sendable, Hashable, Codable {
  /// Smaller is better.
  case minimize
  /// Larger is better.
  case maximize

  /// Whether `a` is strictly better than `b` in this direction.
  public func isBetter(_ a: Double, than b: Double) -> Bool {
    self == .minimize ? a < b : a > b
  }

  /// `value` turned into a loss to minimise: itself for `.minimize`, its negation for `.maximize`.
  public func loss(_ value: Double) -> Double { self == .minimize ? value : -value }
}

/// A small JSON-like value for user and system attributes of a trial.
public enum AttributeValue: Sendable, Hashable, Codable, CustomStringConvertible {
  case string(String)
  case number(Double)
  case bool(Bool)
  case array([AttributeValue])

  public var description: String {
    switch self {
    case .string(let s): return s
    case .number(let x): return "\(x)"
    case .bool(let b): return "\(b)"
    case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
    }
  }

  /// The number held, or nil.
  public var number: Double? {
    if case .number(let x) = self { return x }
    return nil
  }
}

/// One evaluation of a configuration in a study (Optuna's `FrozenTrial`), a value type.
public struct Trial: Sendable, Hashable, Codable, Identifiable {
  /// The trial's number in its study: 0, 1, 2, … in creation order.
  public var number: Int
  /// Its state.
  public var state: TrialState
  /// The configuration evaluated (active parameters only).
  public var params: Configuration
  /// The objective values, one per study direction; empty until the trial completes.
  public var values: [Double]
  /// Intermediate objective values keyed by resource (epochs, data fraction, …; Optuna's `step`).
  public var intermediateValues: [Double: Double]
  /// Attributes set by the user.
  public var userAttributes: [String: AttributeValue]
  /// Attributes set by samplers and pruners, such as `completed_rung_0`.
  public var systemAttributes: [String: AttributeValue]
  /// When the trial started running (nil while WAITING).
  public var startDate: Date?
  /// When the trial finished (nil while not finished).
  public var completeDate: Date?
  /// Why the trial failed, when its state is FAIL.
  public var failReason: String?

  /// Creates a trial; the study assigns numbers, so the default is meant for imports.
  public init(
    number: Int = 0, state: TrialState, params: Configuration, values: [Double] = [],
    intermediateValues: [Double: Double] = [:], userAttributes: [String: AttributeValue] = [:],
    systemAttributes: [String: AttributeValue] = [:], startDate: Date? = nil,
    completeDate: Date? = nil, failReason: String? = nil
  ) {
    self.number = number
    self.state = state
    self.params = params
    self.values = values
    self.intermediateValues = intermediateValues
    self.userAttributes = userAttributes
    self.systemAttributes = systemAttributes
    self.startDate = startDate
    self.completeDate = completeDate
    self.failReason = failReason
  }

  /// The trial number (for `Identifiable`).
  public var id: Int { number }

  /// The single objective value (the first of ``values``), or nil when there is none.
  public var value: Double? { values.first }

  /// The largest resource with an intermediate value (Optuna's `last_step`), or nil.
  public var lastResource: Double? { intermediateValues.keys.max() }
}
