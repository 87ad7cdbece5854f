import Storage

/// The errors of the `Experiments` module; every case names the file, line, field, task or
/// method at fault.
public enum ExperimentsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A file or directory could not be read or written.
  case io(path: String, reason: String)
  /// A tuning log cannot be read: the `Storage` reader's error, naming the file, line and field.
  case log(TuningLogError)
  /// A task's records cannot form a look-up table (no complete rows, mixed directions, …).
  case table(task: String, reason: String)
  /// A benchmark suite name or path that does not exist.
  case suiteNotFound(String, searched: [String])
  /// A method name that is unknown, or known but not available in this build.
  case unknownMethod(String, available: [String])
  /// A benchmark setting out of range (budget, seeds, methods).
  case invalidSetting(String)
  /// A method failed on a task (a sampler error, say).
  case method(name: String, task: String, reason: String)

  public var description: String {
    switch self {
    case .io(let path, let reason): return "\(path): \(reason)"
    case .log(let error): return error.description
    case .table(let task, let reason): return "task '\(task)': \(reason)"
    case .suiteNotFound(let name, let searched):
      return
        "no tuning logs for suite '\(name)' (looked in \(searched.joined(separator: ", "))); run `make tuning-logs` to build the bundled suites, or pass the path of a tuning log"
    case .unknownMethod(let name, let available):
      return "unknown or unavailable method '\(name)'; available: \(available.joined(separator: ", "))"
    case .invalidSetting(let reason): return reason
    case .method(let name, let task, let reason): return "method \(name) on task '\(task)': \(reason)"
    }
  }
}
