import Foundation

/// Where a study storage lives, parsed from an Optuna-style URL.
///
/// | URL | storage |
/// |---|---|
/// | `sqlite:///relative/path.db` | SQLite file relative to the working directory |
/// | `sqlite:////absolute/path.db` | SQLite file at an absolute path |
/// | `sqlite:///path.db?mode=ro` | the same file, read only (it must exist; nothing is created or written) |
/// | `memory`, `:memory:`, `sqlite:///:memory:` | SQLite in memory, lost with the process |
/// | `postgresql://…`, `postgres://…`, `mysql://…` | not supported yet (typed error) |
public enum StorageURL: Sendable, Hashable, CustomStringConvertible {
  /// An SQLite file at `path` (relative to the working directory unless it starts with `/`).
  case sqlite(path: String)
  /// An existing SQLite file at `path`, opened read only.
  case sqliteReadOnly(path: String)
  /// An SQLite database in memory.
  case memory

  /// The embedded default: `.metaprobe/metaprobe.sqlite` under the working directory.
  public static let defaultLocation = StorageURL.sqlite(path: ".metaprobe/metaprobe.sqlite")

  /// Parses an Optuna-style storage URL.
  ///
  /// - Parameter text: the URL, e.g. `sqlite:///study.db`, `sqlite:////tmp/study.db`, `memory`.
  /// - Throws: `unsupportedURL` for `postgresql://`, `postgres://` and `mysql://` (later back ends);
  ///   `invalidURL` for an empty path, an unknown scheme or an unknown query parameter.
  public static func parse(_ text: String) throws(StorageError) -> StorageURL {
    let s = text.trimmingCharacters(in: .whitespaces)
    if s == "memory" || s == ":memory:" || s == "sqlite:///:memory:" || s == "sqlite://" {
      return .memory
    }
    for scheme in ["postgresql", "postgres", "postgresql+psycopg2", "mysql", "mysql+pymysql"]
    where s.hasPrefix(scheme + "://") {
      throw .unsupportedURL(
        text, reason: "\(scheme) storage is not supported yet; use sqlite:///PATH or memory")
    }
    guard s.hasPrefix("sqlite:///") else {
      if s.contains("://") {
        throw .invalidURL(text, reason: "unknown scheme; expected sqlite:///PATH or memory")
      }
      throw .invalidURL(
        text, reason: "expected sqlite:///PATH or memory; did you mean sqlite:///\(s)?")
    }
    var path = String(s.dropFirst("sqlite:///".count))
    var readOnly = false
    if let mark = path.firstIndex(of: "?") {
      // Query parameters as SQLite's URI filenames have them: mode=ro|rw|rwc; nothing else.
      for item in path[path.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true) {
        switch item {
        case "mode=ro": readOnly = true
        case "mode=rw", "mode=rwc": readOnly = false
        default:
          throw .invalidURL(text, reason: "unknown query parameter '\(item)'; only mode=ro, mode=rw or mode=rwc")
        }
      }
      path = String(path[..<mark])
    }
    guard !path.isEmpty, path != "/" else {
      throw .invalidURL(text, reason: "the SQLite path is empty")
    }
    return readOnly ? .sqliteReadOnly(path: path) : .sqlite(path: path)
  }

  /// The URL text that ``parse(_:)`` reads back to the same value.
  public var description: String {
    switch self {
    case .sqlite(let path): return "sqlite:///" + path
    case .sqliteReadOnly(let path): return "sqlite:///" + path + "?mode=ro"
    case .memory: return "memory"
    }
  }
}

extension StorageURL {
  /// The same location, read only (``sqliteReadOnly(path:)`` for a file; memory stays memory).
  public var readOnly: StorageURL {
    switch self {
    case .sqlite(let path), .sqliteReadOnly(let path): .sqliteReadOnly(path: path)
    case .memory: .memory
    }
  }
}
