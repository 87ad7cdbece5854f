/// An error from fitting or applying a tree model: bad data, bad shapes or bad hyperparameters.
///
/// Every case names the row, column or parameter at fault and says how to fix it. Inputs are
/// validated before any work starts, so a thrown error means no model was changed.
public enum ForestError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The feature matrix has no rows or no columns.
  case emptyData(rows: Int, columns: Int)
  /// The feature at (`row`, `column`) (0-based) is NaN or infinite.
  case nonFiniteFeature(row: Int, column: Int)
  /// The regression target of `row` (0-based) is NaN or infinite.
  case nonFiniteTarget(row: Int)
  /// The class label of `row` is `label`, outside `0..<classCount`.
  case labelOutOfRange(row: Int, label: Int, classCount: Int)
  /// `what` (targets or sample weights) has `got` entries but the feature matrix has `expected` rows.
  case rowCountMismatch(what: String, expected: Int, got: Int)
  /// The matrix to predict has `got` columns but the model was fitted on `expected` features.
  case featureCountMismatch(expected: Int, got: Int)
  /// The sample weight of `row` is negative, NaN or infinite, or (with `row == nil`) all weights are zero.
  case invalidSampleWeight(row: Int?)
  /// The hyperparameter `name` has the value `value`, which breaks `requirement`.
  case invalidParameter(name: String, value: String, requirement: String)

  /// A message naming what is wrong and how to fix it.
  public var description: String {
    switch self {
    case .emptyData(let rows, let columns):
      return "the feature matrix is \(rows)×\(columns); fitting needs at least one row and one column"
    case .nonFiniteFeature(let row, let column):
      return "feature (row \(row), column \(column)) is NaN or infinite; impute or drop non-finite values first"
    case .nonFiniteTarget(let row):
      return "the target of row \(row) is NaN or infinite; drop that row or impute its target"
    case .labelOutOfRange(let row, let label, let classCount):
      return "the class label of row \(row) is \(label), outside 0..<\(classCount); "
        + "encode classes as 0..<classCount or raise classCount"
    case .rowCountMismatch(let what, let expected, let got):
      return "\(what) has \(got) entries but the feature matrix has \(expected) rows; pass one per row"
    case .featureCountMismatch(let expected, let got):
      return "the matrix has \(got) columns but the model was fitted on \(expected) features; "
        + "pass rows with the same columns as in training"
    case .invalidSampleWeight(let row):
      if let row {
        return "the sample weight of row \(row) is negative or non-finite; weights must be finite and ≥ 0"
      }
      return "all sample weights are zero; at least one row needs a positive weight"
    case .invalidParameter(let name, let value, let requirement):
      return "hyperparameter \(name) = \(value) is invalid: it must satisfy \(requirement)"
    }
  }
}
