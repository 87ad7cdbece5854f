import Foundation
import GRDB
import Search

/// `metaprobe studies export` / `import`: a stored study as a trials CSV and back.
extension SQLiteStorage {
  /// The trials of the study called `studyName` as a trials CSV (see ``TrialsCSV``).
  ///
  /// - Throws: `unknownStudy`, `database`.
  public func exportTrialsCSV(studyName: String) async throws(StorageError) -> String {
    let (trials, objectives) = try await read { db in
      let id = try Self.studyID(db, name: studyName)
      let dirs = try Int.fetchOne(
        db, sql: "SELECT COUNT(*) FROM study_directions WHERE study_id = ?", arguments: [id])
      return (try Self.loadTrials(db, studyID: id), dirs ?? 1)
    }
    return TrialsCSV.export(trials, objectives: objectives)
  }

  /// Imports a trials CSV (Optuna's or ours) as the trials of a study, in one transaction.
  ///
  /// The study is created with `directions` (one `.minimize` per value column when nil) and the
  /// given or inferred search space; with `append`, trials are added to an existing study of
  /// that name instead. Trials are numbered by the storage after the existing ones, in file
  /// order, so a fresh study keeps an Optuna export's numbers 0, 1, 2, … All or nothing: a
  /// bad row leaves the storage unchanged.
  /// - Parameters:
  ///   - text: the CSV text.
  ///   - studyName: the study to create (or append to).
  ///   - directions: one per objective column; nil means minimise each.
  ///   - space: the search space; nil infers it from the `params_` columns.
  ///   - append: add to an existing study rather than failing when the name is taken.
  /// - Returns: the study's summary and what was read.
  /// - Throws: the CSV errors of ``TrialsCSV/parse(_:space:)``; `search(.study)` when the
  ///   name is taken (without `append`) or the direction count differs; `database`.
  @discardableResult
  public func importTrialsCSV(
    _ text: String, studyName: String, directions: [StudyDirection]? = nil,
    space: SearchSpace? = nil, append: Bool = false
  ) async throws(StorageError) -> (study: StudySummary, imported: ImportedTrials) {
    let imported = try TrialsCSV.parse(text, space: space)
    let dirs =
      directions ?? Array(repeating: StudyDirection.minimize, count: imported.objectives)
    guard dirs.count == imported.objectives else {
      throw .search(
        .study(
          name: studyName,
          reason: "\(dirs.count) directions given, the CSV has \(imported.objectives) value column(s)"))
    }
    let spaceJSON: String
    do {
      spaceJSON = try Self.encodeSpace(imported.space)
    } catch {
      throw .search(.storage("cannot encode the search space: \(error)"))
    }
    let summary = try await write { db in
      var summary = try Self.summaries(db).first { $0.name == studyName }
      if let s = summary {
        guard append else { throw SearchError.study(name: studyName, reason: "already exists") }
        guard s.directions == dirs else {
          throw SearchError.study(
            name: studyName, reason: "stored directions \(s.directions) differ from \(dirs)")
        }
      } else {
        try db.execute(
          sql: "INSERT INTO studies (study_name, search_space_json) VALUES (?, ?)",
          arguments: [studyName, spaceJSON])
        let id = Int(db.lastInsertedRowID)
        for (i, d) in dirs.enumerated() {
          try db.execute(
            sql: "INSERT INTO study_directions (direction, study_id, objective) VALUES (?, ?, ?)",
            arguments: [d.rawValue.uppercased(), id, i])
        }
        summary = StudySummary(id: id, name: studyName, directions: dirs)
      }
      guard let s = summary else { throw StorageError.unknownStudy(studyName) }
      for t in imported.trials { _ = try Self.insertTrial(db, studyID: s.id, t) }
      return s
    }
    return (summary, imported)
  }
}
