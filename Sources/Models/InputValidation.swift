import Linalg

// Checks shared by every model's fit and predict: shapes, finiteness, labels.

/// Throws unless `x` has at least one row and column and only finite entries.
func validateFeatures(_ x: Matrix<Double>, field: String = "x") throws(ModelError) {
  guard x.rows > 0, x.columns > 0 else { throw .emptyInput(field: field) }
  let columns = x.columns
  for (offset, value) in x.storage.enumerated() where !value.isFinite {
    throw .nonFiniteValue(field: field, row: offset / columns, column: offset % columns)
  }
}

/// Throws unless `x` is valid prediction input for a model fitted on `featureCount` columns.
/// An input with zero rows is allowed (it predicts nothing).
func validatePredictionInput(_ x: Matrix<Double>, featureCount: Int) throws(ModelError) {
  guard x.columns == featureCount else {
    throw .featureCountMismatch(expected: featureCount, got: x.columns)
  }
  if x.rows == 0 { return }
  try validateFeatures(x)
}

/// Validates training input and returns the class count: `classCount` if given, else
/// `max(y) + 1`.
///
/// - Throws: ``ModelError`` for empty or non-finite `x`, a `y` of the wrong length, a label
///   outside `0..<classCount`, or a `classCount` < 1.
func validateTrainingInput(
  _ x: Matrix<Double>, _ y: [Int], classCount: Int?
) throws(ModelError) -> Int {
  try validateFeatures(x)
  guard !y.isEmpty else { throw .emptyInput(field: "y") }
  guard y.count == x.rows else {
    throw .rowCountMismatch(field: "y", expected: x.rows, got: y.count)
  }
  if let classCount, classCount < 1 {
    throw .invalidHyperparameter(
      name: "classCount", value: "\(classCount)", requirement: "classCount ≥ 1")
  }
  let count = classCount ?? ((y.max() ?? 0) + 1)
  for (row, label) in y.enumerated() where label < 0 || label >= count {
    throw .labelOutOfRange(row: row, label: label, classCount: count)
  }
  return count
}

/// Throws ``ModelError/invalidHyperparameter(name:value:requirement:)`` unless `condition`.
func require(
  _ condition: Bool, _ name: String, _ value: some CustomStringConvertible, _ requirement: String
) throws(ModelError) {
  guard condition else {
    throw .invalidHyperparameter(name: name, value: value.description, requirement: requirement)
  }
}

/// Runs a Linalg call, mapping its error into ``ModelError/linearAlgebra(_:)``.
func linalg<T>(_ body: () throws(LinalgError) -> T) throws(ModelError) -> T {
  do {
    return try body()
  } catch {
    throw .linearAlgebra(error)
  }
}

/// The squared Euclidean norm of every row of `x`.
func rowSquaredNorms(_ x: Matrix<Double>) -> [Double] {
  let d = x.columns
  return x.storage.withUnsafeBufferPointer { p in
    (0..<x.rows).map { i in
      var s = 0.0
      for j in 0..<d { s += p[i * d + j] * p[i * d + j] }
      return s
    }
  }
}

/// Squared Euclidean distances `D[i, j] = ‖aᵢ‖² + ‖bⱼ‖² − 2·aᵢ·bⱼ`, clamped at 0, with the
/// cross term from one BLAS `gemm`.
///
/// - Complexity: O(a.rows · b.rows · columns).
func squaredDistances(
  _ a: Matrix<Double>, _ aNorms: [Double], _ b: Matrix<Double>, _ bNorms: [Double]
) throws(ModelError) -> Matrix<Double> {
  var d = zeros(a.rows, b.rows)
  try linalg { () throws(LinalgError) in
    try Matrix.multiply(a, .none, b, .transposed, alpha: -2, beta: 0, into: &d)
  }
  let n = b.rows
  d.storage.withUnsafeMutableBufferPointer { p in
    for i in 0..<a.rows {
      for j in 0..<n { p[i * n + j] = max(0, p[i * n + j] + aNorms[i] + bNorms[j]) }
    }
  }
  return d
}

/// A zero `rows × columns` matrix, its storage built in this module so the fill is
/// specialised for `Double` (Linalg's generic initialiser fills element by element).
func zeros(_ rows: Int, _ columns: Int) -> Matrix<Double> {
  Matrix(rows: rows, columns: columns, storage: [Double](repeating: 0, count: rows * columns))
}
