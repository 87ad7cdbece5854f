import Storage

/// Opening the study storage a workflow writes to.
public enum StudyStore {
  /// The SQLite storage named by `url` (`sqlite:///relative.db`, `sqlite:////absolute.db`,
  /// `memory`), or `StorageURL.defaultLocation` (`.metaprobe/metaprobe.sqlite`) when nil.
  /// - Throws: `StorageError` for a malformed URL or a file that is not a usable database.
  public static func open(_ url: String?) throws -> SQLiteStorage {
    let parsed: StorageURL
    if let url { parsed = try StorageURL.parse(url) } else { parsed = .defaultLocation }
    return try SQLiteStorage(url: parsed)
  }
}
