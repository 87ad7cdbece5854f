import Search

/// One evaluation in a tuning log (DESIGN.md, "The tuning-log format"): one configuration of one
/// learner on one task at one resource level.
///
/// The fields are the columns of the log, a superset of Optuna's `trials_dataframe()` CSV:
/// `task`, `learner`, `number`, `params_<name>`, `resource`, `seed`, `value`, `direction`,
/// `cost_s`, `state` and `user_attrs_<name>`.
public struct TuningLogRecord: Sendable, Hashable, Codable {
  /// The task (dataset) name; the key of the task meta-features table.
  public var task: String
  /// The learner's command-line name (`mlp`, `random_forest`, `svm`, ...).
  public var learner: String
  /// The configuration's number within (task, learner): rows at several resource levels of the
  /// same configuration share it.
  public var number: Int
  /// The hyperparameters, by scikit-learn name.
  public var params: Configuration
  /// The resource level as a fraction of the full budget, in (0, 1].
  public var resource: Double
  /// The seed of this evaluation; `nil` when the value aggregates several seeds.
  public var seed: Int?
  /// The objective at this resource level; `nil` for a FAIL row.
  public var value: Double?
  /// Whether larger or smaller values are better.
  public var direction: StudyDirection
  /// The evaluation's wall time in seconds; `nil` when unknown.
  public var costSeconds: Double?
  /// COMPLETE, PRUNED or FAIL.
  public var state: TrialState
  /// Free-form attributes (`user_attrs_<name>` columns), such as a failure reason.
  public var userAttributes: [String: String]

  /// A record; see each property for its unit and range.
  public init(
    task: String, learner: String, number: Int, params: Configuration, resource: Double, seed: Int? = nil,
    value: Double?, direction: StudyDirection, costSeconds: Double? = nil, state: TrialState = .complete,
    userAttributes: [String: String] = [:]
  ) {
    self.task = task
    self.learner = learner
    self.number = number
    self.params = params
    self.resource = resource
    self.seed = seed
    self.value = value
    self.direction = direction
    self.costSeconds = costSeconds
    self.state = state
    self.userAttributes = userAttributes
  }
}
