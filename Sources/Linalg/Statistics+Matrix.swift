// Covariance and correlation matrices through one gemm.

extension Statistics {
  /// The covariance matrix of the columns of `x`, as numpy's `cov(x, rowvar=False, ddof=ddof)`.
  ///
  /// Centres each column, then computes `Xcᵀ·Xc / (n − ddof)` with one BLAS `gemm`.
  /// - Parameters:
  ///   - x: an `n × d` matrix, rows are observations and columns variables.
  ///   - ddof: delta degrees of freedom, ≥ 0 (default 1).
  /// - Returns: the `d × d` covariance matrix; all NaN when `n ≤ ddof`.
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a dimension exceeds `Int32.max`.
  /// - Complexity: O(n·d²).
  public static func covarianceMatrix(_ x: Matrix<Double>, ddof: Int = 1) throws(LinalgError) -> Matrix<Double> {
    precondition(ddof >= 0, "Statistics.covarianceMatrix: ddof must be non-negative, got \(ddof)")
    let d = x.columns
    guard x.rows > ddof else { return Matrix(rows: d, columns: d, repeating: .nan) }
    var product = Matrix<Double>(rows: d, columns: d)
    let centred = centredColumns(x)
    try Matrix.multiply(centred, .transposed, centred, alpha: 1 / Double(x.rows - ddof), into: &product)
    return product
  }

  /// The Pearson correlation matrix of the columns of `x`, as numpy's `corrcoef(x, rowvar=False)`.
  ///
  /// `rᵢⱼ = cᵢⱼ / √(cᵢᵢ·cⱼⱼ)` from the cross-products `c = Xcᵀ·Xc` of the centred columns (one
  /// BLAS `gemm`), clipped to [−1, 1]. A constant column has `cᵢᵢ = 0`, so its row and column
  /// (diagonal included) are NaN, as in numpy.
  /// - Parameter x: an `n × d` matrix, rows are observations and columns variables.
  /// - Returns: the `d × d` correlation matrix.
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if a dimension exceeds `Int32.max`.
  /// - Complexity: O(n·d²).
  public static func correlationMatrix(_ x: Matrix<Double>) throws(LinalgError) -> Matrix<Double> {
    let d = x.columns
    let centred = centredColumns(x)
    var c = Matrix<Double>(rows: d, columns: d)
    try Matrix.multiply(centred, .transposed, centred, into: &c)
    let scale = (0..<d).map { c[$0, $0].squareRoot() }
    for i in 0..<d {
      for j in 0..<d {
        let r = c[i, j] / scale[i] / scale[j]
        c[i, j] = r.isNaN ? r : Swift.min(1, Swift.max(-1, r))
      }
    }
    return c
  }

  /// Each column's mean and variance (ddof 0), every column summed in row order as
  /// `Statistics.variance(x.column(j), ddof: 0)` sums it, but walking the rows in memory order
  /// without copying columns.
  /// - Parameter x: an `n × d` matrix, n ≥ 1.
  /// - Returns: `d` means and `d` variances (NaN for no rows).
  /// - Complexity: O(n·d), two passes.
  public static func columnMeansAndVariances(_ x: Matrix<Double>) -> (means: [Double], variances: [Double]) {
    let (n, d) = (x.rows, x.columns)
    var means = [Double](repeating: 0, count: d)
    var variances = [Double](repeating: 0, count: d)
    x.storage.withUnsafeBufferPointer { xBuffer in
      means.withUnsafeMutableBufferPointer { mBuffer in
        variances.withUnsafeMutableBufferPointer { vBuffer in
          guard let p = xBuffer.baseAddress, let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
          for i in 0..<n { for j in 0..<d { m[j] += p[i * d + j] } }
          for j in 0..<d { m[j] /= Double(n) }
          for i in 0..<n {
            for j in 0..<d {
              let r = p[i * d + j] - m[j]
              v[j] += r * r
            }
          }
          for j in 0..<d { v[j] /= Double(n) }
        }
      }
    }
    return (means, variances)
  }

  /// `x` with each column's mean subtracted (an empty-row matrix stays as it is).
  private static func centredColumns(_ x: Matrix<Double>) -> Matrix<Double> {
    var centred = x
    guard x.rows > 0 else { return centred }
    let (n, d) = (x.rows, x.columns)
    var means = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for j in 0..<d { means[j] += x.storage[i * d + j] }
    }
    for j in 0..<d { means[j] /= Double(n) }
    for i in 0..<n {
      for j in 0..<d { centred.storage[i * d + j] -= means[j] }
    }
    return centred
  }
}
