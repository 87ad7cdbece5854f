import Search

/// The errors of the `Storage` module; every case names the file, URL, study, line or column at fault.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file exists but is not an SQLite database (random bytes, a text file, a truncated header).
  case notADatabase(path: String, reason: String)
  /// The file is an SQLite database written by another application (no MetaProbe `version_info`).
  case foreignDatabase(path: String, reason: String)
  /// The database was written by a newer MetaProbe whose schema this version cannot read.
  case newerSchema(path: String, found: Int, supported: Int)
  /// A storage URL could not be parsed.
  case invalidURL(String, reason: String)
  /// A storage URL names a back end that is not implemented yet (PostgreSQL, MySQL).
  case unsupportedURL(String, reason: String)
  /// A file or directory could not be created or read.
  case io(path: String, reason: String)
  /// SQLite reported an error while reading or writing the database.
  case database(path: String, reason: String)
  /// No study of this name exists in the storage.
  case unknownStudy(String)
  /// A trials CSV is malformed; `line` is 1-based (the header is line 1), `column` the header name.
  case csv(line: Int, column: String?, reason: String)
  /// A search or study error raised while importing or resuming.
  case search(SearchError)
  /// A tuning log that cannot be read (file, line and field inside).
  case tuningLog(TuningLogError)
  /// A study or trials file that cannot become a tuning log; `source` names the file or study,
  /// `reason` the trial or setting at fault.
  case logImport(source: String, reason: String)

  public var description: String {
    switch self {
    case .notADatabase(let p, let r): return "\(p): file is not a database (\(r))"
    case .foreignDatabase(let p, let r): return "\(p): not a MetaProbe database: \(r)"
    case .newerSchema(let p, let f, let s):
      return
        "\(p): written by a newer MetaProbe (schema version \(f); this version reads up to \(s)); upgrade MetaProbe to open it"
    case .invalidURL(let u, let r): return "invalid storage URL '\(Redaction.redact(u))': \(Redaction.redact(r))"
    case .unsupportedURL(let u, let r): return "storage URL '\(Redaction.redact(u))': \(Redaction.redact(r))"
    case .io(let p, let r): return "\(p): \(r)"
    case .database(let p, let r): return "\(p): database error: \(r)"
    case .unknownStudy(let n): return "no study named '\(n)'"
    case .csv(let line, let column, let r):
      if let column { return "line \(line), column '\(column)': \(r)" }
      return "line \(line): \(r)"
    case .search(let e): return e.description
    case .tuningLog(let e): return e.description
    case .logImport(let source, let reason): return "\(source): cannot import as a tuning log: \(reason)"
    }
  }
}
