import Foundation
import Linalg
import Probes

/// f(w) = ½wᵀAw + bᵀw in Double: ∇f = Aw + b, Hessian A (symmetric).
struct QuadraticLoss: DifferentiableLoss {
  typealias Scalar = Double
  let a: Matrix<Double>
  let b: [Double]

  var parameterCount: Int { b.count }

  func lossAndGradient(at w: [Double]) throws(ProbeError) -> (loss: Double, gradient: [Double]) {
    guard w.count == b.count else { throw .dimensionMismatch(what: "w", expected: b.count, got: w.count) }
    var g = b
    var value = 0.0
    for i in 0..<b.count {
      var aw = 0.0
      for j in 0..<b.count { aw += a[i, j] * w[j] }
      g[i] += aw
      value += 0.5 * w[i] * aw + b[i] * w[i]
    }
    return (value, g)
  }

  /// A = Q·diag(λ)·Qᵀ with Q a random orthogonal matrix (QR of a Gaussian by Gram–Schmidt), or
  /// diag(λ) when `rotated` is false.
  static func withSpectrum(_ lambda: [Double], rotated: Bool, seed: UInt64) -> QuadraticLoss {
    let n = lambda.count
    var generator = SeededGenerator(seed: seed)
    var q = [[Double]]()
    for i in 0..<n {
      var v = rotated ? (0..<n).map { _ in generator.normal() } : (0..<n).map { $0 == i ? 1.0 : 0.0 }
      for _ in 0..<2 {
        for u in q {
          let c = zip(v, u).reduce(0) { $0 + $1.0 * $1.1 }
          for k in 0..<n { v[k] -= c * u[k] }
        }
      }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      q.append(v.map { $0 / norm })
    }
    var a = Matrix<Double>(rows: n, columns: n)
    for i in 0..<n { for j in 0..<n { a[i, j] = (0..<n).reduce(0) { $0 + q[$1][i] * lambda[$1] * q[$1][j] } } }
    let b = (0..<n).map { _ in generator.normal() }
    return QuadraticLoss(a: a, b: b)
  }
}

/// L2-regularised logistic regression in Double, labels in {0, 1}:
/// f(w) = (1/n)·Σ [log(1 + e^{xᵢᵀw}) − yᵢ·xᵢᵀw] + (λ/2)·‖w‖²,
/// ∇f = Xᵀ(σ(Xw) − y)/n + λw, Hessian XᵀDX/n + λI with D = diag(σᵢ(1 − σᵢ)).
struct LogisticLoss: DifferentiableLoss {
  typealias Scalar = Double
  let x: Matrix<Double>
  let y: [Double]
  let lambda: Double

  var parameterCount: Int { x.columns }

  func lossAndGradient(at w: [Double]) throws(ProbeError) -> (loss: Double, gradient: [Double]) {
    guard w.count == x.columns else { throw .dimensionMismatch(what: "w", expected: x.columns, got: w.count) }
    let n = Double(x.rows)
    var value = 0.0
    var g = w.map { lambda * $0 }
    for i in 0..<x.rows {
      var z = 0.0
      for j in 0..<x.columns { z += x[i, j] * w[j] }
      value += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - y[i] * z
      let s = 1 / (1 + exp(-z))
      for j in 0..<x.columns { g[j] += (s - y[i]) * x[i, j] / n }
    }
    value = value / n + 0.5 * lambda * w.reduce(0) { $0 + $1 * $1 }
    return (value, g)
  }

  /// The analytic Hessian XᵀDX/n + λI.
  func hessian(at w: [Double]) -> Matrix<Double> {
    let d = x.columns
    var h = Matrix<Double>(rows: d, columns: d)
    for i in 0..<x.rows {
      var z = 0.0
      for j in 0..<d { z += x[i, j] * w[j] }
      let s = 1 / (1 + exp(-z))
      let weight = s * (1 - s) / Double(x.rows)
      for j in 0..<d { for k in 0..<d { h[j, k] += weight * x[i, j] * x[i, k] } }
    }
    for j in 0..<d { h[j, j] += lambda }
    return h
  }

  /// A random problem: n rows of d Gaussian features with varied scales, labels from a noisy
  /// linear rule; `w` a random point near the solution.
  static func random(rows n: Int, features d: Int, lambda: Double, seed: UInt64) -> (loss: LogisticLoss, w: [Double]) {
    var generator = SeededGenerator(seed: seed)
    let scales = (0..<d).map { 0.3 + 2.0 * Double($0) / Double(max(d - 1, 1)) }
    let x = Matrix<Double>(rows: n, columns: d, storage: (0..<(n * d)).map { generator.normal() * scales[$0 % d] })
    let truth = (0..<d).map { _ in generator.normal() }
    let y = (0..<n).map { i -> Double in
      let z = (0..<d).reduce(0.0) { $0 + x[i, $1] * truth[$1] } + generator.normal()
      return z > 0 ? 1 : 0
    }
    let w = truth.map { 0.5 * $0 + 0.1 * generator.normal() }
    return (LogisticLoss(x: x, y: y, lambda: lambda), w)
  }
}
