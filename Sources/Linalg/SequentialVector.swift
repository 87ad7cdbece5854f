/// Vector kernels on `[Double]` summed strictly left to right, for the iterative solvers
/// (``LBFGS``, ``Lanczos``) whose results must not depend on the BLAS kernel family.
///
/// They are O(n) and scalar on purpose: a BLAS `ddot` blocks its sum differently per CPU
/// kernel, which would change the solvers' iterates in the last bits.
enum SequentialVector {
  /// `Σ aᵢbᵢ`, summed in index order; `a` and `b` have the same length.
  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
  }

  /// `y ← y + alpha·x`; `x` and `y` have the same length.
  static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    for i in y.indices { y[i] += alpha * x[i] }
  }

  /// `max |xᵢ|` (0 for an empty vector).
  static func maxAbs(_ x: [Double]) -> Double { x.reduce(0) { max($0, abs($1)) } }
}
