// Symmetric eigen-decomposition (LAPACK syevd).

extension Matrix {
  /// The eigenvalues and eigenvectors of this symmetric matrix (LAPACK `syevd`, divide and conquer).
  ///
  /// `A = V·diag(λ)·Vᵀ` with `V` orthogonal. Only `triangle` of `self` is read.
  /// - Parameter triangle: which triangle holds the matrix (default `.lower`).
  /// - Returns: `values`, the `n` eigenvalues in ascending order, and `vectors`, the `n × n`
  ///   matrix whose column `j` is the unit eigenvector of `values[j]`.
  /// - Throws: ``LinalgError/notSquare(rows:columns:)`` if the matrix is not square;
  ///   ``LinalgError/nonFinite(operation:)`` if `triangle` holds NaN or infinity;
  ///   ``LinalgError/eigenNotConverged(info:)`` if LAPACK does not converge;
  ///   ``LinalgError/tooLarge(dimension:)`` beyond `Int32.max`.
  /// - Complexity: O(n³).
  public func symmetricEigen(triangle: Triangle = .lower) throws(LinalgError) -> (values: [Scalar], vectors: Matrix) {
    var vectors = self
    let values = try Matrix.syevd(&vectors, computeVectors: true, triangle: triangle)
    return (values, vectors)
  }

  /// The eigenvalues of this symmetric matrix in ascending order, without eigenvectors (LAPACK `syevd`).
  ///
  /// - Parameter triangle: which triangle holds the matrix (default `.lower`).
  /// - Throws: as ``symmetricEigen(triangle:)``.
  /// - Complexity: O(n³), about a third of the cost of ``symmetricEigen(triangle:)``.
  public func symmetricEigenvalues(triangle: Triangle = .lower) throws(LinalgError) -> [Scalar] {
    var work = self
    return try Matrix.syevd(&work, computeVectors: false, triangle: triangle)
  }

  /// The numerical rank of this symmetric matrix, as numpy's `matrix_rank`: the number of
  /// singular values (here the eigenvalues' magnitudes) above `σ_max · n · ε`.
  ///
  /// Use it instead of the sign or size of a computed determinant to decide singularity: a
  /// matrix that is singular in exact arithmetic has a determinant of rounding noise whose sign
  /// and size change with the BLAS kernel, while its smallest singular value stays far below
  /// the tolerance (and a well-conditioned one's far above it).
  /// - Parameter triangle: which triangle holds the matrix (default `.lower`).
  /// - Returns: the rank, 0…n (0 for the zero matrix and for n = 0).
  /// - Throws: as ``symmetricEigen(triangle:)``.
  /// - Complexity: O(n³), one ``symmetricEigenvalues(triangle:)``.
  public func symmetricNumericalRank(triangle: Triangle = .lower) throws(LinalgError) -> Int {
    let magnitudes = try symmetricEigenvalues(triangle: triangle).map { abs($0) }
    guard let largest = magnitudes.max(), largest > 0 else { return 0 }
    let tolerance = largest * Scalar(rows) * Scalar.ulpOfOne
    return magnitudes.filter { $0 > tolerance }.count
  }

  /// Validates, then calls `syevd` on `a` in place and maps its `info`.
  private static func syevd(_ a: inout Matrix, computeVectors: Bool, triangle: Triangle) throws(LinalgError) -> [Scalar] {
    a.checkStorage("symmetricEigen")
    guard a.rows == a.columns else { throw .notSquare(rows: a.rows, columns: a.columns) }
    guard a.triangleIsFinite(triangle) else { throw .nonFinite(operation: "symmetricEigen") }
    let (n, lda) = (a.rows, a.leadingDimension)
    var values = [Scalar](repeating: 0, count: n)
    if n == 0 { return values }
    let info = try a.storage.withMutableBase { (pa) throws(LinalgError) in
      try values.withMutableBase { (pw) throws(LinalgError) in
        try Scalar.syevd(computeVectors: computeVectors, triangle, n: n, a: pa, lda: lda, w: pw)
      }
    }
    if info > 0 { throw .eigenNotConverged(info: info) }
    if info < 0 { throw .unexpected("syevd", info: info) }
    return values
  }
}
