import Foundation
import GRDB
import Search

/// The ``StudyStorage`` calls, each one `BEGIN IMMEDIATE` transaction.
extension SQLiteStorage {
  /// See ``StudyStorage``; throws `study(name:reason:)` when the name is taken.
  public func createStudy(name: String, directions: [StudyDirection]) async throws(SearchError)
    -> StudySummary
  {
    do {
      return try await write { db in
        if try Int.fetchOne(
          db, sql: "SELECT study_id FROM studies WHERE study_name = ?", arguments: [name]) != nil
        {
          throw SearchError.study(name: name, reason: "already exists")
        }
        try db.execute(sql: "INSERT INTO studies (study_name) VALUES (?)", arguments: [name])
        let id = Int(db.lastInsertedRowID)
        for (i, d) in directions.enumerated() {
          try db.execute(
            sql: "INSERT INTO study_directions (direction, study_id, objective) VALUES (?, ?, ?)",
            arguments: [d.rawValue.uppercased(), id, i])
        }
        return StudySummary(id: id, name: name, directions: directions)
      }
    } catch {
      throw error.asSearchError
    }
  }

  /// See ``StudyStorage``.
  public func study(named name: String) async throws(SearchError) -> StudySummary? {
    do {
      return try await read { db in try Self.summaries(db).first { $0.name == name } }
    } catch {
      throw error.asSearchError
    }
  }

  /// See ``StudyStorage``.
  public func studies() async throws(SearchError) -> [StudySummary] {
    do {
      return try await read { db in try Self.summaries(db) }
    } catch {
      throw error.asSearchError
    }
  }

  static func summaries(_ db: Database) throws -> [StudySummary] {
    var result: [StudySummary] = []
    for row in try Row.fetchAll(
      db, sql: "SELECT study_id, study_name FROM studies ORDER BY study_id")
    {
      let id: Int = try row.decode(forColumn: "study_id")
      let dirs = try String.fetchAll(
        db, sql: "SELECT direction FROM study_directions WHERE study_id = ? ORDER BY objective",
        arguments: [id]
      ).map { $0 == "MAXIMIZE" ? StudyDirection.maximize : StudyDirection.minimize }
      result.append(
        StudySummary(id: id, name: try row.decode(forColumn: "study_name"), directions: dirs))
    }
    return result
  }

  /// See ``StudyStorage``; the trial's number is assigned inside the write transaction.
  public func createTrial(studyID: Int, _ trial: Trial) async throws(SearchError) -> Trial {
    do {
      return try await write { db in try Self.insertTrial(db, studyID: studyID, trial) }
    } catch {
      throw error.asSearchError
    }
  }

  /// See ``StudyStorage``.
  ///
  /// A compare-and-set like Optuna's: a finished trial cannot change (`trialFinished`), and
  /// only a WAITING trial can be set RUNNING, so two workers never claim the same trial.
  public func setTrialState(
    studyID: Int, number: Int, state: TrialState, values: [Double], date: Date?,
    failReason: String?
  ) async throws(SearchError) {
    do {
      try await write { db in
        let id = try Self.trialID(db, studyID: studyID, number: number)
        let current =
          try String.fetchOne(
            db, sql: "SELECT state FROM trials WHERE trial_id = ?", arguments: [id]
          ).flatMap(TrialState.init(rawValue:)) ?? .running
        if current.isFinished { throw SearchError.trialFinished(number: number, state: current) }
        if state == .running, current != .waiting {
          throw SearchError.storage("trial \(number) was already claimed by another worker")
        }
        let stamp = date.map(TimestampFormat.string(from:))
        let column = state == .running ? "datetime_start" : "datetime_complete"
        let dated = state == .running || state.isFinished
        try db.execute(
          sql: "UPDATE trials SET state = ?, fail_reason = ?"
            + (dated ? ", \(column) = ?" : "") + " WHERE trial_id = ?",
          arguments: dated
            ? [state.rawValue, failReason, stamp, id] : [state.rawValue, failReason, id])
        try Self.writeValues(db, trialID: id, values)
      }
    } catch {
      throw error.asSearchError
    }
  }

  /// See ``StudyStorage``.
  public func setTrialParams(studyID: Int, number: Int, params: Search.Configuration)
    async throws(SearchError)
  {
    do {
      try await write { db in
        let id = try Self.trialID(db, studyID: studyID, number: number)
        try Self.writeParams(db, trialID: id, params)
      }
    } catch {
      throw error.asSearchError
    }
  }

  /// See ``StudyStorage``.
  public func setIntermediateValue(studyID: Int, number: Int, resource: Double, value: Double)
    async throws(SearchError)
  {
    do {
      try await write { db in
        let id = try Self.trialID(db, studyID: studyID, number: number)
        try Self.writeIntermediate(db, trialID: id, resource, value)
      }
    } catch {
      throw error.asSearchError
    }
  }

  /// See ``StudyStorage``.
  public func setUserAttribute(studyID: Int, number: Int, key: String, value: AttributeValue)
    async throws(SearchError)
  {
    try await setAttribute("trial_user_attributes", studyID, number, key, value)
  }

  /// See ``StudyStorage``.
  public func setSystemAttribute(studyID: Int, number: Int, key: String, value: AttributeValue)
    async throws(SearchError)
  {
    try await setAttribute("trial_system_attributes", studyID, number, key, value)
  }

  private func setAttribute(
    _ table: String, _ studyID: Int, _ number: Int, _ key: String, _ value: AttributeValue
  ) async throws(SearchError) {
    do {
      try await write { db in
        let id = try Self.trialID(db, studyID: studyID, number: number)
        try Self.writeAttribute(db, table, id, key, value)
      }
    } catch {
      throw error.asSearchError
    }
  }

  /// See ``StudyStorage``.
  public func trials(studyID: Int) async throws(SearchError) -> [Trial] {
    do {
      return try await read { db in try Self.loadTrials(db, studyID: studyID) }
    } catch {
      throw error.asSearchError
    }
  }
}
