// A Cholesky factorisation kept for repeated solves (LAPACK potrf + potrs).

/// The Cholesky factorisation `A = L·Lᵀ` (or `Uᵀ·U`) of a symmetric positive-definite matrix, for solving `A·X = B`.
///
/// Factorise once (O(n³/3)), then each `solve(_:)` costs O(n²) per right-hand side.
public struct Cholesky<Scalar: BLASScalar>: Sendable {
  /// The triangular factor: `L` (lower) or `U` (upper), with the other triangle zero.
  public let factor: Matrix<Scalar>
  /// Which triangle ``factor`` occupies.
  public let triangle: Triangle

  /// Factorises `a` (LAPACK `potrf`).
  ///
  /// - Parameters:
  ///   - a: a symmetric positive-definite `n × n` matrix; only `triangle` is read.
  ///   - triangle: which factor to keep (default `.lower`).
  /// - Throws: ``LinalgError/notSquare(rows:columns:)``, ``LinalgError/nonFinite(operation:)``,
  ///   ``LinalgError/notPositiveDefinite(minor:)`` (with the order of the failing leading minor),
  ///   ``LinalgError/tooLarge(dimension:)``.
  public init(_ a: Matrix<Scalar>, triangle: Triangle = .lower) throws(LinalgError) {
    self.factor = try a.choleskyFactor(triangle: triangle)
    self.triangle = triangle
  }

  /// The order `n` of the factorised matrix.
  public var dimension: Int { factor.rows }

  /// Solves `A·X = B` for `X` (LAPACK `potrs`).
  ///
  /// - Parameter b: the `n × k` right-hand sides, one per column (k ≥ 0).
  /// - Returns: the `n × k` solution.
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if `b` does not have
  ///   `n` rows; ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(n²·k).
  public func solve(_ b: Matrix<Scalar>) throws(LinalgError) -> Matrix<Scalar> {
    b.checkStorage("Cholesky.solve")
    let n = dimension
    guard b.rows == n else {
      throw .dimensionMismatch(
        operation: "Cholesky.solve", expected: "B with \(n) rows", got: "B \(shapeString(b.rows, b.columns))")
    }
    var x = b
    if n == 0 || b.columns == 0 { return x }
    let (nrhs, lda, ldb, triangle) = (b.columns, factor.leadingDimension, b.leadingDimension, triangle)
    let info = try factor.storage.withBase { (pa) throws(LinalgError) in
      try x.storage.withMutableBase { (pb) throws(LinalgError) in
        try Scalar.potrs(triangle, n: n, nrhs: nrhs, a: pa, lda: lda, b: pb, ldb: ldb)
      }
    }
    if info != 0 { throw .unexpected("potrs", info: info) }
    return x
  }

  /// Solves `A·x = b` for one right-hand side (LAPACK `potrs`).
  ///
  /// - Parameter b: a vector of `n` elements.
  /// - Returns: the solution `x`, `n` elements.
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if `b` does not have
  ///   `n` elements; ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(n²).
  public func solve(_ b: [Scalar]) throws(LinalgError) -> [Scalar] {
    guard b.count == dimension else {
      throw .dimensionMismatch(
        operation: "Cholesky.solve", expected: "b of length \(dimension)", got: "length \(b.count)")
    }
    return try solve(Matrix(rows: b.count, columns: 1, storage: b)).storage
  }

  /// `log det A = 2·Σ log dᵢᵢ` over the diagonal of the factor (finite for any SPD `A`; 0 when n = 0).
  ///
  /// Accumulated in `Double`, so it neither overflows nor underflows where `det A` itself would.
  public var logDeterminant: Scalar {
    var sum = 0.0
    for i in 0..<dimension { sum += _log(Double(factor[i, i])) }
    return Scalar(2 * sum)
  }
}
