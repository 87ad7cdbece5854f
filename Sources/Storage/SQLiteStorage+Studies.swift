import Foundation
import GRDB
import Search

/// What `metaprobe studies list` and `show` print about one stored study.
public struct StudyOverview: Sendable, Hashable {
  /// The study's name, identifier and directions.
  public var summary: StudySummary
  /// The recorded search space, when the study was created through ``Study`` or an import.
  public var space: SearchSpace?
  /// The number of trials in each state (states without trials are absent).
  public var counts: [TrialState: Int]
  /// The best COMPLETE trial (single objective; ties go to the lowest number), or nil.
  public var bestTrial: Trial?
  /// The earliest start and the latest completion among the trials.
  public var firstStart: Date?
  /// The latest completion date among the trials.
  public var lastComplete: Date?

  /// The total number of trials.
  public var trialCount: Int { counts.values.reduce(0, +) }
}

/// Study-level reads and writes beyond ``StudyStorage``: search spaces and overviews.
extension SQLiteStorage {
  /// See ``StudyStorage``: the space is stored as JSON in `studies.search_space_json`.
  public func setSearchSpace(studyID: Int, space: SearchSpace) async throws(SearchError) {
    let json: String
    do {
      json = try Self.encodeSpace(space)
    } catch {
      throw .storage("cannot encode the search space: \(error)")
    }
    do {
      try await write { db in
        try db.execute(
          sql: "UPDATE studies SET search_space_json = ? WHERE study_id = ?",
          arguments: [json, studyID])
      }
    } catch {
      throw error.asSearchError
    }
  }

  /// The recorded search space of the study, or nil when none was recorded.
  ///
  /// - Throws: `unknownStudy`, `database` (also for unreadable JSON).
  public func searchSpace(studyName: String) async throws(StorageError) -> SearchSpace? {
    try await read { db in
      let id = try Self.studyID(db, name: studyName)
      return try Self.space(db, studyID: id)
    }
  }

  /// The overview of every study, in creation order.
  ///
  /// - Throws: `database`.
  public func overviews() async throws(StorageError) -> [StudyOverview] {
    try await read { db in try Self.summaries(db).map { try Self.overview(db, $0) } }
  }

  /// The overview of the study called `name`.
  ///
  /// - Throws: `unknownStudy`, `database`.
  public func overview(studyName name: String) async throws(StorageError) -> StudyOverview {
    try await read { db in
      guard let s = try Self.summaries(db).first(where: { $0.name == name }) else {
        throw StorageError.unknownStudy(name)
      }
      return try Self.overview(db, s)
    }
  }

  /// Every trial of the study called `name`, by number.
  ///
  /// - Throws: `unknownStudy`, `database`.
  public func trials(studyName name: String) async throws(StorageError) -> [Trial] {
    try await read { db in try Self.loadTrials(db, studyID: try Self.studyID(db, name: name)) }
  }

  static func overview(_ db: Database, _ s: StudySummary) throws -> StudyOverview {
    let trials = try loadTrials(db, studyID: s.id)
    var counts: [TrialState: Int] = [:]
    for t in trials { counts[t.state, default: 0] += 1 }
    var best: Trial?
    if s.directions.count == 1 {
      for t in trials where t.state == .complete {
        guard let v = t.value, v.isFinite else { continue }
        if let b = best?.value, !s.directions[0].isBetter(v, than: b) { continue }
        best = t
      }
    }
    return StudyOverview(
      summary: s, space: try space(db, studyID: s.id), counts: counts, bestTrial: best,
      firstStart: trials.compactMap(\.startDate).min(),
      lastComplete: trials.compactMap(\.completeDate).max())
  }

  static func space(_ db: Database, studyID: Int) throws -> SearchSpace? {
    guard
      let json = try String.fetchOne(
        db, sql: "SELECT search_space_json FROM studies WHERE study_id = ?",
        arguments: [studyID])
    else { return nil }
    return try JSONDecoder().decode(SearchSpace.self, from: Data(json.utf8))
  }

  static func encodeSpace(_ space: SearchSpace) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return String(decoding: try e.encode(space), as: UTF8.self)
  }
}
