import Foundation
import Linalg

/// The kernel of a ``SupportVectorClassifier``, with scikit-learn's `SVC` names and defaults.
///
/// ```
/// linear:   K(x, z) = x·z
/// rbf:      K(x, z) = exp(−γ‖x − z‖²)           (sklearn default kernel)
/// poly:     K(x, z) = (γ·x·z + coef0)^degree      (sklearn degree 3, coef0 0)
/// sigmoid:  K(x, z) = tanh(γ·x·z + coef0)
/// ```
public enum SVMKernel: Sendable, Equatable {
  /// `K(x, z) = x·z`.
  case linear
  /// `K(x, z) = exp(−γ‖x − z‖²)`, sklearn's default.
  case rbf(gamma: SVMGamma = .scale)
  /// `K(x, z) = (γ·x·z + coef0)^degree`; sklearn's defaults are degree 3, coef0 0.
  case poly(degree: Int = 3, gamma: SVMGamma = .scale, coef0: Double = 0)
  /// `K(x, z) = tanh(γ·x·z + coef0)`; sklearn's default coef0 is 0.
  case sigmoid(gamma: SVMGamma = .scale, coef0: Double = 0)
}

/// The kernel coefficient γ of a ``SVMKernel``, as scikit-learn's `gamma` argument.
///
/// ```
/// scale:  γ = 1 / (n_features · Var(X))   (sklearn default; Var over all entries of X, ddof 0)
/// auto:   γ = 1 / n_features
/// value:  γ as given (> 0)
/// ```
/// If `Var(X)` is 0, `scale` gives γ = 1, as scikit-learn does.
public enum SVMGamma: Sendable, Equatable {
  /// `1 / (n_features · X.var())`, sklearn's default `"scale"`.
  case scale
  /// `1 / n_features`, sklearn's `"auto"`.
  case auto
  /// A fixed γ > 0.
  case value(Double)
}

/// A kernel with its γ resolved against the training data; evaluates blocks of kernel values.
struct ResolvedKernel: Sendable {
  enum Kind: Sendable { case linear, rbf, poly, sigmoid }
  let kind: Kind
  let gamma: Double
  let degree: Int
  let coef0: Double

  /// Resolves `kernel` against the training matrix `x` (γ = "scale" needs Var(X)).
  init(_ kernel: SVMKernel, trainingData x: Matrix<Double>) {
    func resolve(_ g: SVMGamma) -> Double {
      switch g {
      case .value(let v): return v
      case .auto: return 1 / Double(x.columns)
      case .scale:
        let n = Double(x.storage.count)
        let mean = x.storage.reduce(0, +) / n
        let variance = x.storage.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return variance > 0 ? 1 / (Double(x.columns) * variance) : 1
      }
    }
    switch kernel {
    case .linear: (kind, gamma, degree, coef0) = (.linear, 0, 0, 0)
    case .rbf(let g): (kind, gamma, degree, coef0) = (.rbf, resolve(g), 0, 0)
    case .poly(let d, let g, let c): (kind, gamma, degree, coef0) = (.poly, resolve(g), d, c)
    case .sigmoid(let g, let c): (kind, gamma, degree, coef0) = (.sigmoid, resolve(g), 0, c)
    }
  }

  /// `K(x, x)` from the squared norm `‖x‖²`.
  func diagonal(squaredNorm s: Double) -> Double {
    transform(dot: s, squaredNormA: s, squaredNormB: s)
  }

  /// The kernel value from `x·z` and both squared norms.
  @inline(__always)
  func transform(dot: Double, squaredNormA: Double, squaredNormB: Double) -> Double {
    switch kind {
    case .linear: return dot
    case .rbf: return exp(-gamma * max(0, squaredNormA + squaredNormB - 2 * dot))
    case .poly: return pow(gamma * dot + coef0, Double(degree))
    case .sigmoid: return tanh(gamma * dot + coef0)
    }
  }

  /// The kernel block `K[i, j] = K(aᵢ, bⱼ)`, its dot products from one BLAS `gemm`.
  ///
  /// - Complexity: O(a.rows · b.rows · columns).
  func block(
    _ a: Matrix<Double>, _ aNorms: [Double], _ b: Matrix<Double>, _ bNorms: [Double]
  ) throws(ModelError) -> Matrix<Double> {
    var k = zeros(a.rows, b.rows)
    try linalg { () throws(LinalgError) in try Matrix.multiply(a, .none, b, .transposed, into: &k) }
    if kind == .linear { return k }
    let n = b.rows
    k.storage.withUnsafeMutableBufferPointer { p in
      for i in 0..<a.rows {
        for j in 0..<n {
          p[i * n + j] = transform(
            dot: p[i * n + j], squaredNormA: aNorms[i], squaredNormB: bNorms[j])
        }
      }
    }
    return k
  }
}
