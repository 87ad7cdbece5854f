internal import CBLAS

// The s-routines of CBLAS and LAPACKE. Double+BLAS.swift is the same file with d-routines.
// Shapes are validated by the callers (Matrix, Vector, Cholesky); sizes are converted here.

extension Float: BLASScalar {
  /// `cblas_sgemm`, row-major.
  public static func gemm(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) throws(LinalgError) {
    try cblas_sgemm(
      CblasRowMajor, transA.cblas, transB.cblas, blasInt(m), blasInt(n), blasInt(k),
      alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
  }

  /// `cblas_sgemv`, row-major.
  public static func gemv(
    _ trans: Transpose, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
    x: UnsafePointer<Float>, incx: Int, beta: Float, y: UnsafeMutablePointer<Float>, incy: Int
  ) throws(LinalgError) {
    try cblas_sgemv(
      CblasRowMajor, trans.cblas, blasInt(m), blasInt(n), alpha, a, blasInt(lda),
      x, blasInt(incx), beta, y, blasInt(incy))
  }

  /// `cblas_saxpy`.
  public static func axpy(
    n: Int, alpha: Float, x: UnsafePointer<Float>, incx: Int,
    y: UnsafeMutablePointer<Float>, incy: Int
  ) throws(LinalgError) {
    try cblas_saxpy(blasInt(n), alpha, x, blasInt(incx), y, blasInt(incy))
  }

  /// `cblas_sdot`.
  public static func dot(
    n: Int, x: UnsafePointer<Float>, incx: Int, y: UnsafePointer<Float>, incy: Int
  ) throws(LinalgError) -> Float {
    try cblas_sdot(blasInt(n), x, blasInt(incx), y, blasInt(incy))
  }

  /// `cblas_snrm2`.
  public static func nrm2(n: Int, x: UnsafePointer<Float>, incx: Int) throws(LinalgError) -> Float {
    try cblas_snrm2(blasInt(n), x, blasInt(incx))
  }

  /// `cblas_sscal`.
  public static func scal(
    n: Int, alpha: Float, x: UnsafeMutablePointer<Float>, incx: Int
  ) throws(LinalgError) {
    try cblas_sscal(blasInt(n), alpha, x, blasInt(incx))
  }

  /// `cblas_strsm`, row-major, left side.
  public static func trsm(
    _ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool, m: Int, n: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafeMutablePointer<Float>, ldb: Int
  ) throws(LinalgError) {
    try cblas_strsm(
      CblasRowMajor, CblasLeft, triangle.cblas, trans.cblas, cblasDiagonal(unit: unitDiagonal),
      blasInt(m), blasInt(n), alpha, a, blasInt(lda), b, blasInt(ldb))
  }

  /// `cblas_strsv`, row-major.
  public static func trsv(
    _ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool, n: Int,
    a: UnsafePointer<Float>, lda: Int, x: UnsafeMutablePointer<Float>, incx: Int
  ) throws(LinalgError) {
    try cblas_strsv(
      CblasRowMajor, triangle.cblas, trans.cblas, cblasDiagonal(unit: unitDiagonal),
      blasInt(n), a, blasInt(lda), x, blasInt(incx))
  }

  /// `LAPACKE_spotrf`, row-major.
  public static func potrf(
    _ triangle: Triangle, n: Int, a: UnsafeMutablePointer<Float>, lda: Int
  ) throws(LinalgError) -> Int {
    try Int(LAPACKE_spotrf(LAPACK_ROW_MAJOR, triangle.lapack, blasInt(n), a, blasInt(lda)))
  }

  /// `LAPACKE_spotrs`, row-major.
  public static func potrs(
    _ triangle: Triangle, n: Int, nrhs: Int, a: UnsafePointer<Float>, lda: Int,
    b: UnsafeMutablePointer<Float>, ldb: Int
  ) throws(LinalgError) -> Int {
    try Int(
      LAPACKE_spotrs(
        LAPACK_ROW_MAJOR, triangle.lapack, blasInt(n), blasInt(nrhs), a, blasInt(lda),
        b, blasInt(ldb)))
  }

  /// `LAPACKE_ssyevd`, row-major.
  public static func syevd(
    computeVectors: Bool, _ triangle: Triangle, n: Int, a: UnsafeMutablePointer<Float>, lda: Int,
    w: UnsafeMutablePointer<Float>
  ) throws(LinalgError) -> Int {
    try Int(
      LAPACKE_ssyevd(
        LAPACK_ROW_MAJOR, lapackJob(vectors: computeVectors), triangle.lapack, blasInt(n),
        a, blasInt(lda), w))
  }
}
