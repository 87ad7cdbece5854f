import GRDB

/// The SQLite schema of a MetaProbe study storage, modelled on Optuna's RDB schema.
///
/// Tables: `version_info` (our schema version), `studies` (name, search space JSON),
/// `study_directions`, `study_user_attributes`, `study_system_attributes`, `trials` (number
/// unique per study, state, datetimes as `YYYY-MM-DD HH:MM:SS.ffffff` UTC, fail reason),
/// `trial_params` (kind and value, in configuration order), `trial_values` and
/// `trial_intermediate_values` (value with Optuna's FINITE / INF_POS / INF_NEG / NAN type, since
/// SQLite stores NaN as NULL), `trial_user_attributes`, `trial_system_attributes` (JSON values)
/// and `trial_heartbeats`. The file is marked with `PRAGMA application_id`.
enum StorageSchema {
  /// The schema version this build writes and reads.
  static let version = 1
  /// `PRAGMA application_id` of MetaProbe databases: "MPRB".
  static let applicationID: Int64 = 0x4D50_5242

  /// The tables of the schema, in creation order.
  static let statements: [String] = [
    """
    CREATE TABLE version_info (
      version_info_id INTEGER PRIMARY KEY CHECK (version_info_id = 1),
      schema_version INTEGER NOT NULL,
      library_version TEXT NOT NULL)
    """,
    """
    CREATE TABLE studies (
      study_id INTEGER PRIMARY KEY AUTOINCREMENT,
      study_name TEXT NOT NULL UNIQUE,
      search_space_json TEXT)
    """,
    """
    CREATE TABLE study_directions (
      study_direction_id INTEGER PRIMARY KEY AUTOINCREMENT,
      direction TEXT NOT NULL CHECK (direction IN ('MINIMIZE', 'MAXIMIZE')),
      study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
      objective INTEGER NOT NULL,
      UNIQUE (study_id, objective))
    """,
    """
    CREATE TABLE study_user_attributes (
      study_user_attribute_id INTEGER PRIMARY KEY AUTOINCREMENT,
      study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
      key TEXT NOT NULL, value_json TEXT NOT NULL, UNIQUE (study_id, key))
    """,
    """
    CREATE TABLE study_system_attributes (
      study_system_attribute_id INTEGER PRIMARY KEY AUTOINCREMENT,
      study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
      key TEXT NOT NULL, value_json TEXT NOT NULL, UNIQUE (study_id, key))
    """,
    """
    CREATE TABLE trials (
      trial_id INTEGER PRIMARY KEY AUTOINCREMENT,
      number INTEGER NOT NULL,
      study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
      state TEXT NOT NULL
        CHECK (state IN ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')),
      datetime_start TEXT,
      datetime_complete TEXT,
      fail_reason TEXT,
      UNIQUE (study_id, number))
    """,
    "CREATE INDEX trials_study_state ON trials (study_id, state)",
    """
    CREATE TABLE trial_params (
      param_id INTEGER PRIMARY KEY AUTOINCREMENT,
      trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      param_name TEXT NOT NULL,
      param_kind TEXT NOT NULL CHECK (param_kind IN ('float', 'int', 'categorical')),
      param_value NOT NULL,
      UNIQUE (trial_id, param_name))
    """,
    """
    CREATE TABLE trial_values (
      trial_value_id INTEGER PRIMARY KEY AUTOINCREMENT,
      trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
      objective INTEGER NOT NULL,
      value REAL,
      value_type TEXT NOT NULL CHECK (value_type IN ('FINITE', 'INF_POS', 'INF_NEG', 'NAN')),
      UNIQUE (trial_id, objective))
    """,
    """
    CREATE TABLE trial_intermediate_values (
      trial_intermediate_value_id INTEGER PRIMARY KEY AUTOINCREMENT,
      trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
      step REAL NOT NULL,
      intermediate_value REAL,
      intermediate_value_type TEXT NOT NULL
        CHECK (intermediate_value_type IN ('FINITE', 'INF_POS', 'INF_NEG', 'NAN')),
      UNIQUE (trial_id, step))
    """,
    """
    CREATE TABLE trial_user_attributes (
      trial_user_attribute_id INTEGER PRIMARY KEY AUTOINCREMENT,
      trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
      key TEXT NOT NULL, value_json TEXT NOT NULL, UNIQUE (trial_id, key))
    """,
    """
    CREATE TABLE trial_system_attributes (
      trial_system_attribute_id INTEGER PRIMARY KEY AUTOINCREMENT,
      trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
      key TEXT NOT NULL, value_json TEXT NOT NULL, UNIQUE (trial_id, key))
    """,
    """
    CREATE TABLE trial_heartbeats (
      trial_heartbeat_id INTEGER PRIMARY KEY AUTOINCREMENT,
      trial_id INTEGER NOT NULL UNIQUE REFERENCES trials(trial_id) ON DELETE CASCADE,
      heartbeat TEXT NOT NULL)
    """,
  ]

  /// Checks that the open database is a MetaProbe storage of a readable version, creating the
  /// schema when the database has no tables at all.
  ///
  /// Runs inside an immediate write transaction so two processes opening a new file at once
  /// create the schema once.
  /// - Throws: `foreignDatabase` (another application's tables), `newerSchema`.
  static func prepare(_ db: Database, path: String, create: Bool = true) throws {
    let tables = try String.fetchAll(
      db,
      sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    let appID = try Int64.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    if tables.isEmpty {
      guard create else { throw StorageError.foreignDatabase(path: path, reason: "an empty database, no MetaProbe studies") }
      for sql in statements { try db.execute(sql: sql) }
      try db.execute(
        sql: "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, ?, ?)",
        arguments: [version, "MetaProbe"])
      try db.execute(sql: "PRAGMA application_id = \(applicationID)")
      return
    }
    guard tables.contains("version_info") else {
      let shown = tables.sorted().prefix(5).joined(separator: ", ")
      throw StorageError.foreignDatabase(
        path: path, reason: "no version_info table (it holds tables \(shown))")
    }
    guard appID == applicationID else {
      let hint = tables.contains("alembic_version") ? " (it looks like an Optuna database)" : ""
      throw StorageError.foreignDatabase(
        path: path,
        reason: "application_id is \(appID), not MetaProbe's \(applicationID)\(hint)")
    }
    let found = try Int.fetchOne(db, sql: "SELECT schema_version FROM version_info") ?? 0
    guard found <= version else {
      throw StorageError.newerSchema(path: path, found: found, supported: version)
    }
    guard found == version else {
      throw StorageError.foreignDatabase(
        path: path, reason: "schema version \(found) is not one this version can read")
    }
  }
}
