import Foundation
import Linalg

/// Gaussian naive Bayes, scikit-learn's `GaussianNB` with its defaults (`var_smoothing=1e-9`,
/// priors from class frequencies).
///
/// ```
/// θ_cj = mean of feature j over class c,   σ²_cj = Var_c(x_j) (ddof 0) + ε,
/// ε = varSmoothing · maxⱼ Var(x_j)          (variance over all training rows)
/// log P(c | x) ∝ log π_c − ½ Σⱼ log(2π σ²_cj) − ½ Σⱼ (x_j − θ_cj)² / σ²_cj
/// ```
/// Probabilities normalise the joint log-likelihood by log-sum-exp. A class without training
/// rows has prior 0 and probability 0.
public struct GaussianNaiveBayes: Sendable, Equatable {
  /// The share of the largest feature variance added to every variance, ≥ 0
  /// (sklearn `var_smoothing` default 1e-9).
  public var varSmoothing: Double

  /// Creates a model with scikit-learn's default unless given.
  ///
  /// - Parameter varSmoothing: ≥ 0 (default 1e-9).
  public init(varSmoothing: Double = 1e-9) {
    self.varSmoothing = varSmoothing
  }

  /// Fits per-class means, variances and priors.
  ///
  /// - Parameters:
  ///   - x: `n × d` finite features (raw scale is fine; the model is scale-aware).
  ///   - y: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes (default `max(y) + 1`).
  /// - Returns: the fitted model.
  /// - Throws: ``ModelError`` for empty or non-finite `x`, mismatched `y`, a label out of range,
  ///   or a negative or non-finite `varSmoothing`.
  /// - Complexity: O(n·d).
  public func fit(_ x: Matrix<Double>, _ y: [Int], classCount: Int? = nil) throws(ModelError)
    -> Fitted
  {
    try require(
      varSmoothing >= 0 && varSmoothing.isFinite, "varSmoothing", varSmoothing, "varSmoothing ≥ 0")
    let count = try validateTrainingInput(x, y, classCount: classCount)
    let (n, d) = (x.rows, x.columns)
    var counts = [Int](repeating: 0, count: count)
    var means = zeros(count, d)
    for (i, label) in y.enumerated() {
      counts[label] += 1
      for j in 0..<d { means.storage[label * d + j] += x.storage[i * d + j] }
    }
    for c in 0..<count where counts[c] > 0 {
      for j in 0..<d { means.storage[c * d + j] /= Double(counts[c]) }
    }
    var variances = zeros(count, d)
    for (i, label) in y.enumerated() {
      for j in 0..<d {
        let r = x.storage[i * d + j] - means.storage[label * d + j]
        variances.storage[label * d + j] += r * r
      }
    }
    let epsilon = varSmoothing * Self.largestColumnVariance(x)
    for c in 0..<count {
      for j in 0..<d {
        variances.storage[c * d + j] =
          (counts[c] > 0 ? variances.storage[c * d + j] / Double(counts[c]) : 0) + epsilon
      }
    }
    return Fitted(
      classCount: count, means: means, variances: variances,
      priors: counts.map { Double($0) / Double(n) }, epsilon: epsilon)
  }

  /// maxⱼ Var(x_j) (ddof 0, `Statistics.columnMeansAndVariances`).
  static func largestColumnVariance(_ x: Matrix<Double>) -> Double {
    var largest = 0.0
    for v in Statistics.columnMeansAndVariances(x).variances { largest = max(largest, v) }
    return largest
  }

  /// A fitted ``GaussianNaiveBayes``.
  public struct Fitted: Sendable {
    /// The number of classes, `0..<classCount`.
    public let classCount: Int
    /// Per-class feature means θ, `classCount × d` (scikit-learn's `theta_`).
    public let means: Matrix<Double>
    /// Per-class smoothed variances σ², `classCount × d` (scikit-learn's `var_`).
    public let variances: Matrix<Double>
    /// Class priors π, the training class frequencies (scikit-learn's `class_prior_`).
    public let priors: [Double]
    /// The variance added to every variance, ε (scikit-learn's `epsilon_`).
    public let epsilon: Double

    /// The number of feature columns the model was fitted on.
    public var featureCount: Int { means.columns }

    /// The joint log-likelihood `log π_c + Σⱼ log N(x_j; θ_cj, σ²_cj)` of each row and class
    /// (scikit-learn's `predict_joint_log_proba`); −∞ for a class without training rows.
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: an `m × classCount` matrix.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    /// - Complexity: O(m·classCount·d). Summed directly, as scikit-learn does, rather than by
    ///   the gemm expansion `x²/σ² − 2xθ/σ² + θ²/σ²`, which cancels catastrophically when
    ///   σ² is ε-small (constant pixels in digits) and would cost the 1e-6 agreement.
    public func jointLogLikelihood(_ x: Matrix<Double>) throws(ModelError) -> Matrix<Double> {
      try validatePredictionInput(x, featureCount: featureCount)
      let (m, d, k) = (x.rows, featureCount, classCount)
      var out = zeros(m, k)
      for c in 0..<k {
        guard priors[c] > 0 else {
          for i in 0..<m { out.storage[i * k + c] = -.infinity }
          continue
        }
        var constant = log(priors[c])
        for j in 0..<d { constant -= 0.5 * log(2 * Double.pi * variances.storage[c * d + j]) }
        for i in 0..<m {
          var s = 0.0
          for j in 0..<d {
            let r = x.storage[i * d + j] - means.storage[c * d + j]
            s += r * r / variances.storage[c * d + j]
          }
          out.storage[i * k + c] = constant - 0.5 * s
        }
      }
      return out
    }

    /// Class probabilities, scikit-learn's `predict_proba`: `exp(jll − logΣ_c exp(jll_c))`.
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: an `m × classCount` matrix whose rows sum to 1.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func predictProbabilities(_ x: Matrix<Double>) throws(ModelError) -> Matrix<Double> {
      var jll = try jointLogLikelihood(x)
      let k = classCount
      for i in 0..<x.rows {
        let row = jll.storage[(i * k)..<((i + 1) * k)]
        let top = row.max() ?? 0
        let logNormaliser = top + log(row.reduce(0) { $0 + exp($1 - top) })
        for c in 0..<k { jll.storage[i * k + c] = exp(jll.storage[i * k + c] - logNormaliser) }
      }
      return jll
    }

    /// The class with the largest joint log-likelihood (ties to the lowest index).
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: `m` labels in `0..<classCount`.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func predict(_ x: Matrix<Double>) throws(ModelError) -> [Int] {
      let jll = try jointLogLikelihood(x)
      return (0..<x.rows).map { argmax(jll.row($0)) }
    }
  }
}
