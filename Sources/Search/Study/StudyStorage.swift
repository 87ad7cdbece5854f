import Foundation

/// What a storage knows about a study.
public struct StudySummary: Sendable, Hashable, Codable {
  /// The storage's identifier for the study.
  public var id: Int
  /// The study's unique name.
  public var name: String
  /// One direction per objective.
  public var directions: [StudyDirection]

  /// A summary; storages create these (the memberwise form, public for other modules' stores).
  public init(id: Int, name: String, directions: [StudyDirection]) {
    self.id = id
    self.name = name
    self.directions = directions
  }
}

/// The persistence contract of a study, one call per state change (write-ahead).
///
/// A ``Study`` calls the storage before it changes its own view, so a run killed at any point
/// resumes from what the storage holds. Implementations: ``InMemoryStorage``; SQLite and
/// PostgreSQL stores live in the `Storage` module and implement the same calls as single
/// statements. Trial numbers are assigned by the storage, densely from 0 per study.
public protocol StudyStorage: Sendable {
  /// Creates a study; throws `study(name:reason:)` when the name is taken.
  func createStudy(name: String, directions: [StudyDirection]) async throws(SearchError)
    -> StudySummary
  /// The study called `name`, or nil.
  func study(named name: String) async throws(SearchError) -> StudySummary?
  /// All studies, in creation order.
  func studies() async throws(SearchError) -> [StudySummary]
  /// Stores `trial` as the next trial of the study, assigning its number; returns the stored trial.
  func createTrial(studyID: Int, _ trial: Trial) async throws(SearchError) -> Trial
  /// Sets state, values, completion date and fail reason of a trial.
  func setTrialState(
    studyID: Int, number: Int, state: TrialState, values: [Double], date: Date?,
    failReason: String?
  ) async throws(SearchError)
  /// Replaces the configuration of a (WAITING or RUNNING) trial.
  func setTrialParams(studyID: Int, number: Int, params: Configuration) async throws(SearchError)
  /// Records an intermediate value at a resource.
  func setIntermediateValue(studyID: Int, number: Int, resource: Double, value: Double)
    async throws(SearchError)
  /// Sets a user attribute.
  func setUserAttribute(studyID: Int, number: Int, key: String, value: AttributeValue)
    async throws(SearchError)
  /// Sets a system attribute (sampler and pruner bookkeeping).
  func setSystemAttribute(studyID: Int, number: Int, key: String, value: AttributeValue)
    async throws(SearchError)
  /// All trials of the study, by number.
  func trials(studyID: Int) async throws(SearchError) -> [Trial]
  /// Records the study's search space when the study is created (SQL stores keep it as JSON,
  /// so a stored study can be shown and exported without the code that defined it).
  func setSearchSpace(studyID: Int, space: SearchSpace) async throws(SearchError)
  /// Records that a running trial is alive now (Optuna's heartbeat), so a storage shared by
  /// several workers can tell a live trial from one left RUNNING by a killed process.
  func recordHeartbeat(studyID: Int, number: Int) async throws(SearchError)
}

extension StudyStorage {
  /// Stores that keep no search space ignore it (the default).
  public func setSearchSpace(studyID: Int, space: SearchSpace) async throws(SearchError) {}
  /// Stores without heartbeats ignore it (the default).
  public func recordHeartbeat(studyID: Int, number: Int) async throws(SearchError) {}
}

/// A ``StudyStorage`` in memory: fast, lost with the process; the default for tests and scripts.
public actor InMemoryStorage: StudyStorage {
  private var summaries: [StudySummary] = []
  private var trialsByStudy: [Int: [Trial]] = [:]

  /// An empty storage.
  public init() {}

  /// See ``StudyStorage``.
  public func createStudy(name: String, directions: [StudyDirection]) throws(SearchError)
    -> StudySummary
  {
    guard !summaries.contains(where: { $0.name == name }) else {
      throw .study(name: name, reason: "already exists")
    }
    let s = StudySummary(id: summaries.count, name: name, directions: directions)
    summaries.append(s)
    trialsByStudy[s.id] = []
    return s
  }

  /// See ``StudyStorage``.
  public func study(named name: String) -> StudySummary? {
    summaries.first { $0.name == name }
  }

  /// See ``StudyStorage``.
  public func studies() -> [StudySummary] { summaries }

  /// See ``StudyStorage``.
  public func createTrial(studyID: Int, _ trial: Trial) throws(SearchError) -> Trial {
    // Mutate in place: copying the array out and back would copy every trial on each call.
    guard let count = trialsByStudy[studyID]?.count else { throw .storage("no study with id \(studyID)") }
    var t = trial
    t.number = count
    trialsByStudy[studyID]?.append(t)
    return t
  }

  private func update(_ studyID: Int, _ number: Int, _ body: (inout Trial) -> Void)
    throws(SearchError)
  {
    guard let count = trialsByStudy[studyID]?.count else { throw .storage("no study with id \(studyID)") }
    guard number >= 0, number < count else { throw .unknownTrial(number) }
    body(&trialsByStudy[studyID, default: []][number])
  }

  /// See ``StudyStorage``.
  public func setTrialState(
    studyID: Int, number: Int, state: TrialState, values: [Double], date: Date?,
    failReason: String?
  ) throws(SearchError) {
    try update(studyID, number) { t in
      t.state = state
      t.values = values
      t.failReason = failReason
      if state == .running { t.startDate = date } else if state.isFinished { t.completeDate = date }
    }
  }

  /// See ``StudyStorage``.
  public func setTrialParams(studyID: Int, number: Int, params: Configuration) throws(SearchError) {
    try update(studyID, number) { $0.params = params }
  }

  /// See ``StudyStorage``.
  public func setIntermediateValue(studyID: Int, number: Int, resource: Double, value: Double)
    throws(SearchError)
  {
    try update(studyID, number) { $0.intermediateValues[resource] = value }
  }

  /// See ``StudyStorage``.
  public func setUserAttribute(studyID: Int, number: Int, key: String, value: AttributeValue)
    throws(SearchError)
  {
    try update(studyID, number) { $0.userAttributes[key] = value }
  }

  /// See ``StudyStorage``.
  public func setSystemAttribute(studyID: Int, number: Int, key: String, value: AttributeValue)
    throws(SearchError)
  {
    try update(studyID, number) { $0.systemAttributes[key] = value }
  }

  /// See ``StudyStorage``.
  public func trials(studyID: Int) throws(SearchError) -> [Trial] {
    guard let list = trialsByStudy[studyID] else { throw .storage("no study with id \(studyID)") }
    return list
  }
}
