import Foundation
import GRDB
import Search

/// Study-level user attributes (Optuna's `study_user_attributes` table), such as the task and
/// learner a study tuned, which `metaprobe logs export` reads.
extension SQLiteStorage {
  /// The user attributes of the study called `name` (empty when it has none).
  ///
  /// - Throws: `unknownStudy`, `database` (also for an unreadable `value_json`).
  public func studyUserAttributes(studyName name: String) async throws(StorageError) -> [String: AttributeValue] {
    try await read { db in
      let id = try Self.studyID(db, name: name)
      var out: [String: AttributeValue] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT key, value_json FROM study_user_attributes WHERE study_id = ?", arguments: [id])
      {
        let key: String = try row.decode(forColumn: "key")
        out[key] = try AttributeJSON.decode(try row.decode(forColumn: "value_json"))
      }
      return out
    }
  }

  /// Sets (or replaces) the user attribute `key` of the study called `name`.
  ///
  /// - Throws: `unknownStudy`, `database`.
  public func setStudyUserAttribute(studyName name: String, key: String, value: AttributeValue)
    async throws(StorageError)
  {
    try await write { db in
      let id = try Self.studyID(db, name: name)
      try db.execute(
        sql: "INSERT OR REPLACE INTO study_user_attributes (study_id, key, value_json) VALUES (?, ?, ?)",
        arguments: [id, key, try AttributeJSON.encode(value)])
    }
  }
}
