import Foundation
import Linalg

/// scikit-learn's L2-penalised logistic loss, scaled by 1/n as `LinearModelLoss` does:
/// ```
/// binary (one logit z = Xw + b, t ∈ {0, 1}):
///   f = (1/n) Σᵢ [log(1 + e^{zᵢ}) − tᵢzᵢ] + ‖w‖² / (2Cn)
///   ∇_w = Xᵀ(σ(z) − t)/n + w/(Cn),   ∇_b = Σᵢ (σ(zᵢ) − tᵢ)/n
/// multinomial (K logits Z = XWᵀ + 1bᵀ, one-hot T):
///   f = (1/n) Σᵢ [logΣₖ e^{Z_ik} − Z_{i,yᵢ}] + ‖W‖²_F / (2Cn)
///   ∇_W = (P − T)ᵀX/n + W/(Cn),      ∇_b = 1ᵀ(P − T)/n,   P = softmax(Z) by row
/// ```
/// The intercept is not penalised. Products go through BLAS `gemm`/`gemv`. Parameters are one
/// flat vector: W row-major (`logits × d`), then the `logits` intercepts.
struct LogisticLoss {
  let x: Matrix<Double>
  let y: [Int]
  /// 1 (binary) or the class count K (multinomial).
  let logits: Int
  let c: Double

  /// f and ∇f at the flat parameter vector `theta`.
  func valueAndGradient(_ theta: [Double]) throws(ModelError) -> (value: Double, gradient: [Double]) {
    let (n, d, k) = (x.rows, x.columns, logits)
    let w = Matrix(rows: k, columns: d, storage: Array(theta[0..<(k * d)]))
    let b = theta[(k * d)...]
    var z = zeros(n, k)
    try linalg { () throws(LinalgError) in try Matrix.multiply(x, .none, w, .transposed, into: &z) }
    var loss = 0.0
    // Residuals r = (P − T)/n, stored in z.
    if k == 1 {
      for i in 0..<n {
        let zi = z.storage[i] + b[b.startIndex]
        let t = Double(y[i])
        loss += max(zi, 0) + log1p(exp(-abs(zi))) - t * zi
        z.storage[i] = (1 / (1 + exp(-zi)) - t) / Double(n)
      }
    } else {
      z.storage.withUnsafeMutableBufferPointer { zp in
        for i in 0..<n {
          var top = -Double.infinity
          for j in 0..<k {
            zp[i * k + j] += b[b.startIndex + j]
            top = max(top, zp[i * k + j])
          }
          var sum = 0.0
          for j in 0..<k { sum += exp(zp[i * k + j] - top) }
          let logNormaliser = top + log(sum)
          loss += logNormaliser - zp[i * k + y[i]]
          for j in 0..<k {
            zp[i * k + j] = (exp(zp[i * k + j] - logNormaliser) - (j == y[i] ? 1 : 0)) / Double(n)
          }
        }
      }
    }
    var gradW = w
    let penalty = 1 / (c * Double(n))
    try linalg { () throws(LinalgError) in
      try Matrix.multiply(z, .transposed, x, .none, alpha: 1, beta: penalty, into: &gradW)
    }
    var gradB = [Double](repeating: 0, count: k)
    for i in 0..<n {
      for j in 0..<k { gradB[j] += z.storage[i * k + j] }
    }
    let squaredNorm = w.storage.reduce(0) { $0 + $1 * $1 }
    return (loss / Double(n) + 0.5 * penalty * squaredNorm, gradW.storage + gradB)
  }
}
