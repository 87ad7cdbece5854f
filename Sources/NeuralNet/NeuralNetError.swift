import Linalg

/// An error from a `NeuralNet` operation: inputs of the wrong shape, bad labels or data, or a
/// failed BLAS call.
///
/// Every case names what is at fault (the layer, the row, the label) and the message says how
/// to fix it. Numerical divergence during training is *not* an error: ``Trainer`` reports it as
/// ``TrainingOutcome/diverged(epoch:)``.
public enum NeuralNetError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The input of `layer` has the wrong shape; `expected` and `got` describe it (e.g. `"32×64"`).
  case shapeMismatch(layer: String, expected: String, got: String)
  /// Label `label` at row `row` (0-based) is outside `0..<classes`.
  case labelOutOfRange(row: Int, label: Int, classes: Int)
  /// `what` has no rows (or no elements), so there is nothing to compute.
  case emptyInput(what: String)
  /// `what` holds NaN or an infinity at `row`, `column` (both 0-based).
  case nonFiniteInput(what: String, row: Int, column: Int)
  /// A parameter vector has `got` elements but the network has `expected` parameters.
  case parameterCountMismatch(expected: Int, got: Int)
  /// `backward` was called on `layer` without a preceding training-mode `forward`.
  case backwardBeforeForward(layer: String)
  /// A hyperparameter is outside its valid range; `reason` says which range.
  case invalidHyperparameter(name: String, value: Double, reason: String)
  /// The underlying BLAS call failed (a `Linalg` error; a shape bug in `NeuralNet`).
  case linalg(LinalgError)

  /// A message naming what is wrong and how to fix it.
  public var description: String {
    switch self {
    case .shapeMismatch(let layer, let expected, let got):
      return "\(layer): input shape mismatch, expected \(expected), got \(got); "
        + "check the sizes of consecutive layers and of the data"
    case .labelOutOfRange(let row, let label, let classes):
      return "label \(label) at row \(row) is outside 0..<\(classes); "
        + "encode classes as 0-based indices below the output size of the network"
    case .emptyInput(let what):
      return "\(what) is empty; pass at least one row"
    case .nonFiniteInput(let what, let row, let column):
      return "\(what) holds NaN or infinity at row \(row), column \(column); impute or remove it first"
    case .parameterCountMismatch(let expected, let got):
      return "parameter vector has \(got) elements but the network has \(expected); "
        + "pass a vector obtained from `parameters` of the same architecture"
    case .backwardBeforeForward(let layer):
      return "\(layer): backward called before a training-mode forward; run forward(_:mode: .training) first"
    case .invalidHyperparameter(let name, let value, let reason):
      return "hyperparameter \(name) = \(value) is invalid: \(reason)"
    case .linalg(let error):
      return "BLAS call failed: \(error)"
    }
  }
}
