import Foundation
import GRDB
import Search

/// A ``StudyStorage`` in an SQLite database (GRDB), shared safely by threads and processes.
///
/// Files are opened as a `DatabasePool` in WAL mode; every write runs in one `BEGIN IMMEDIATE`
/// transaction, so concurrent writers (threads, or several processes on one file) queue on
/// SQLite's write lock (waiting up to ``busyTimeout``) instead of failing. Trial numbers are
/// assigned inside that transaction (`MAX(number) + 1` of the study), so they are dense and
/// distinct across workers. Every state change is written when it happens (write-ahead).
/// ```swift
/// let storage = try SQLiteStorage(url: .parse("sqlite:///tuning.db"))
/// let study = try await Study(name: "mlp", space: space, storage: storage, loadIfExists: true)
/// ```
public final class SQLiteStorage: StudyStorage {
  /// How long a writer waits for another process's write lock before failing (60 s).
  public static let busyTimeout: TimeInterval = 60

  /// The database file path, or `:memory:`.
  public let path: String
  let writer: any DatabaseWriter

  /// Opens (creating when needed) the storage at `url`.
  ///
  /// - Throws: see ``init(path:)``.
  public convenience init(url: StorageURL) throws(StorageError) {
    switch url {
    case .memory: try self.init(memory: ())
    case .sqlite(let path): try self.init(path: path)
    case .sqliteReadOnly(let path): try self.init(readingOnly: path)
    }
  }

  /// Opens the existing SQLite file at `path` read only: nothing is created, neither the file
  /// nor its directory, and every write fails with a typed error.
  ///
  /// - Throws: `io` when the file does not exist; otherwise as ``init(path:)``, and
  ///   `foreignDatabase` for an empty database.
  public init(readingOnly path: String) throws(StorageError) {
    self.path = path
    guard FileManager.default.fileExists(atPath: path) else {
      throw .io(path: path, reason: "no such SQLite file (a read-only command creates none)")
    }
    var config = GRDB.Configuration()
    config.readonly = true
    config.busyMode = .timeout(Self.busyTimeout)
    config.foreignKeysEnabled = true
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      try queue.read { db in try StorageSchema.prepare(db, path: path, create: false) }
      self.writer = queue
    } catch {
      throw Self.openError(error, path: path)
    }
  }

  /// Opens the default storage `.metaprobe/metaprobe.sqlite`, creating it and its directory.
  ///
  /// - Throws: see ``init(path:)``.
  public static func openDefault() throws(StorageError) -> SQLiteStorage {
    try SQLiteStorage(url: .defaultLocation)
  }

  /// Opens (creating when needed, with its parent directory) the SQLite file at `path`.
  ///
  /// - Throws: `notADatabase` for a file that is not SQLite, `foreignDatabase` for another
  ///   application's SQLite file, `newerSchema` for a file from a newer MetaProbe, `io` when
  ///   the directory cannot be created, `database` for other SQLite failures.
  public init(path: String) throws(StorageError) {
    self.path = path
    let dir = (path as NSString).deletingLastPathComponent
    if !dir.isEmpty {
      do {
        try FileManager.default.createDirectory(
          atPath: dir, withIntermediateDirectories: true)
      } catch {
        throw .io(path: dir, reason: "cannot create directory: \(error.localizedDescription)")
      }
    }
    var config = GRDB.Configuration()
    config.busyMode = .timeout(Self.busyTimeout)
    config.foreignKeysEnabled = true
    do {
      let pool = try DatabasePool(path: path, configuration: config)
      self.writer = pool
    } catch {
      throw Self.openError(error, path: path)
    }
    try prepare()
  }

  /// An empty storage in memory (a `DatabaseQueue`), lost with the process; the same as
  /// `SQLiteStorage(url: .memory)`.
  ///
  /// - Throws: `database` if SQLite cannot create it.
  public static func inMemory() throws(StorageError) -> SQLiteStorage {
    try SQLiteStorage(memory: ())
  }

  private init(memory: Void) throws(StorageError) {
    self.path = ":memory:"
    var config = GRDB.Configuration()
    config.foreignKeysEnabled = true
    do {
      self.writer = try DatabaseQueue(configuration: config)
    } catch {
      throw .database(path: ":memory:", reason: String(describing: error))
    }
    try prepare()
  }

  private func prepare() throws(StorageError) {
    let path = self.path
    do {
      try writer.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          try StorageSchema.prepare(db, path: path)
          return .commit
        }
      }
    } catch {
      throw Self.openError(error, path: path)
    }
  }

  /// Maps an error met while opening to a typed error naming the file.
  static func openError(_ error: any Error, path: String) -> StorageError {
    if let e = error as? StorageError { return e }
    if let e = error as? DatabaseError {
      if e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT {
        return .notADatabase(path: path, reason: e.message ?? "\(e.resultCode)")
      }
      return .database(path: path, reason: e.message ?? "\(e.resultCode)")
    }
    return .database(path: path, reason: String(describing: error))
  }

  /// Runs `body` in one `BEGIN IMMEDIATE` transaction and returns its result.
  ///
  /// - Throws: the ``StorageError`` thrown by `body`, `search(_:)` for a ``SearchError`` it
  ///   throws, `database` for SQLite failures.
  func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T)
    async throws(StorageError) -> T
  {
    do {
      return try await writer.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        guard let result else {
          throw StorageError.database(path: self.path, reason: "transaction returned no result")
        }
        return result
      }
    } catch {
      throw mapped(error)
    }
  }

  /// Runs `body` on a consistent snapshot of the database.
  func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T)
    async throws(StorageError) -> T
  {
    do {
      return try await writer.read { db in try body(db) }
    } catch {
      throw mapped(error)
    }
  }

  func mapped(_ error: any Error) -> StorageError {
    if let e = error as? StorageError { return e }
    if let e = error as? SearchError { return .search(e) }
    if let e = error as? DatabaseError {
      return .database(path: path, reason: e.message ?? "\(e.resultCode)")
    }
    return .database(path: path, reason: String(describing: error))
  }
}

extension StorageError {
  /// The error as a ``SearchError``, for the ``StudyStorage`` calls.
  var asSearchError: SearchError {
    if case .search(let e) = self { return e }
    return .storage(description)
  }
}
