import Datasets
import Forest
import Linalg
import NeuralNet
import Search

/// The errors of the `Learners` module; each names the learner, hyperparameter or data at fault.
public enum LearnerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No learner has this command-line name.
  case unknownLearner(String, available: [String])
  /// A hyperparameter value is invalid for this learner (the search space's error or a rule of ours).
  case invalidConfiguration(learner: String, reason: String)
  /// The data cannot be used by this learner (e.g. a CNN on non-square or non-image data).
  case unsuitableData(learner: String, reason: String)
  /// The budget is outside (0, 1].
  case invalidBudget(String)
  /// Too few rows for the requested folds or split.
  case notEnoughData(String)
  /// A kernel of an underlying module failed.
  case underlying(learner: String, message: String)
  /// Training stopped because the task running it was cancelled (e.g. its trial timed out);
  /// checked between epochs of networks and between cross-validation folds.
  case cancelled(learner: String)

  public var description: String {
    switch self {
    case .unknownLearner(let name, let available):
      return "unknown learner '\(name)'; available: \(available.joined(separator: ", "))"
    case .invalidConfiguration(let learner, let reason):
      return "\(learner): invalid configuration: \(reason)"
    case .unsuitableData(let learner, let reason):
      return "\(learner): unsuitable data: \(reason)"
    case .invalidBudget(let reason):
      return "invalid budget: \(reason)"
    case .notEnoughData(let reason):
      return "not enough data: \(reason)"
    case .underlying(let learner, let message):
      return "\(learner): \(message)"
    case .cancelled(let learner):
      return "\(learner): training cancelled (its task was cancelled, e.g. the trial timed out)"
    }
  }
}

extension LearnerError {
  /// Wraps an error of another module, keeping its message.
  static func wrap(_ error: any Error, learner: String) -> LearnerError {
    if let e = error as? LearnerError { return e }
    if let e = error as? SearchError { return .invalidConfiguration(learner: learner, reason: e.description) }
    return .underlying(learner: learner, message: "\(error)")
  }
}
