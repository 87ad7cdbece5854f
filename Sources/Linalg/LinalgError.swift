/// An error from a `Linalg` operation: bad shapes, matrices without the required property, or LAPACK failures.
///
/// Every LAPACK `info` is mapped to one of these cases; shapes are checked before any
/// BLAS/LAPACK call, so a thrown error means nothing was printed and no output was written.
public enum LinalgError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A Cholesky factorisation failed: the leading minor of order `minor` (1-based, 1 ≤ minor ≤ n)
  /// is not positive definite.
  case notPositiveDefinite(minor: Int)
  /// Operand shapes do not agree; `expected` and `got` describe the shapes (e.g. `"3×5"`).
  case dimensionMismatch(operation: String, expected: String, got: String)
  /// The operation needs a square matrix but got `rows × columns`.
  case notSquare(rows: Int, columns: Int)
  /// The symmetric eigen-solver (`?syevd`) did not converge; `info` > 0 is LAPACK's count of failures.
  case eigenNotConverged(info: Int)
  /// A dimension, leading dimension or element count exceeds `Int32.max`, the BLAS/LAPACK integer.
  case tooLarge(dimension: Int)
  /// A triangular matrix has an exact zero on its diagonal at `index` (0-based), so it is singular.
  case singularTriangular(index: Int)
  /// The input of `operation` holds NaN or an infinity, which LAPACK cannot process reliably.
  case nonFinite(operation: String)
  /// LAPACK rejected argument number `parameter` of `routine`; a bug in Linalg's validation.
  case illegalArgument(routine: String, parameter: Int)
  /// A setting of a Linalg solver (``LBFGS``, ``Lanczos``) is out of range: `name` has `value`,
  /// which breaks `requirement` (e.g. `"memory ≥ 1"`).
  case invalidParameter(name: String, value: String, requirement: String)

  /// A message naming what is wrong and how to fix it.
  public var description: String {
    switch self {
    case .notPositiveDefinite(let minor):
      return "matrix is not positive definite: the leading minor of order \(minor) is not positive; "
        + "check that the matrix is symmetric positive definite, or add a small ridge (jitter) to its diagonal"
    case .dimensionMismatch(let operation, let expected, let got):
      return "\(operation): dimension mismatch, expected \(expected), got \(got); "
        + "check the operand shapes and transpose flags"
    case .notSquare(let rows, let columns):
      return "matrix is \(rows)×\(columns) but the operation needs a square matrix; pass an n×n matrix"
    case .eigenNotConverged(let info):
      return "symmetric eigen-decomposition did not converge (LAPACK info \(info)); "
        + "check the matrix for extreme scaling, or rescale it before decomposing"
    case .tooLarge(let dimension):
      return "dimension \(dimension) exceeds \(Int32.max), the largest size BLAS/LAPACK accept; "
        + "split the problem into smaller blocks"
    case .singularTriangular(let index):
      return "triangular matrix is singular: diagonal element \(index) is zero; "
        + "the system has no unique solution"
    case .nonFinite(let operation):
      return "\(operation): the input holds NaN or infinity; remove or impute non-finite values first"
    case .illegalArgument(let routine, let parameter):
      return "internal error: \(routine) rejected argument \(parameter); "
        + "please report this as a Linalg bug with the operand shapes"
    case .invalidParameter(let name, let value, let requirement):
      return "\(name) = \(value) is invalid: it must satisfy \(requirement)"
    }
  }

  /// Maps a non-zero `info` of a LAPACK routine whose only failures are illegal arguments.
  static func unexpected(_ routine: String, info: Int) -> LinalgError {
    .illegalArgument(routine: routine, parameter: info < 0 ? -info : info)
  }
}

/// `"rows×columns"`, the shape notation used in error messages.
@usableFromInline
func shapeString(_ rows: Int, _ columns: Int) -> String { "\(rows)×\(columns)" }
