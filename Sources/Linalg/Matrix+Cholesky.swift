// Cholesky factorisation (LAPACK potrf).

extension Matrix {
  /// The Cholesky factor of this symmetric positive-definite matrix (LAPACK `potrf`).
  ///
  /// With `.lower`, returns `L` with `A = L·Lᵀ`; with `.upper`, `U` with `A = Uᵀ·U`. Only
  /// `triangle` of `self` is read (the other is assumed symmetric), and the other triangle of
  /// the result is zero, so the factor can be used as a full matrix.
  /// - Parameter triangle: which factor to compute (default `.lower`).
  /// - Returns: an `n × n` triangular matrix with a positive diagonal.
  /// - Throws: ``LinalgError/notSquare(rows:columns:)`` if the matrix is not square;
  ///   ``LinalgError/nonFinite(operation:)`` if `triangle` holds NaN or infinity;
  ///   ``LinalgError/notPositiveDefinite(minor:)`` with the order of the first failing leading minor;
  ///   ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(n³/3).
  public func choleskyFactor(triangle: Triangle = .lower) throws(LinalgError) -> Matrix {
    checkStorage("choleskyFactor")
    guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
    guard triangleIsFinite(triangle) else { throw .nonFinite(operation: "choleskyFactor") }
    var factor = self
    let (n, lda) = (rows, leadingDimension)
    if n > 0 {
      let info = try factor.storage.withMutableBase { (pa) throws(LinalgError) in
        try Scalar.potrf(triangle, n: n, a: pa, lda: lda)
      }
      if info > 0 { throw .notPositiveDefinite(minor: info) }
      if info < 0 { throw .unexpected("potrf", info: info) }
    }
    // potrf leaves the other triangle untouched: clear it.
    factor.zeroStrictTriangle(triangle == .lower ? .upper : .lower)
    return factor
  }
}
