// Triangular solves (BLAS trsm, trsv).

extension Matrix {
  /// Solves `op(T)·X = B` where `T` is this triangular matrix (BLAS `trsm`, left side).
  ///
  /// Only `triangle` of `self` is read; the other triangle is ignored.
  /// - Parameters:
  ///   - b: the `n × k` right-hand sides (k ≥ 0).
  ///   - triangle: which triangle of `self` holds `T`.
  ///   - transpose: solve with `T` (default) or `Tᵀ`.
  ///   - unitDiagonal: treat the diagonal as ones without reading it (default false).
  /// - Returns: the `n × k` solution `X`.
  /// - Throws: ``LinalgError/notSquare(rows:columns:)`` if `self` is not square;
  ///   ``LinalgError/dimensionMismatch(operation:expected:got:)`` if `b` does not have `n` rows;
  ///   ``LinalgError/singularTriangular(index:)`` if a diagonal element is zero;
  ///   ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(n²·k).
  public func solveTriangular(
    _ b: Matrix, triangle: Triangle, transpose: Transpose = .none, unitDiagonal: Bool = false
  ) throws(LinalgError) -> Matrix {
    try checkTriangularSystem(rhsRows: b.rows, rhsShape: shapeString(b.rows, b.columns), unitDiagonal: unitDiagonal)
    b.checkStorage("solveTriangular")
    var x = b
    if rows == 0 || b.columns == 0 { return x }
    let (n, k, lda, ldb) = (rows, b.columns, leadingDimension, b.leadingDimension)
    try storage.withBase { (pa) throws(LinalgError) in
      try x.storage.withMutableBase { (pb) throws(LinalgError) in
        try Scalar.trsm(
          triangle, transpose, unitDiagonal: unitDiagonal, m: n, n: k, alpha: 1,
          a: pa, lda: lda, b: pb, ldb: ldb)
      }
    }
    return x
  }

  /// Solves `op(T)·x = b` for one right-hand side, `T` this triangular matrix (BLAS `trsv`).
  ///
  /// - Parameters:
  ///   - b: a vector of `n` elements.
  ///   - triangle: which triangle of `self` holds `T`.
  ///   - transpose: solve with `T` (default) or `Tᵀ`.
  ///   - unitDiagonal: treat the diagonal as ones without reading it (default false).
  /// - Returns: the solution `x`, `n` elements.
  /// - Throws: the same errors as the matrix form of `solveTriangular(_:triangle:transpose:unitDiagonal:)`.
  /// - Complexity: O(n²).
  public func solveTriangular(
    _ b: [Scalar], triangle: Triangle, transpose: Transpose = .none, unitDiagonal: Bool = false
  ) throws(LinalgError) -> [Scalar] {
    try checkTriangularSystem(rhsRows: b.count, rhsShape: "length \(b.count)", unitDiagonal: unitDiagonal)
    var x = b
    if rows == 0 { return x }
    let (n, lda) = (rows, leadingDimension)
    try storage.withBase { (pa) throws(LinalgError) in
      try x.withMutableBase { (px) throws(LinalgError) in
        try Scalar.trsv(
          triangle, transpose, unitDiagonal: unitDiagonal, n: n, a: pa, lda: lda, x: px, incx: 1)
      }
    }
    return x
  }

  /// Validates a triangular system before calling BLAS: square `T`, matching right-hand side,
  /// non-zero diagonal (BLAS would silently divide by zero).
  private func checkTriangularSystem(rhsRows: Int, rhsShape: String, unitDiagonal: Bool) throws(LinalgError) {
    checkStorage("solveTriangular")
    guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
    guard rhsRows == rows else {
      throw .dimensionMismatch(operation: "solveTriangular", expected: "\(rows) rows", got: rhsShape)
    }
    if !unitDiagonal {
      for i in 0..<rows where storage[i * columns + i] == 0 { throw .singularTriangular(index: i) }
    }
  }
}
