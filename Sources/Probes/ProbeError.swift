import Datasets
import Learners
import Linalg
import NeuralNet

/// The errors of the `Probes` module; each names the probe, parameter or data at fault.
public enum ProbeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A probe option is outside its valid range; `reason` says which range.
  case invalidOption(name: String, value: Double, reason: String)
  /// A vector has `got` elements where `expected` were required (`what` names it).
  case dimensionMismatch(what: String, expected: Int, got: Int)
  /// The loss or its gradient is NaN or infinite at the probed parameters (`what` says where).
  case nonFinite(what: String)
  /// Sharpness needs a network; `learner` trained another kind of model.
  case notANetwork(learner: String)
  /// A layer with parameters whose filter layout the probes do not know (filter normalisation).
  case unsupportedLayer(String)
  /// A network evaluation failed (shape, label or data error of `NeuralNet`).
  case network(NeuralNetError)
  /// A learner or pipeline failed while training the probed model.
  case learner(LearnerError)
  /// A split or subsample of the dataset failed.
  case dataset(String)
  /// A linear-algebra kernel failed.
  case linalg(LinalgError)

  /// A message naming what is wrong and how to fix it.
  public var description: String {
    switch self {
    case .invalidOption(let name, let value, let reason):
      return "probe option \(name) = \(value) is invalid: \(reason)"
    case .dimensionMismatch(let what, let expected, let got):
      return "\(what) has \(got) elements, expected \(expected)"
    case .nonFinite(let what):
      return "\(what) is NaN or infinite; the model may have diverged"
    case .notANetwork(let learner):
      return "sharpness probes need a neural network (mlp, cnn); learner '\(learner)' is not one"
    case .unsupportedLayer(let layer):
      return "layer \(layer) has parameters but no known filter layout for filter normalisation"
    case .network(let error):
      return "network evaluation failed: \(error)"
    case .learner(let error):
      return "\(error)"
    case .dataset(let message):
      return "dataset: \(message)"
    case .linalg(let error):
      return "linear algebra failed: \(error)"
    }
  }
}
