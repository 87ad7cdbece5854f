import Foundation

extension Study {
  /// Records an intermediate value of a running trial at `resource` (Optuna's `trial.report`).
  ///
  /// A second report at the same resource is ignored, as in Optuna.
  /// - Throws: `unknownTrial`, `trialFinished`, `unsupported` for multi-objective studies.
  public func report(number: Int, value: Double, resource: Double) async throws(SearchError) {
    guard directions.count == 1 else {
      throw .unsupported("report is not defined for multi-objective studies")
    }
    var t = try trial(number)
    guard t.state == .running else { throw .trialFinished(number: number, state: t.state) }
    guard t.intermediateValues[resource] == nil else { return }
    try await storage.setIntermediateValue(
      studyID: id, number: number, resource: resource, value: value)
    t = try trial(number)
    t.intermediateValues[resource] = value
    store(t)
  }

  /// Whether the pruner would stop the running trial now; its bookkeeping is written to storage.
  ///
  /// The trial keeps running; to stop it, ``tell(_:state:values:failReason:)`` it as PRUNED.
  /// - Throws: `unknownTrial`, `unsupported` for multi-objective studies.
  public func shouldPrune(number: Int) async throws(SearchError) -> Bool {
    guard directions.count == 1 else {
      throw .unsupported("pruning is not defined for multi-objective studies")
    }
    var t = try trial(number)
    let decision = pruner.decide(trial: t, trials: cache, direction: directions[0])
    for (k, v) in decision.systemAttributes.sorted(by: { $0.key < $1.key }) {
      try await storage.setSystemAttribute(studyID: id, number: number, key: k, value: v)
    }
    t = try trial(number)
    t.systemAttributes.merge(decision.systemAttributes) { _, new in new }
    store(t)
    return decision.shouldPrune
  }

  /// Sets a user attribute on a trial.
  public func setUserAttribute(number: Int, key: String, value: AttributeValue)
    async throws(SearchError)
  {
    _ = try trial(number)
    try await storage.setUserAttribute(studyID: id, number: number, key: key, value: value)
    var t = try trial(number)
    t.userAttributes[key] = value
    store(t)
  }

  /// Enqueues a configuration to be evaluated by a later ``ask()``, before any sampled one (Optuna's `enqueue_trial`).
  ///
  /// - Returns: the number of the WAITING trial created.
  /// - Throws: the errors of ``SearchSpace/validate(_:)``, storage errors.
  @discardableResult
  public func enqueue(_ config: Configuration) async throws(SearchError) -> Int {
    try space.validate(config)
    let t = try await storage.createTrial(
      studyID: id, Trial(state: .waiting, params: space.canonical(config)))
    store(t)
    return t.number
  }

  /// Imports a finished trial (from an earlier study, a log or another tool; Optuna's `add_trial`).
  ///
  /// The trial gets the next number; its configuration must belong to the space, and a COMPLETE
  /// trial needs one finite value per direction.
  /// - Throws: `unsupported` for a state that is not finished, `valueCount`, the errors of
  ///   ``SearchSpace/validate(_:)``, storage errors.
  @discardableResult
  public func addTrial(_ trial: Trial) async throws(SearchError) -> Trial {
    guard trial.state.isFinished else {
      throw .unsupported("addTrial needs a finished trial, got \(trial.state.rawValue)")
    }
    if trial.state == .complete {
      guard trial.values.count == directions.count, trial.values.allSatisfy(\.isFinite) else {
        throw .valueCount(number: trial.number, expected: directions.count, got: trial.values.count)
      }
    }
    try space.validate(trial.params)
    var t = trial
    t.params = space.canonical(trial.params)
    let stored = try await storage.createTrial(studyID: id, t)
    store(stored)
    return stored
  }

  /// The COMPLETE trial with the best value (single objective; ties go to the lowest number);
  /// nil when none has completed or the study has several objectives (see ``paretoFront()``).
  public var bestTrial: Trial? {
    guard directions.count == 1 else { return nil }
    return Trial.best(in: cache, direction: directions[0])
  }

  /// Runs `count` trials one after another: ask, evaluate `objective`, tell.
  ///
  /// An error thrown by `objective` marks that trial FAIL with the error's description and the
  /// loop goes on; the errors of ``ask()`` (e.g. an exhausted grid) end the loop.
  /// - Returns: the finished trials of this call.
  @discardableResult
  public func optimize(
    trials count: Int, _ objective: @Sendable (Configuration) async throws -> Double
  ) async throws(SearchError) -> [Trial] {
    var done: [Trial] = []
    for _ in 0..<count {
      let t = try await ask()
      do {
        let v = try await objective(t.params)
        done.append(try await tell(t.number, value: v))
      } catch {
        done.append(
          try await tell(t.number, state: .fail, failReason: String(describing: error)))
      }
    }
    return done
  }
}
