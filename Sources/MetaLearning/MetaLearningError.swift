import Storage

/// The errors of the `MetaLearning` module; every case names the task, row, field or file at fault.
public enum MetaLearningError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A task of the log has no row in the task meta-features table.
  case missingTaskFeatures(task: String)
  /// A meta-model file was written by another format version.
  case formatVersion(path: String, found: Int, supported: Int)
  /// A file could not be read or written, or does not hold a meta-model.
  case io(path: String, reason: String)
  /// The input cannot train or query a meta-model (too few rows, a shape mismatch, NaN targets).
  case invalidInput(String)
  /// A tuning-log or feature-table error surfaced while building a meta-dataset.
  case storage(StorageError)

  public var description: String {
    switch self {
    case .missingTaskFeatures(let t): return "task '\(t)' has no row in the task meta-features table"
    case .formatVersion(let p, let f, let s):
      return "\(p): meta-model format version \(f), this build reads version \(s)"
    case .io(let p, let r): return "\(p): \(r)"
    case .invalidInput(let r): return r
    case .storage(let e): return e.description
    }
  }
}
