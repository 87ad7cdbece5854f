/// What can go wrong while generating or resuming a corpus of tuning logs.
public enum CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A learner without a corpus space.
  case unknownLearner(String, available: [String])
  /// A task (dataset) that could not be loaded or split.
  case task(String, reason: String)
  /// Bad generation settings (resource levels, counts).
  case invalidSettings(String)
  /// A line of an existing log that does not parse (not the truncated last line, which is skipped).
  case malformedLog(path: String, line: Int, reason: String)
  /// A file that cannot be read or written.
  case io(path: String, reason: String)

  public var description: String {
    switch self {
    case .unknownLearner(let name, let available):
      return "no corpus space for learner '\(name)'; corpus learners: \(available.joined(separator: ", "))"
    case .task(let task, let reason):
      return "task '\(task)': \(reason)"
    case .invalidSettings(let reason):
      return "invalid corpus settings: \(reason)"
    case .malformedLog(let path, let line, let reason):
      return "\(path):\(line): \(reason)"
    case .io(let path, let reason):
      return "\(path): \(reason)"
    }
  }
}
