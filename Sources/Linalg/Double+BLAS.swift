internal import CBLAS

// The d-routines of CBLAS and LAPACKE. Float+BLAS.swift is the same file with s-routines.
// Shapes are validated by the callers (Matrix, Vector, Cholesky); sizes are converted here.

extension Double: BLASScalar {
  /// `cblas_dgemm`, row-major.
  public static func gemm(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) throws(LinalgError) {
    try cblas_dgemm(
      CblasRowMajor, transA.cblas, transB.cblas, blasInt(m), blasInt(n), blasInt(k),
      alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
  }

  /// `cblas_dgemv`, row-major.
  public static func gemv(
    _ trans: Transpose, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, incx: Int, beta: Double, y: UnsafeMutablePointer<Double>, incy: Int
  ) throws(LinalgError) {
    try cblas_dgemv(
      CblasRowMajor, trans.cblas, blasInt(m), blasInt(n), alpha, a, blasInt(lda),
      x, blasInt(incx), beta, y, blasInt(incy))
  }

  /// `cblas_daxpy`.
  public static func axpy(
    n: Int, alpha: Double, x: UnsafePointer<Double>, incx: Int,
    y: UnsafeMutablePointer<Double>, incy: Int
  ) throws(LinalgError) {
    try cblas_daxpy(blasInt(n), alpha, x, blasInt(incx), y, blasInt(incy))
  }

  /// `cblas_ddot`.
  public static func dot(
    n: Int, x: UnsafePointer<Double>, incx: Int, y: UnsafePointer<Double>, incy: Int
  ) throws(LinalgError) -> Double {
    try cblas_ddot(blasInt(n), x, blasInt(incx), y, blasInt(incy))
  }

  /// `cblas_dnrm2`.
  public static func nrm2(n: Int, x: UnsafePointer<Double>, incx: Int) throws(LinalgError) -> Double {
    try cblas_dnrm2(blasInt(n), x, blasInt(incx))
  }

  /// `cblas_dscal`.
  public static func scal(
    n: Int, alpha: Double, x: UnsafeMutablePointer<Double>, incx: Int
  ) throws(LinalgError) {
    try cblas_dscal(blasInt(n), alpha, x, blasInt(incx))
  }

  /// `cblas_dtrsm`, row-major, left side.
  public static func trsm(
    _ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool, m: Int, n: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafeMutablePointer<Double>, ldb: Int
  ) throws(LinalgError) {
    try cblas_dtrsm(
      CblasRowMajor, CblasLeft, triangle.cblas, trans.cblas, cblasDiagonal(unit: unitDiagonal),
      blasInt(m), blasInt(n), alpha, a, blasInt(lda), b, blasInt(ldb))
  }

  /// `cblas_dtrsv`, row-major.
  public static func trsv(
    _ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool, n: Int,
    a: UnsafePointer<Double>, lda: Int, x: UnsafeMutablePointer<Double>, incx: Int
  ) throws(LinalgError) {
    try cblas_dtrsv(
      CblasRowMajor, triangle.cblas, trans.cblas, cblasDiagonal(unit: unitDiagonal),
      blasInt(n), a, blasInt(lda), x, blasInt(incx))
  }

  /// `LAPACKE_dpotrf`, row-major.
  public static func potrf(
    _ triangle: Triangle, n: Int, a: UnsafeMutablePointer<Double>, lda: Int
  ) throws(LinalgError) -> Int {
    try Int(LAPACKE_dpotrf(LAPACK_ROW_MAJOR, triangle.lapack, blasInt(n), a, blasInt(lda)))
  }

  /// `LAPACKE_dpotrs`, row-major.
  public static func potrs(
    _ triangle: Triangle, n: Int, nrhs: Int, a: UnsafePointer<Double>, lda: Int,
    b: UnsafeMutablePointer<Double>, ldb: Int
  ) throws(LinalgError) -> Int {
    try Int(
      LAPACKE_dpotrs(
        LAPACK_ROW_MAJOR, triangle.lapack, blasInt(n), blasInt(nrhs), a, blasInt(lda),
        b, blasInt(ldb)))
  }

  /// `LAPACKE_dsyevd`, row-major.
  public static func syevd(
    computeVectors: Bool, _ triangle: Triangle, n: Int, a: UnsafeMutablePointer<Double>, lda: Int,
    w: UnsafeMutablePointer<Double>
  ) throws(LinalgError) -> Int {
    try Int(
      LAPACKE_dsyevd(
        LAPACK_ROW_MAJOR, lapackJob(vectors: computeVectors), triangle.lapack, blasInt(n),
        a, blasInt(lda), w))
  }
}
