import Foundation
import MetaProbeKit

/// An error of a command's input that exits with status 1 and a message naming what is wrong.
struct CommandError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A parameter value as plain JSON: a number for int and float, a string for categorical.
struct ParamJSON: Encodable {
  var value: ParameterValue
  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch value {
    case .float(let x): try c.encode(x)
    case .int(let i): try c.encode(i)
    case .categorical(let s): try c.encode(s)
    }
  }
}

/// A user attribute as plain JSON.
struct AttributeJSONValue: Encodable {
  var value: AttributeValue
  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch value {
    case .string(let s): try c.encode(s)
    case .number(let x): try c.encode(x)
    case .bool(let b): try c.encode(b)
    case .array(let a): try c.encode(a.map(AttributeJSONValue.init))
    }
  }
}

/// One trial in `tune --json` and `studies show --json`.
struct TrialJSON: Encodable {
  var number: Int
  var state: String
  var value: Double?
  var params: [String: ParamJSON]
  var resource: Double?
  var intermediateValues: [String: Double]
  var datetimeStart: String?
  var datetimeComplete: String?
  var durationS: Double?
  var failReason: String?
  var userAttrs: [String: AttributeJSONValue]
  var retryOf: Int?

  enum CodingKeys: String, CodingKey {
    case number, state, value, params, resource
    case retryOf = "retry_of"
    case intermediateValues = "intermediate_values"
    case datetimeStart = "datetime_start"
    case datetimeComplete = "datetime_complete"
    case durationS = "duration_s"
    case failReason = "fail_reason"
    case userAttrs = "user_attrs"
  }

  init(_ t: Trial) {
    number = t.number
    state = t.state.rawValue
    value = t.value
    params = Dictionary(uniqueKeysWithValues: t.params.pairs.map { ($0.name, ParamJSON(value: $0.value)) })
    resource = t.lastResource
    intermediateValues = Dictionary(
      uniqueKeysWithValues: t.intermediateValues.map { ("\($0.key)", $0.value) })
    datetimeStart = t.startDate.map(TimestampFormat.string(from:))
    datetimeComplete = t.completeDate.map(TimestampFormat.string(from:))
    if let s = t.startDate, let e = t.completeDate { durationS = e.timeIntervalSince(s) }
    failReason = t.failReason
    userAttrs = t.userAttributes.mapValues(AttributeJSONValue.init)
    retryOf = t.systemAttributes["retry_of"]?.number.map { Int($0) }
  }

  /// Encodes nil fields as JSON null, so every trial object has every key.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(number, forKey: .number)
    try c.encode(state, forKey: .state)
    try c.encode(value, forKey: .value)
    try c.encode(params, forKey: .params)
    try c.encode(resource, forKey: .resource)
    try c.encode(intermediateValues, forKey: .intermediateValues)
    try c.encode(datetimeStart, forKey: .datetimeStart)
    try c.encode(datetimeComplete, forKey: .datetimeComplete)
    try c.encode(durationS, forKey: .durationS)
    try c.encode(failReason, forKey: .failReason)
    try c.encode(userAttrs, forKey: .userAttrs)
    try c.encode(retryOf, forKey: .retryOf)
  }
}

/// The best trial in JSON: number, value, params.
struct BestTrialJSON: Encodable {
  var number: Int
  var value: Double?
  var params: [String: ParamJSON]
  init(_ t: Trial) {
    number = t.number
    value = t.value
    params = Dictionary(uniqueKeysWithValues: t.params.pairs.map { ($0.name, ParamJSON(value: $0.value)) })
  }
}

/// A study in JSON (`tune --json`, `studies show --json`).
struct StudyJSON: Encodable {
  var name: String
  var direction: String
  var directions: [String]
  var bestTrial: BestTrialJSON?
  var counts: [String: Int]
  var finishedTrials: Int
  var attributes: [String: AttributeJSONValue]
  var trials: [TrialJSON]

  enum CodingKeys: String, CodingKey {
    case name, direction, directions, counts, attributes, trials
    case bestTrial = "best_trial"
    case finishedTrials = "finished_trials"
  }

  init(name: String, directions: [StudyDirection], trials: [Trial]) {
    self.name = name
    self.direction = directions.first?.rawValue ?? "minimize"
    self.directions = directions.map(\.rawValue)
    bestTrial = Trial.best(in: trials, direction: directions.first ?? .minimize).map(BestTrialJSON.init)
    counts = Trial.stateCounts(in: trials)
    finishedTrials = Trial.countedFinished(in: trials)
    attributes = studyAttributes(trials).mapValues(AttributeJSONValue.init)
    self.trials = trials.map(TrialJSON.init)
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(direction, forKey: .direction)
    try c.encode(directions, forKey: .directions)
    try c.encode(bestTrial, forKey: .bestTrial)
    try c.encode(counts, forKey: .counts)
    try c.encode(finishedTrials, forKey: .finishedTrials)
    try c.encode(attributes, forKey: .attributes)
    try c.encode(trials, forKey: .trials)
  }
}

/// The run settings `tune` stores on each trial (dataset, learner, cv, seed, scheduler, …),
/// taken from the first trial that has them.
func studyAttributes(_ trials: [Trial]) -> [String: AttributeValue] {
  var out: [String: AttributeValue] = [:]
  for t in trials {
    for (k, v) in t.userAttributes where TuningRun.studyAttributeKeys.contains(k) && out[k] == nil {
      out[k] = v
    }
  }
  return out
}

/// A human-readable summary of a study: counts per state, best value and configuration.
func printSummary(name: String, directions: [StudyDirection], trials: [Trial]) {
  let counts = Trial.stateCounts(in: trials)
  let attrs = studyAttributes(trials)
  print("study \(name) (\(directions.map(\.rawValue).joined(separator: ", "))): \(trials.count) trials")
  if !attrs.isEmpty {
    print(attrs.keys.sorted().map { "\($0)=\(attrs[$0].map(plainText) ?? "")" }.joined(separator: " "))
  }
  print(
    TrialState.allCases.map { "\($0.rawValue) \(counts[$0.rawValue] ?? 0)" }.joined(separator: ", ")
      + " (\(Trial.countedFinished(in: trials)) finished, retried stale trials not counted)")
  if let best = Trial.best(in: trials, direction: directions.first ?? .minimize), let v = best.value {
    print("best trial \(best.number): value \(String(format: "%.6f", v))")
    print("best configuration: \(best.params)")
  } else {
    print("no COMPLETE trial yet")
  }
}

/// An attribute as text, integral numbers without a decimal point.
func plainText(_ value: AttributeValue) -> String {
  if case .number(let x) = value, x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
  return value.description
}
