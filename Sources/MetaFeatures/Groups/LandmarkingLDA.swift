import Foundation
import Linalg

/// scikit-learn's `LinearDiscriminantAnalysis()` (solver `"svd"`, `tol=1e-4`, priors from the
/// class frequencies), fitted and applied to predict, as pymfe's `linear_discr` landmarker uses it.
///
/// With class means μ_c, priors π_c and x̄ = Σ π_c μ_c:
/// 1. Xc = rows minus their class mean; s = per-column sd of Xc (0 → 1);
///    X = √(1/n) · Xc / s (scikit-learn ≥ 1.6), with right singular vectors V and values S (kept where S > tol);
///    W = (V / s) / S (p × r).
/// 2. B = √(n π_c /(k − 1)) (μ_c − x̄) W, whose right singular vectors V₂ are kept where
///    S₂ > tol · S₂[0]; W₂ = W V₂.
/// 3. coef = (μ − x̄) W₂ W₂ᵀ; intercept_c = −½‖(μ_c − x̄) W₂‖² + log π_c − x̄·coef_c;
///    the prediction is the class with the largest x·coef_c + intercept_c; with two classes,
///    class 1 when x·(coef₁ − coef₀) + (intercept₁ − intercept₀) > 0, as scikit-learn reduces it.
///
/// The singular values and vectors come from LAPACK's `syevd` on the Gram matrices XᵀX and BᵀB
/// (S² = eigenvalues), which gives the same decision function as scikit-learn's SVD up to
/// rounding. Classes absent from the training rows are never predicted, as in scikit-learn.
enum LinearDiscriminant {
  struct Fitted {
    let classes: [Int]
    /// p × k' coefficients (column per present class).
    let coef: Matrix<Double>
    let intercept: [Double]

    func predict(_ x: Matrix<Double>) throws(LinalgError) -> [Int] {
      let k = classes.count
      if k == 2 {
        let p = coef.rows
        let direction = (0..<p).map { coef[$0, 1] - coef[$0, 0] }
        let scores = try x.multiplied(byVector: direction)
        let offset = intercept[1] - intercept[0]
        return scores.map { $0 + offset > 0 ? classes[1] : classes[0] }
      }
      let scores = try x.multiplied(by: coef)
      return (0..<x.rows).map { i in
        var best = 0
        for c in 1..<Swift.max(k, 1) where scores.storage[i * k + c] + intercept[c] > scores.storage[i * k + best] + intercept[best] {
          best = c
        }
        return classes[best]
      }
    }
  }

  enum FitError: Error {
    case tooFewRows
    case linearAlgebra
  }

  /// Fits on `x` (n × p) and labels `y` (class codes ≥ 0); throws when n ≤ k or LAPACK fails.
  static func fit(_ x: Matrix<Double>, _ y: [Int], tol: Double = 1e-4) throws(FitError) -> Fitted {
    let (n, p) = (x.rows, x.columns)
    // Labels are class codes ≥ 0; `code[label]` numbers the present ones in ascending order.
    let labelBound = (y.max() ?? -1) + 1
    var code = [Int](repeating: -1, count: labelBound)
    for label in y { code[label] = 0 }
    var classes: [Int] = []
    for label in 0..<labelBound where code[label] >= 0 {
      code[label] = classes.count
      classes.append(label)
    }
    let k = classes.count
    if k == 1 {
      // scikit-learn ≥ 1.6 fits a single class and always predicts it.
      return Fitted(classes: classes, coef: Matrix(rows: p, columns: 1), intercept: [0])
    }
    guard n > k else { throw .tooFewRows }
    let rowClass = y.map { code[$0] }
    var counts = [Double](repeating: 0, count: k)
    var means = Matrix<Double>(rows: k, columns: p)
    for i in 0..<n {
      let c = rowClass[i]
      counts[c] += 1
      for j in 0..<p { means.storage[c * p + j] += x.storage[i * p + j] }
    }
    for c in 0..<k { for j in 0..<p { means.storage[c * p + j] /= counts[c] } }
    let priors = counts.map { $0 / Double(n) }
    var xbar = [Double](repeating: 0, count: p)
    for c in 0..<k { for j in 0..<p { xbar[j] += priors[c] * means.storage[c * p + j] } }
    // 1) within-class scaling
    var centred = Matrix<Double>(rows: n, columns: p)
    for i in 0..<n {
      let c = rowClass[i]
      for j in 0..<p { centred.storage[i * p + j] = x.storage[i * p + j] - means.storage[c * p + j] }
    }
    // Column standard deviations of `centred` (numpy's `std` along axis 0, 1 where 0).
    let sd = Statistics.columnMeansAndVariances(centred).variances.map { $0 == 0 ? 1 : $0.squareRoot() }
    let scale = (1 / Double(n)).squareRoot()
    centred.storage.withUnsafeMutableBufferPointer { c in
      for i in 0..<n { for j in 0..<p { c[i * p + j] = scale * c[i * p + j] / sd[j] } }
    }
    guard let (s1, v1) = try? rightSingular(centred) else { throw .linearAlgebra }
    let rank1 = s1.filter { $0 > tol }.count
    var w = Matrix<Double>(rows: p, columns: rank1)
    for r in 0..<rank1 { for j in 0..<p { w[j, r] = v1[j, r] / sd[j] / s1[r] } }
    // 2) between-class scaling
    let fac = 1 / Double(k - 1)
    var diff = Matrix<Double>(rows: k, columns: p)
    for c in 0..<k { for j in 0..<p { diff.storage[c * p + j] = means.storage[c * p + j] - xbar[j] } }
    var weighted = diff
    for c in 0..<k {
      let f = (Double(n) * priors[c] * fac).squareRoot()
      for j in 0..<p { weighted.storage[c * p + j] *= f }
    }
    guard rank1 > 0, let b = try? weighted.multiplied(by: w), let (s2, v2) = try? rightSingular(b) else {
      throw .linearAlgebra
    }
    let top = s2.first ?? 0
    let rank2 = s2.filter { $0 > tol * top }.count
    var v2kept = Matrix<Double>(rows: v2.rows, columns: rank2)
    for i in 0..<v2.rows { for r in 0..<rank2 { v2kept[i, r] = v2[i, r] } }
    guard let w2 = try? w.multiplied(by: v2kept), let projected = try? diff.multiplied(by: w2),
      let coefT = try? w2.multiplied(by: projected, transposeOther: .transposed)
    else { throw .linearAlgebra }
    // coefT: p × k
    var intercept = [Double](repeating: 0, count: k)
    for c in 0..<k {
      var sq = 0.0
      for r in 0..<rank2 { sq += projected[c, r] * projected[c, r] }
      var shift = 0.0
      for j in 0..<p { shift += xbar[j] * coefT[j, c] }
      intercept[c] = -0.5 * sq + log(priors[c]) - shift
    }
    return Fitted(classes: classes, coef: coefT, intercept: intercept)
  }

  /// Singular values (descending, ≥ 0) and right singular vectors (columns) of `a`, from the
  /// eigen-decomposition of AᵀA.
  static func rightSingular(_ a: Matrix<Double>) throws(LinalgError) -> ([Double], Matrix<Double>) {
    let gram = try a.multiplied(by: a, transposeSelf: .transposed)
    let (values, vectors) = try gram.symmetricEigen()
    let order = values.indices.sorted { values[$0] > values[$1] }
    let limit = Swift.min(a.rows, a.columns)
    var v = Matrix<Double>(rows: vectors.rows, columns: limit)
    var s: [Double] = []
    for (r, e) in order.prefix(limit).enumerated() {
      s.append(Swift.max(values[e], 0).squareRoot())
      for i in 0..<vectors.rows { v[i, r] = vectors[i, e] }
    }
    return (s, v)
  }
}
