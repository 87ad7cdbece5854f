import Foundation

/// A hyperparameter study: the trials of one search, with Optuna's ask/tell vocabulary.
///
/// A study is an actor, so many tasks can ask and tell at once. Every state change is written
/// to the ``StudyStorage`` before the study's own view changes (write-ahead), so a study
/// opened again on the same storage with `loadIfExists` resumes where it stopped.
/// ```swift
/// let study = try await Study(space: space, direction: .minimize, sampler: TPESampler(seed: 1))
/// let trial = try await study.ask()
/// try await study.tell(trial.number, value: loss(trial.params))
/// ```
public actor Study {
  /// The study's name, unique in its storage.
  public nonisolated let name: String
  /// The search space every trial's configuration belongs to.
  public nonisolated let space: SearchSpace
  /// One direction per objective.
  public nonisolated let directions: [StudyDirection]
  /// The storage's identifier of the study.
  public nonisolated let id: Int
  var sampler: any Sampler
  let pruner: any Pruner
  let storage: any StudyStorage
  var cache: [Trial]
  var claimed: Set<Int> = []
  var telling: Set<Int> = []

  /// Creates a study, or opens the stored study of the same name.
  ///
  /// - Parameters:
  ///   - name: the study name (unique in `storage`).
  ///   - space: the search space.
  ///   - directions: one direction per objective (at least one).
  ///   - sampler: proposes configurations; TPE with seed 0 by default (as Optuna's default sampler).
  ///   - pruner: decides ``shouldPrune(number:)``; ``MedianPruner`` by default (as Optuna).
  ///   - storage: where trials are written; a fresh ``InMemoryStorage`` by default.
  ///   - loadIfExists: open a stored study of this name instead of failing.
  /// - Throws: `study(name:reason:)` when the name exists (and `loadIfExists` is false) or the
  ///   stored directions differ; `unsupported` for no directions; storage errors.
  public init(
    name: String = "study", space: SearchSpace, directions: [StudyDirection],
    sampler: any Sampler = TPESampler(seed: 0), pruner: any Pruner = MedianPruner(),
    storage: any StudyStorage = InMemoryStorage(), loadIfExists: Bool = false
  ) async throws(SearchError) {
    guard !directions.isEmpty else { throw .unsupported("a study needs at least one direction") }
    let summary: StudySummary
    var existing: [Trial] = []
    if let s = try await storage.study(named: name) {
      guard loadIfExists else { throw .study(name: name, reason: "already exists") }
      guard s.directions == directions else {
        throw .study(
          name: name, reason: "stored directions \(s.directions) differ from \(directions)")
      }
      summary = s
      existing = try await storage.trials(studyID: s.id)
    } else {
      summary = try await storage.createStudy(name: name, directions: directions)
      try await storage.setSearchSpace(studyID: summary.id, space: space)
    }
    self.name = name
    self.space = space
    self.directions = directions
    self.id = summary.id
    self.sampler = sampler
    self.pruner = pruner
    self.storage = storage
    self.cache = existing
  }

  /// Creates (or opens) a single-objective study; see ``init(name:space:directions:sampler:pruner:storage:loadIfExists:)``.
  public init(
    name: String = "study", space: SearchSpace, direction: StudyDirection = .minimize,
    sampler: any Sampler = TPESampler(seed: 0), pruner: any Pruner = MedianPruner(),
    storage: any StudyStorage = InMemoryStorage(), loadIfExists: Bool = false
  ) async throws(SearchError) {
    try await self.init(
      name: name, space: space, directions: [direction], sampler: sampler, pruner: pruner,
      storage: storage, loadIfExists: loadIfExists)
  }

  /// Every trial, by number.
  public var trials: [Trial] { cache }

  /// The trial numbered `number`.
  ///
  /// - Throws: `unknownTrial`.
  public func trial(_ number: Int) throws(SearchError) -> Trial {
    guard let i = index(of: number) else { throw .unknownTrial(number) }
    return cache[i]
  }

  /// The position of trial `number` in the cache. Numbers are usually 0, 1, 2, … so the trial sits
  /// at its own number; otherwise (a store that numbers differently) search.
  private func index(of number: Int) -> Int? {
    if number >= 0, number < cache.count, cache[number].number == number { return number }
    return cache.firstIndex { $0.number == number }
  }

  func store(_ t: Trial) {
    if let i = index(of: t.number) {
      cache[i] = t
    } else if cache.last.map({ $0.number < t.number }) ?? true {
      cache.append(t)
    } else {
      cache.append(t)
      cache.sort { $0.number < $1.number }
    }
  }

  /// Starts a trial: the oldest enqueued (WAITING) trial if any, else a new one from the sampler.
  ///
  /// - Returns: the RUNNING trial; evaluate `trial.params` and ``tell(_:value:)`` the result.
  /// - Throws: the sampler's errors (e.g. `gridExhausted`) and storage errors.
  public func ask() async throws(SearchError) -> Trial {
    // Index the cache rather than iterate it: iterating copies every Trial (retains per field),
    // which made each ask O(n) in copies.
    if let wi = cache.indices.first(where: { cache[$0].state == .waiting && !claimed.contains(cache[$0].number) }) {
      let w = cache[wi]
      claimed.insert(w.number)
      defer { claimed.remove(w.number) }
      let now = Date()
      try await storage.setTrialState(
        studyID: id, number: w.number, state: .running, values: [], date: now, failReason: nil)
      var t = try trial(w.number)
      t.state = .running
      t.startDate = now
      store(t)
      return t
    }
    let config = try sampler.sample(space: space, trials: cache, directions: directions)
    let t = try await storage.createTrial(
      studyID: id, Trial(state: .running, params: config, startDate: Date()))
    store(t)
    return t
  }

  /// Finishes a single-objective trial with `value` (COMPLETE, or FAIL when it is NaN or infinite).
  @discardableResult
  public func tell(_ number: Int, value: Double) async throws(SearchError) -> Trial {
    try await tell(number, state: .complete, values: [value])
  }

  /// Finishes a trial with one value per objective (COMPLETE, or FAIL when any is NaN or infinite).
  @discardableResult
  public func tell(_ number: Int, values: [Double]) async throws(SearchError) -> Trial {
    try await tell(number, state: .complete, values: values)
  }

  /// Finishes a trial in `state`.
  ///
  /// COMPLETE needs one finite value per direction; a NaN or infinite value turns the trial to
  /// FAIL with the reason recorded (as Optuna). PRUNED keeps the last intermediate value as
  /// its value when `values` is empty (single objective). FAIL records `failReason`.
  /// - Throws: `unknownTrial`, `trialFinished` (already COMPLETE/PRUNED/FAIL), `valueCount`,
  ///   `unsupported` for RUNNING or WAITING, storage errors.
  @discardableResult
  public func tell(
    _ number: Int, state: TrialState, values: [Double] = [], failReason: String? = nil
  ) async throws(SearchError) -> Trial {
    var t = try trial(number)
    guard !t.state.isFinished, !telling.contains(number) else {
      throw .trialFinished(number: number, state: t.state.isFinished ? t.state : .complete)
    }
    guard state.isFinished else { throw .unsupported("tell with state \(state.rawValue)") }
    // Claimed across the storage write, so a concurrent second tell of the trial fails.
    telling.insert(number)
    defer { telling.remove(number) }
    var finalState = state
    var finalValues = values
    var reason = failReason
    switch state {
    case .complete:
      guard values.count == directions.count else {
        throw .valueCount(number: number, expected: directions.count, got: values.count)
      }
      if let bad = values.first(where: { !$0.isFinite }) {
        finalState = .fail
        finalValues = []
        reason = "the objective value \(bad) is not finite"
      }
    case .pruned:
      if values.isEmpty, directions.count == 1, let r = t.lastResource,
        let v = t.intermediateValues[r], v.isFinite
      {
        finalValues = [v]
      }
    default:
      finalValues = []
    }
    let now = Date()
    try await storage.setTrialState(
      studyID: id, number: number, state: finalState, values: finalValues, date: now,
      failReason: reason)
    t = try trial(number)
    t.state = finalState
    t.values = finalValues
    t.failReason = reason
    t.completeDate = now
    store(t)
    return t
  }
}
