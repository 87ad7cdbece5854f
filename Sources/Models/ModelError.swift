import Linalg

/// An error fitting or applying one of the classic models (SVC, logistic regression, kNN,
/// Gaussian naive Bayes) to bad data or with an invalid hyperparameter.
///
/// Every case names the argument or hyperparameter at fault, so the message alone says what to
/// fix: `x: row 3, column 7 is nan; impute or drop non-finite values before fitting`.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The matrix or label array named `field` (`"x"`, `"y"`) has no rows, or `x` has no columns.
  case emptyInput(field: String)
  /// The matrix named `field` holds NaN or ±∞ at the zero-based `row`, `column`.
  case nonFiniteValue(field: String, row: Int, column: Int)
  /// `field` has `got` rows where `expected` (the rows of `x`) were needed.
  case rowCountMismatch(field: String, expected: Int, got: Int)
  /// Prediction input has `got` feature columns; the model was fitted on `expected`.
  case featureCountMismatch(expected: Int, got: Int)
  /// Label `label` on zero-based `row` of `y` is outside `0..<classCount`.
  case labelOutOfRange(row: Int, label: Int, classCount: Int)
  /// The labels hold `found` distinct classes; the model needs at least `required`.
  case tooFewClasses(found: Int, required: Int)
  /// The hyperparameter `name` has `value`, which breaks `requirement` (e.g. `"C > 0"`).
  case invalidHyperparameter(name: String, value: String, requirement: String)
  /// A linear-algebra kernel failed (an internal shape error; report it as a bug).
  case linearAlgebra(LinalgError)

  /// A one-line message naming the field at fault and how to fix it.
  public var description: String {
    switch self {
    case .emptyInput(let field):
      return "\(field) is empty; pass at least one row (and, for x, one feature column)"
    case .nonFiniteValue(let field, let row, let column):
      return "\(field): row \(row), column \(column) is NaN or infinite; "
        + "impute or drop non-finite values before fitting or predicting"
    case .rowCountMismatch(let field, let expected, let got):
      return "\(field) has \(got) rows but x has \(expected); pass one label per row of x"
    case .featureCountMismatch(let expected, let got):
      return "x has \(got) feature columns but the model was fitted on \(expected); "
        + "apply the same preprocessing as for the training data"
    case .labelOutOfRange(let row, let label, let classCount):
      return "y: label \(label) on row \(row) is outside 0..<\(classCount); "
        + "encode classes as 0..<classCount"
    case .tooFewClasses(let found, let required):
      return "y holds \(found) distinct class(es) but the model needs at least \(required)"
    case .invalidHyperparameter(let name, let value, let requirement):
      return "hyperparameter \(name) = \(value) is invalid: it must satisfy \(requirement)"
    case .linearAlgebra(let error):
      return "linear algebra failed: \(error)"
    }
  }
}
