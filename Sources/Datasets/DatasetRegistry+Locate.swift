import Foundation

extension DatasetRegistry {
  /// Finds the `datasets/` directory.
  ///
  /// In order: the `METAPROBE_DATASETS` environment variable; else the first `datasets/`
  /// folder holding at least one `<collection>/collection.json`, walking up from the current
  /// directory; else the same walk up from the executable's directory.
  ///
  /// - Parameters:
  ///   - environment: the process environment (a parameter so tests can pass their own).
  ///   - currentDirectory: where the first walk starts.
  ///   - executableDirectory: where the second walk starts; `nil` uses the running executable's.
  /// - Returns: the `datasets/` directory.
  /// - Throws: `DatasetError.datasetsRootNotFound` listing where it looked.
  public static func locate(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    executableDirectory: String? = nil
  ) throws(DatasetError) -> URL {
    var searched = [String]()
    if let path = environment["METAPROBE_DATASETS"], !path.isEmpty {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return URL(fileURLWithPath: path)
      }
      searched.append("METAPROBE_DATASETS=\(path)")
    }
    let executable =
      executableDirectory ?? Bundle.main.executableURL?.deletingLastPathComponent().path
    for start in [currentDirectory, executable].compactMap({ $0 }) {
      var directory = URL(fileURLWithPath: start).standardizedFileURL
      while true {
        let candidate = directory.appendingPathComponent("datasets")
        if holdsCollection(candidate) { return candidate }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { break }
        directory = parent
      }
      searched.append("\(start) and its parents")
    }
    throw .datasetsRootNotFound(searched: searched)
  }

  /// Finds the `datasets/` directory with `locate()` and scans it.
  ///
  /// - Throws: as `locate()` and `init(root:)`.
  public static func located() throws(DatasetError) -> DatasetRegistry {
    try DatasetRegistry(root: locate())
  }

  /// `true` when `directory` has a subfolder with a `collection.json`.
  private static func holdsCollection(_ directory: URL) -> Bool {
    let manager = FileManager.default
    guard let folders = try? manager.contentsOfDirectory(atPath: directory.path) else {
      return false
    }
    return folders.contains { folder in
      !folder.hasPrefix(".")
        && manager.fileExists(
          atPath: directory.appendingPathComponent(folder).appendingPathComponent("collection.json")
            .path)
    }
  }
}
