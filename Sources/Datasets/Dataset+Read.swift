extension Dataset {
  /// Reads a `.csv`, `.arff` or `.dat` (KEEL) file, choosing the reader by extension
  /// (case-insensitive).
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - target: the target column's name; `nil` means the format's default (the last
  ///     column, or KEEL's `@outputs`).
  /// - Returns: a dataset named after the file stem.
  /// - Throws: `DatasetError.unknownFormat` for any other extension, else the reader's errors.
  public static func read(from path: String, target: String? = nil) throws(DatasetError) -> Dataset {
    switch DatasetFormat(path: path) {
    case .csv: return try readCSV(from: path, target: target)
    case .arff: return try readARFF(from: path, target: target)
    case .keel: return try readKEEL(from: path, target: target)
    case nil: throw .unknownFormat(path: path)
    }
  }
}

/// The file formats the readers understand.
enum DatasetFormat: CaseIterable {
  case csv, arff, keel

  /// The format for a path's extension (case-insensitive), or `nil`.
  init?(path: String) {
    let name = fileName(path)
    guard let dot = name.lastIndex(of: ".") else { return nil }
    switch name[name.index(after: dot)...].lowercased() {
    case "csv": self = .csv
    case "arff": self = .arff
    case "dat": self = .keel
    default: return nil
    }
  }
}
