import Foundation
import GRDB
import Search

/// A trial that a killed process left RUNNING, as found and failed by
/// ``SQLiteStorage/failStaleTrials(studyName:reason:grace:requeue:)``.
public struct StaleTrial: Sendable, Hashable {
  /// The number of the trial now marked FAIL.
  public var number: Int
  /// Its configuration, to evaluate again.
  public var params: Search.Configuration
  /// The number of the WAITING trial enqueued with the same configuration, when re-enqueued.
  public var retryNumber: Int?

  /// A stale trial record.
  public init(number: Int, params: Search.Configuration, retryNumber: Int?) {
    self.number = number
    self.params = params
    self.retryNumber = retryNumber
  }
}

/// Resume after a crash: stale RUNNING trials and heartbeats (Optuna's `fail_stale_trials`).
extension SQLiteStorage {
  /// The default reason written on stale trials.
  public static let staleReason = "stale: left RUNNING by a process that stopped"

  /// Marks the trials left RUNNING by a stopped process as FAIL and re-enqueues their configurations.
  ///
  /// Runs in one write transaction, so failing a trial and enqueuing its retry cannot be
  /// separated by a second crash. Each re-enqueued trial is WAITING with the same parameters and
  /// the system attribute `retry_of = <failed number>`; the next ``Study/ask()`` takes it first.
  /// Call it before opening the study with `loadIfExists: true`, and only when no other worker
  /// is running the study, or with a `grace` longer than the workers' heartbeat interval.
  /// - Parameters:
  ///   - studyName: the study to repair.
  ///   - reason: the fail reason written on each stale trial.
  ///   - grace: when set, only trials whose last heartbeat (or start) is older than this are
  ///     stale; when nil, every RUNNING trial is.
  ///   - requeue: enqueue a WAITING retry of each stale trial (default true).
  /// - Returns: the stale trials, by number.
  /// - Throws: `unknownStudy`, `database`.
  @discardableResult
  public func failStaleTrials(
    studyName: String, reason: String = SQLiteStorage.staleReason, grace: Duration? = nil,
    requeue: Bool = true
  ) async throws(StorageError) -> [StaleTrial] {
    let now = Date()
    let cutoff = grace.map { now.addingTimeInterval(-$0.seconds) }
    return try await write { db in
      let studyID = try Self.studyID(db, name: studyName)
      let running = try Self.loadTrials(db, studyID: studyID).filter { $0.state == .running }
      var stale: [StaleTrial] = []
      for t in running {
        let id = try Self.trialID(db, studyID: studyID, number: t.number)
        if let cutoff {
          let beat = try String.fetchOne(
            db, sql: "SELECT heartbeat FROM trial_heartbeats WHERE trial_id = ?", arguments: [id]
          ).flatMap(TimestampFormat.date(from:))
          let last = [beat, t.startDate].compactMap { $0 }.max() ?? .distantPast
          if last > cutoff { continue }
        }
        try db.execute(
          sql: "UPDATE trials SET state = 'FAIL', fail_reason = ?, datetime_complete = ? WHERE trial_id = ?",
          arguments: [reason, TimestampFormat.string(from: now), id])
        var retry: Int?
        if requeue {
          let w = try Self.insertTrial(
            db, studyID: studyID,
            Trial(
              state: .waiting, params: t.params,
              systemAttributes: ["retry_of": .number(Double(t.number))]))
          retry = w.number
        }
        stale.append(StaleTrial(number: t.number, params: t.params, retryNumber: retry))
      }
      return stale
    }
  }

  /// Records that trial `number` is alive now (Optuna's heartbeat; see ``StudyStorage``), for
  /// ``failStaleTrials(studyName:reason:grace:requeue:)`` with a grace period.
  ///
  /// - Throws: `unknownTrial`, `storage`.
  public func recordHeartbeat(studyID: Int, number: Int) async throws(SearchError) {
    let stamp = TimestampFormat.string(from: Date())
    do {
      try await write { db in
        let id = try Self.trialID(db, studyID: studyID, number: number)
        try db.execute(
          sql: "INSERT OR REPLACE INTO trial_heartbeats (trial_id, heartbeat) VALUES (?, ?)",
          arguments: [id, stamp])
      }
    } catch {
      throw error.asSearchError
    }
  }

  static func studyID(_ db: Database, name: String) throws -> Int {
    guard
      let id = try Int.fetchOne(
        db, sql: "SELECT study_id FROM studies WHERE study_name = ?", arguments: [name])
    else { throw StorageError.unknownStudy(name) }
    return id
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
