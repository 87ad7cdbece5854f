import Foundation
import GRDB
import Search

/// Reading and writing the rows of one trial (Optuna's `trials` and its child tables).
extension SQLiteStorage {
  /// The `trial_id` of trial `number` in the study.
  ///
  /// - Throws: `unknownTrial`.
  static func trialID(_ db: Database, studyID: Int, number: Int) throws -> Int64 {
    guard
      let id = try Int64.fetchOne(
        db, sql: "SELECT trial_id FROM trials WHERE study_id = ? AND number = ?",
        arguments: [studyID, number])
    else { throw SearchError.unknownTrial(number) }
    return id
  }

  /// Inserts `trial` as the next trial of the study, numbering it inside the transaction.
  static func insertTrial(_ db: Database, studyID: Int, _ trial: Trial) throws -> Trial {
    let next =
      try Int.fetchOne(
        db, sql: "SELECT COALESCE(MAX(number), -1) + 1 FROM trials WHERE study_id = ?",
        arguments: [studyID]) ?? 0
    var t = trial
    t.number = next
    try db.execute(
      sql: """
        INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete, fail_reason)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        next, studyID, t.state.rawValue, t.startDate.map(TimestampFormat.string(from:)),
        t.completeDate.map(TimestampFormat.string(from:)), t.failReason,
      ])
    let id = db.lastInsertedRowID
    try writeParams(db, trialID: id, t.params)
    try writeValues(db, trialID: id, t.values)
    for (r, v) in t.intermediateValues { try writeIntermediate(db, trialID: id, r, v) }
    for (k, v) in t.userAttributes { try writeAttribute(db, "trial_user_attributes", id, k, v) }
    for (k, v) in t.systemAttributes {
      try writeAttribute(db, "trial_system_attributes", id, k, v)
    }
    return t
  }

  static func writeParams(_ db: Database, trialID: Int64, _ params: Search.Configuration) throws {
    try db.execute(sql: "DELETE FROM trial_params WHERE trial_id = ?", arguments: [trialID])
    for (i, p) in params.pairs.enumerated() {
      let stored: any DatabaseValueConvertible
      switch p.value {
      case .float(let x): stored = x
      case .int(let n): stored = n
      case .categorical(let s): stored = s
      }
      try db.execute(
        sql: """
          INSERT INTO trial_params (trial_id, position, param_name, param_kind, param_value)
          VALUES (?, ?, ?, ?, ?)
          """,
        arguments: [trialID, i, p.name, p.value.kind, stored])
    }
  }

  static func writeValues(_ db: Database, trialID: Int64, _ values: [Double]) throws {
    try db.execute(sql: "DELETE FROM trial_values WHERE trial_id = ?", arguments: [trialID])
    for (i, x) in values.enumerated() {
      let (v, type) = StoredDouble.encode(x)
      try db.execute(
        sql: "INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, ?, ?, ?)",
        arguments: [trialID, i, v, type])
    }
  }

  static func writeIntermediate(_ db: Database, trialID: Int64, _ resource: Double, _ x: Double)
    throws
  {
    let (v, type) = StoredDouble.encode(x)
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO trial_intermediate_values
          (trial_id, step, intermediate_value, intermediate_value_type) VALUES (?, ?, ?, ?)
        """,
      arguments: [trialID, resource, v, type])
  }

  static func writeAttribute(
    _ db: Database, _ table: String, _ trialID: Int64, _ key: String, _ value: AttributeValue
  ) throws {
    try db.execute(
      sql: "INSERT OR REPLACE INTO \(table) (trial_id, key, value_json) VALUES (?, ?, ?)",
      arguments: [trialID, key, try AttributeJSON.encode(value)])
  }

  /// Every trial of the study, by number, with all child rows.
  static func loadTrials(_ db: Database, studyID: Int) throws -> [Trial] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT trial_id, number, state, datetime_start, datetime_complete, fail_reason
        FROM trials WHERE study_id = ? ORDER BY number
        """, arguments: [studyID])
    var trials: [Trial] = []
    var index: [Int64: Int] = [:]
    for row in rows {
      let id: Int64 = try row.decode(forColumn: "trial_id")
      let number: Int = try row.decode(forColumn: "number")
      let stateText: String = try row.decode(forColumn: "state")
      guard let state = TrialState(rawValue: stateText) else {
        throw SearchError.storage("trial \(number) has unknown state '\(stateText)'")
      }
      let start: String? = try row.decode(forColumn: "datetime_start")
      let complete: String? = try row.decode(forColumn: "datetime_complete")
      index[id] = trials.count
      trials.append(
        Trial(
          number: number, state: state, params: Search.Configuration(),
          startDate: start.flatMap(TimestampFormat.date(from:)),
          completeDate: complete.flatMap(TimestampFormat.date(from:)),
          failReason: try row.decode(forColumn: "fail_reason")))
    }
    let join = "JOIN trials USING (trial_id) WHERE trials.study_id = ?"
    for row in try Row.fetchAll(
      db,
      sql: "SELECT trial_id, param_name, param_kind, param_value FROM trial_params \(join) ORDER BY trial_id, position",
      arguments: [studyID])
    {
      guard let i = index[try row.decode(Int64.self, forColumn: "trial_id")] else { continue }
      let name: String = try row.decode(forColumn: "param_name")
      let kind: String = try row.decode(forColumn: "param_kind")
      let value: ParameterValue
      switch kind {
      case "int": value = .int(try row.decode(forColumn: "param_value"))
      case "float": value = .float(try row.decode(forColumn: "param_value"))
      default: value = .categorical(try row.decode(forColumn: "param_value"))
      }
      trials[i].params[name] = value
    }
    for row in try Row.fetchAll(
      db,
      sql: "SELECT trial_id, value, value_type FROM trial_values \(join) ORDER BY trial_id, objective",
      arguments: [studyID])
    {
      guard let i = index[try row.decode(Int64.self, forColumn: "trial_id")] else { continue }
      trials[i].values.append(
        StoredDouble.decode(
          value: try row.decode(forColumn: "value"), type: try row.decode(forColumn: "value_type")))
    }
    for row in try Row.fetchAll(
      db,
      sql: "SELECT trial_id, step, intermediate_value, intermediate_value_type FROM trial_intermediate_values \(join)",
      arguments: [studyID])
    {
      guard let i = index[try row.decode(Int64.self, forColumn: "trial_id")] else { continue }
      let step: Double = try row.decode(forColumn: "step")
      trials[i].intermediateValues[step] = StoredDouble.decode(
        value: try row.decode(forColumn: "intermediate_value"),
        type: try row.decode(forColumn: "intermediate_value_type"))
    }
    for (table, isUser) in [("trial_user_attributes", true), ("trial_system_attributes", false)] {
      for row in try Row.fetchAll(
        db, sql: "SELECT trial_id, key, value_json FROM \(table) \(join)", arguments: [studyID])
      {
        guard let i = index[try row.decode(Int64.self, forColumn: "trial_id")] else { continue }
        let key: String = try row.decode(forColumn: "key")
        let value = try AttributeJSON.decode(try row.decode(forColumn: "value_json"))
        if isUser {
          trials[i].userAttributes[key] = value
        } else {
          trials[i].systemAttributes[key] = value
        }
      }
    }
    return trials
  }
}
