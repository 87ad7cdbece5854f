import Storage

/// Opening the study storage a workflow writes to.
public enum StudyStore {
  /// The SQLite storage named by `url` (`sqlite:///relative.db`, `sqlite:////absolute.db`,
  /// `sqlite:///path.db?mode=ro`, `memory`), or `StorageURL.defaultLocation`
  /// (`.metaprobe/metaprobe.sqlite`) when nil.
  /// - Parameters:
  ///   - url: the storage URL, or nil for the default.
  ///   - readOnly: open an existing file read only (for commands that only read: nothing is
  ///     created, and a missing file is an error naming it).
  /// - Throws: `StorageError` for a malformed URL or a file that is not a usable database.
  public static func open(_ url: String?, readOnly: Bool = false) throws -> SQLiteStorage {
    var parsed: StorageURL
    if let url { parsed = try StorageURL.parse(url) } else { parsed = .defaultLocation }
    if readOnly { parsed = parsed.readOnly }
    return try SQLiteStorage(url: parsed)
  }
}
