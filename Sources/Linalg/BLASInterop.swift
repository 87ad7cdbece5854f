internal import CBLAS

// Conversions from the Swift-facing flags and sizes to the C types of CBLAS and LAPACKE.
// Internal: nothing of the C module appears in Linalg's public interface.

extension Transpose {
  /// The CBLAS flag.
  var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Triangle {
  /// The CBLAS flag.
  var cblas: CBLAS_UPLO { self == .upper ? CblasUpper : CblasLower }
  /// The LAPACK `uplo` character, `'U'` or `'L'`.
  var lapack: CChar { CChar(UInt8(ascii: self == .upper ? "U" : "L")) }
}

/// The CBLAS diagonal flag for a triangular operand.
func cblasDiagonal(unit: Bool) -> CBLAS_DIAG { unit ? CblasUnit : CblasNonUnit }

/// The LAPACK `jobz` character: `'V'` for eigenvectors, `'N'` for values only.
func lapackJob(vectors: Bool) -> CChar { CChar(UInt8(ascii: vectors ? "V" : "N")) }

/// `n` as a BLAS/LAPACK integer (32-bit in Debian's OpenBLAS and LAPACKE builds).
///
/// - Throws: ``LinalgError/tooLarge(dimension:)`` if `n` does not fit in `Int32`.
func blasInt(_ n: Int) throws(LinalgError) -> Int32 {
  guard let value = Int32(exactly: n) else { throw .tooLarge(dimension: n) }
  return value
}
