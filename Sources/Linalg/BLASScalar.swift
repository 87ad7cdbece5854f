/// Whether a BLAS operand is used as stored or transposed.
public enum Transpose: Sendable, Equatable {
  /// Use the matrix as stored.
  case none
  /// Use the transpose of the matrix.
  case transposed
}

/// Which triangle of a symmetric or triangular matrix holds the data.
public enum Triangle: Sendable, Equatable {
  /// The upper triangle (on and above the diagonal).
  case upper
  /// The lower triangle (on and below the diagonal).
  case lower
}

/// A floating-point type with BLAS and LAPACK kernels: `Float` (s-routines) or `Double` (d-routines).
///
/// The requirements are raw kernels over **row-major** buffers (`CblasRowMajor`,
/// `LAPACK_ROW_MAJOR`); a leading dimension is the row stride in elements and must be
/// at least `max(1, columns)`. They do not check that buffers are large enough: the `Matrix`
/// and `Vector` methods validate every shape first, so LAPACK's `xerbla` never prints to
/// stdout. Users call the `Matrix` API, not these. Each kernel converts its `Int` sizes with
/// `Int32(exactly:)` and throws ``LinalgError/tooLarge(dimension:)`` when one does not fit.
/// LAPACK kernels return LAPACK's `info` unchanged; the callers map it to a ``LinalgError``.
public protocol BLASScalar: BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
  /// `C ← alpha·op(A)·op(B) + beta·C` (`?gemm`), with `op(A)` `m × k`, `op(B)` `k × n`, `C` `m × n`.
  ///
  /// When `beta == 0`, `C` is not read (NaNs in it do not propagate).
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func gemm(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
  ) throws(LinalgError)

  /// `y ← alpha·op(A)·x + beta·y` (`?gemv`), with `A` stored `m × n`.
  ///
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func gemv(
    _ trans: Transpose, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
    x: UnsafePointer<Self>, incx: Int, beta: Self, y: UnsafeMutablePointer<Self>, incy: Int
  ) throws(LinalgError)

  /// `y ← alpha·x + y` over `n` elements (`?axpy`).
  ///
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func axpy(
    n: Int, alpha: Self, x: UnsafePointer<Self>, incx: Int, y: UnsafeMutablePointer<Self>, incy: Int
  ) throws(LinalgError)

  /// `Σ xᵢ·yᵢ` over `n` elements (`?dot`).
  ///
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func dot(
    n: Int, x: UnsafePointer<Self>, incx: Int, y: UnsafePointer<Self>, incy: Int
  ) throws(LinalgError) -> Self

  /// The Euclidean norm `‖x‖₂` over `n` elements, without overflow (`?nrm2`).
  ///
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func nrm2(n: Int, x: UnsafePointer<Self>, incx: Int) throws(LinalgError) -> Self

  /// `x ← alpha·x` over `n` elements (`?scal`).
  ///
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func scal(n: Int, alpha: Self, x: UnsafeMutablePointer<Self>, incx: Int) throws(LinalgError)

  /// Solves `op(A)·X = alpha·B` in place of the `m × n` matrix `B`, `A` triangular `m × m` (`?trsm`, left side).
  ///
  /// - Parameter unitDiagonal: treat the diagonal of `A` as ones without reading it.
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func trsm(
    _ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool, m: Int, n: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafeMutablePointer<Self>, ldb: Int
  ) throws(LinalgError)

  /// Solves `op(A)·x = b` in place of the `n`-vector `x`, `A` triangular `n × n` (`?trsv`).
  ///
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func trsv(
    _ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool, n: Int,
    a: UnsafePointer<Self>, lda: Int, x: UnsafeMutablePointer<Self>, incx: Int
  ) throws(LinalgError)

  /// Cholesky factorisation in place of the `n × n` matrix `A` (`?potrf`); only `triangle` is read and written.
  ///
  /// - Returns: LAPACK's `info`: 0 on success, `k > 0` if the leading minor of order `k` is not positive definite.
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func potrf(_ triangle: Triangle, n: Int, a: UnsafeMutablePointer<Self>, lda: Int) throws(LinalgError) -> Int

  /// Solves `A·X = B` in place of the `n × nrhs` matrix `B`, given the `potrf` factor of `A` (`?potrs`).
  ///
  /// - Returns: LAPACK's `info` (0 on success, negative for an illegal argument).
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func potrs(
    _ triangle: Triangle, n: Int, nrhs: Int, a: UnsafePointer<Self>, lda: Int,
    b: UnsafeMutablePointer<Self>, ldb: Int
  ) throws(LinalgError) -> Int

  /// Eigen-decomposition of the symmetric `n × n` matrix `A` by divide and conquer (`?syevd`).
  ///
  /// Writes the eigenvalues in ascending order to `w` (`n` elements); when `computeVectors` is
  /// true, overwrites `A` with the orthonormal eigenvectors as columns, otherwise destroys `A`.
  /// - Returns: LAPACK's `info`: 0 on success, `> 0` if the algorithm failed to converge.
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a size exceeds `Int32.max`.
  static func syevd(
    computeVectors: Bool, _ triangle: Triangle, n: Int, a: UnsafeMutablePointer<Self>, lda: Int,
    w: UnsafeMutablePointer<Self>
  ) throws(LinalgError) -> Int
}
