/// The errors of the `Experiments` module; every case names the file, line, field, task or
/// method at fault.
public enum ExperimentsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A file or directory could not be read or written.
  case io(path: String, reason: String)
  /// A tuning log is malformed; `line` is 1-based (the header is line 1), `field` the column.
  case log(path: String, line: Int, field: String?, reason: String)
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
    case .log(let path, let line, let field, let reason):
      if let field { return "\(path): line \(line), field '\(field)': \(reason)" }
      return "\(path): line \(line): \(reason)"
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
