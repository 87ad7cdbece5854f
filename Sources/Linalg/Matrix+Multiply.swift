// Matrix–matrix (gemm) and matrix–vector (gemv) products.

extension Matrix {
  /// Computes `C ← alpha·op(A)·op(B) + beta·C` in place, without allocating (BLAS `gemm`).
  ///
  /// `op(X)` is `X` or `Xᵀ` according to the transpose flag. When `beta == 0`, `C`'s previous
  /// contents are ignored (NaNs in it do not propagate).
  /// - Parameters:
  ///   - a: the left operand; `op(a)` is `m × k`.
  ///   - transA: whether to use `a` or its transpose.
  ///   - b: the right operand; `op(b)` is `k × n`.
  ///   - transB: whether to use `b` or its transpose.
  ///   - alpha: scale of the product (any finite value; default 1).
  ///   - beta: scale of the previous `c` (any finite value; default 0).
  ///   - c: the `m × n` result, read when `beta != 0` and overwritten.
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if the inner
  ///   dimensions differ or `c` is not `m × n`; ``LinalgError/tooLarge(dimension:)`` if a
  ///   dimension exceeds `Int32.max`.
  /// - Complexity: O(m·n·k).
  @inlinable
  public static func multiply(
    _ a: Matrix, _ transA: Transpose = .none, _ b: Matrix, _ transB: Transpose = .none,
    alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix
  ) throws(LinalgError) {
    a.checkStorage("multiply")
    b.checkStorage("multiply")
    c.checkStorage("multiply")
    let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    let (kb, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
    guard k == kb else {
      throw .dimensionMismatch(
        operation: "multiply", expected: "op(B) with \(k) rows to match op(A) \(shapeString(m, k))",
        got: "op(B) \(shapeString(kb, n))")
    }
    guard c.rows == m && c.columns == n else {
      throw .dimensionMismatch(
        operation: "multiply", expected: "C \(shapeString(m, n))", got: "C \(shapeString(c.rows, c.columns))")
    }
    if m == 0 || n == 0 { return }
    if k == 0 {  // empty sum: C ← beta·C (reference BLAS agrees; don't rely on every build)
      c.storage.scaleElements(by: beta)
      return
    }
    let (lda, ldb, ldc) = (a.leadingDimension, b.leadingDimension, c.leadingDimension)
    try a.storage.withBase { (pa) throws(LinalgError) in
      try b.storage.withBase { (pb) throws(LinalgError) in
        try c.storage.withMutableBase { (pc) throws(LinalgError) in
          try Scalar.gemm(
            transA, transB, m: m, n: n, k: k, alpha: alpha, a: pa, lda: lda, b: pb, ldb: ldb,
            beta: beta, c: pc, ldc: ldc)
        }
      }
    }
  }

  /// Computes `C ← alpha·A·op(B) + beta·C` in place: ``multiply(_:_:_:_:alpha:beta:into:)``
  /// with `A` as stored, so the call reads `Matrix.multiply(a, b, into: &c)`.
  ///
  /// - Parameters:
  ///   - a: the `m × k` left operand.
  ///   - b: the right operand; `op(b)` is `k × n`.
  ///   - transB: whether to use `b` or its transpose (default as stored).
  ///   - alpha: scale of the product (default 1).
  ///   - beta: scale of the previous `c` (default 0; then `c` is not read).
  ///   - c: the `m × n` result, overwritten.
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if the shapes do not
  ///   agree; ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(m·n·k).
  @inlinable
  public static func multiply(
    _ a: Matrix, _ b: Matrix, _ transB: Transpose = .none,
    alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix
  ) throws(LinalgError) {
    try multiply(a, .none, b, transB, alpha: alpha, beta: beta, into: &c)
  }

  /// The product `op(self)·op(other)` as a new matrix (BLAS `gemm`).
  ///
  /// - Parameters:
  ///   - other: the right operand; `op(other)` must have as many rows as `op(self)` has columns.
  ///   - transposeSelf: whether to use `self` or its transpose (default as stored).
  ///   - transposeOther: whether to use `other` or its transpose (default as stored).
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if the inner
  ///   dimensions differ; ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(m·n·k).
  @inlinable
  public func multiplied(
    by other: Matrix, transposeSelf: Transpose = .none, transposeOther: Transpose = .none
  ) throws(LinalgError) -> Matrix {
    let m = transposeSelf == .none ? rows : columns
    let n = transposeOther == .none ? other.columns : other.rows
    var c = Matrix(rows: m, columns: n)
    try Matrix.multiply(self, transposeSelf, other, transposeOther, into: &c)
    return c
  }

  /// Computes `y ← alpha·op(A)·x + beta·y` in place, without allocating (BLAS `gemv`).
  ///
  /// - Parameters:
  ///   - a: the matrix; `op(a)` is `m × n`.
  ///   - trans: whether to use `a` or its transpose.
  ///   - x: a vector of `n` elements.
  ///   - alpha: scale of the product (default 1).
  ///   - beta: scale of the previous `y` (default 0; then `y` is not read).
  ///   - y: a vector of `m` elements, overwritten.
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if `x` or `y` has the
  ///   wrong length; ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(m·n).
  @inlinable
  public static func multiply(
    _ a: Matrix, _ trans: Transpose = .none, vector x: [Scalar],
    alpha: Scalar = 1, beta: Scalar = 0, into y: inout [Scalar]
  ) throws(LinalgError) {
    a.checkStorage("multiply(vector:)")
    let (m, n) = trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    guard x.count == n else {
      throw .dimensionMismatch(
        operation: "multiply(vector:)", expected: "x of length \(n) for op(A) \(shapeString(m, n))",
        got: "length \(x.count)")
    }
    guard y.count == m else {
      throw .dimensionMismatch(
        operation: "multiply(vector:)", expected: "y of length \(m) for op(A) \(shapeString(m, n))",
        got: "length \(y.count)")
    }
    if m == 0 { return }
    if n == 0 {  // empty sum; reference BLAS returns without scaling y here
      y.scaleElements(by: beta)
      return
    }
    let (rows, columns, lda) = (a.rows, a.columns, a.leadingDimension)
    try a.storage.withBase { (pa) throws(LinalgError) in
      try x.withBase { (px) throws(LinalgError) in
        try y.withMutableBase { (py) throws(LinalgError) in
          try Scalar.gemv(
            trans, m: rows, n: columns, alpha: alpha, a: pa, lda: lda, x: px, incx: 1,
            beta: beta, y: py, incy: 1)
        }
      }
    }
  }

  /// The product `op(self)·x` as a new vector (BLAS `gemv`).
  ///
  /// - Parameters:
  ///   - x: a vector with as many elements as `op(self)` has columns.
  ///   - transpose: whether to use `self` or its transpose (default as stored).
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if `x` has the wrong
  ///   length; ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(rows·columns).
  @inlinable
  public func multiplied(byVector x: [Scalar], transpose: Transpose = .none) throws(LinalgError) -> [Scalar] {
    var y = [Scalar](repeating: 0, count: transpose == .none ? rows : columns)
    try Matrix.multiply(self, transpose, vector: x, into: &y)
    return y
  }
}
