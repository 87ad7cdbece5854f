import Datasets
import Foundation

extension Dataset {
  /// A dataset given as the command line gives it: a path when `nameOrPath` names an existing
  /// file (`.csv`, `.arff`, `.dat`), else a bundled dataset's registry name (`iris`).
  /// - Parameters:
  ///   - nameOrPath: a registry name or a file path.
  ///   - target: the target column's name, where it is not the last column.
  /// - Throws: the readers' `DatasetError` (naming file, line and column) or the registry's.
  public static func load(_ nameOrPath: String, target: String? = nil) throws -> Dataset {
    if FileManager.default.fileExists(atPath: nameOrPath) {
      return try Dataset.read(from: nameOrPath, target: target)
    }
    return try DatasetRegistry.located().resolve(nameOrPath, target: target)
  }
}
