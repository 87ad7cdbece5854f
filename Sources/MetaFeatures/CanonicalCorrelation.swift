import Linalg

/// Canonical correlations between the numeric view N and the one-hot class matrix.
///
/// ρᵢ are the singular values of `Wₓᵀ Sₓᵧ Wᵧ`, where `S` are the covariance blocks of the
/// standardised columns and `W = V Λ^{-1/2}` whitens each block over its eigenvalues above
/// 1e-10 × the largest (so rank-deficient blocks, e.g. dummy columns, are handled). Only the
/// min(rank N, k − 1) correlations that exist are returned, as pymfe's loop that stops at the
/// first all-zero component.
///
/// pymfe 0.4.4 gets these from scikit-learn's iterative `CCA(max_iter=500)` (NIPALS, tol 1e-6);
/// where that iteration stops early (several classes) its values differ from the exact ones
/// here by up to ~1e-5 relative.
enum CanonicalCorrelation {
  /// The canonical correlations, largest first.
  ///
  /// - Parameters:
  ///   - columns: the columns of N, each of length n.
  ///   - y: class codes 0..<k, one per row.
  ///   - k: the number of classes.
  /// - Throws: `LinalgError` when an eigendecomposition fails.
  static func correlations(_ columns: [[Double]], classes y: [Int], classCount k: Int) throws(LinalgError) -> [Double] {
    let n = y.count
    guard n > 1, k > 1, !columns.isEmpty else { return [] }
    var indicators = [[Double]](repeating: [Double](repeating: 0, count: n), count: k)
    for i in 0..<n { indicators[y[i]][i] = 1 }
    // [standardised N | standardised one-hot y], row-major.
    let px = columns.count
    let width = px + k
    var joint = [Double](repeating: 0, count: n * width)
    joint.withUnsafeMutableBufferPointer { out in
      for (j, col) in (columns + indicators).enumerated() { standardise(col, into: out, column: j, width: width) }
    }
    let py = k
    let cov = try Statistics.covarianceMatrix(Matrix(rows: n, columns: width, storage: joint))
    let sxx = block(cov, 0..<px, 0..<px)
    let syy = block(cov, px..<(px + py), px..<(px + py))
    let sxy = block(cov, 0..<px, px..<(px + py))
    let wx = try whitener(sxx)
    let wy = try whitener(syy)
    guard wx.columns > 0, wy.columns > 0 else { return [] }
    let m = try wx.multiplied(by: try sxy.multiplied(by: wy), transposeSelf: .transposed)
    // Singular values of m through the eigenvalues of the smaller Gram matrix.
    let gram =
      m.rows <= m.columns
      ? try m.multiplied(by: m, transposeOther: .transposed)
      : try m.multiplied(by: m, transposeSelf: .transposed)
    let eig = try gram.symmetricEigenvalues().sorted(by: >)
    let count = Swift.min(wx.columns, wy.columns)
    return eig.prefix(count).map { Swift.min(1, Swift.max(0, $0).squareRoot()) }
  }

  /// Writes `col` centred and divided by its sample sd (a constant column stays at zero) into
  /// column `j` of the row-major `out` with `width` columns.
  private static func standardise(_ col: [Double], into out: UnsafeMutableBufferPointer<Double>, column j: Int, width: Int) {
    let mean = SpecialisedMoments.mean(col)
    var sd = SpecialisedMoments.standardDeviation(col, ddof: 1)
    if !(sd > 0) { sd = 1 }
    for i in col.indices { out[i * width + j] = (col[i] - mean) / sd }
  }

  private static func block(_ a: Matrix<Double>, _ r: Range<Int>, _ c: Range<Int>) -> Matrix<Double> {
    var out = Matrix<Double>(rows: r.count, columns: c.count)
    for (i, ii) in r.enumerated() {
      for (j, jj) in c.enumerated() { out[i, j] = a[ii, jj] }
    }
    return out
  }

  /// V Λ^{-1/2} over the eigenvalues above 1e-10 × the largest.
  private static func whitener(_ s: Matrix<Double>) throws(LinalgError) -> Matrix<Double> {
    let (values, vectors) = try s.symmetricEigen()
    let top = values.max() ?? 0
    let keep = values.indices.filter { values[$0] > top * 1e-10 && values[$0] > 0 }
    var w = Matrix<Double>(rows: s.rows, columns: keep.count)
    for (c, k) in keep.enumerated() {
      let scale = 1 / values[k].squareRoot()
      for i in 0..<s.rows { w[i, c] = vectors[i, k] * scale }
    }
    return w
  }
}
