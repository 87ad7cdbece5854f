import Foundation
import Linalg

/// L2-regularised logistic regression, scikit-learn's `LogisticRegression()` with its
/// defaults (`penalty="l2"`, `C=1`, `solver="lbfgs"`, `max_iter=100`, `tol=1e-4`).
///
/// It minimises ``LogisticLoss`` — equivalently `½‖W‖² + C·Σᵢ log-loss(xᵢ, yᵢ)`, intercepts
/// unpenalised — with ``LBFGS`` from zero, stopping when `max|∇f| ≤ tol` on the 1/n-scaled
/// objective (scipy's `pgtol`, as scikit-learn passes it). Two classes use one logit
/// (`P(y=1) = σ(w·x + b)`); more use the multinomial softmax over K logits, as scikit-learn
/// ≥ 1.5 does.
public struct LogisticRegression: Sendable, Equatable {
  /// Inverse regularisation strength C > 0 (sklearn default 1).
  public var c: Double
  /// L-BFGS iteration limit ≥ 1 (sklearn `max_iter` default 100).
  public var maxIter: Int
  /// Tolerance > 0 on the largest gradient component (sklearn default 1e-4).
  public var tol: Double

  /// Creates a model with scikit-learn's defaults unless given.
  ///
  /// - Parameters:
  ///   - c: inverse regularisation strength > 0 (default 1).
  ///   - maxIter: iteration limit ≥ 1 (default 100).
  ///   - tol: gradient tolerance > 0 (default 1e-4).
  public init(c: Double = 1, maxIter: Int = 100, tol: Double = 1e-4) {
    self.c = c
    self.maxIter = maxIter
    self.tol = tol
  }

  /// Fits the coefficients by L-BFGS.
  ///
  /// - Parameters:
  ///   - x: `n × d` finite features (standardised or one-hot).
  ///   - y: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes (default `max(y) + 1`); 2 gives the one-logit
  ///     binary model, more the multinomial one (a class without rows gets a logit too).
  /// - Returns: the fitted model (it also reports whether L-BFGS converged within `maxIter`).
  /// - Throws: ``ModelError`` for empty or non-finite `x`, mismatched `y`, a label out of range,
  ///   fewer than 2 classes present, or an invalid `c`, `maxIter` or `tol`.
  /// - Complexity: O(n·d·K) per iteration through BLAS `gemm`.
  public func fit(_ x: Matrix<Double>, _ y: [Int], classCount: Int? = nil) throws(ModelError)
    -> Fitted
  {
    try require(c > 0 && c.isFinite, "C", c, "C > 0 and finite")
    try require(maxIter >= 1, "maxIter", maxIter, "maxIter ≥ 1")
    try require(tol > 0 && tol.isFinite, "tol", tol, "tol > 0 and finite")
    let count = try validateTrainingInput(x, y, classCount: classCount)
    let present = Set(y).count
    guard present >= 2 else { throw .tooFewClasses(found: present, required: 2) }
    let logits = count == 2 ? 1 : count
    let loss = LogisticLoss(x: x, y: y, logits: logits, c: c)
    let solver = try linalg { () throws(LinalgError) in
      try LBFGS(memory: 10, maxIterations: maxIter, gradientTolerance: tol, lineSearch: .strongWolfe(maxSteps: 50))
    }
    let result = try solver.minimize(from: [Double](repeating: 0, count: logits * (x.columns + 1))) {
      (theta) throws(ModelError) in try loss.valueAndGradient(theta)
    }
    let d = x.columns
    return Fitted(
      classCount: count,
      coefficients: Matrix(rows: logits, columns: d, storage: Array(result.x[0..<(logits * d)])),
      intercepts: Array(result.x[(logits * d)...]), iterations: result.iterations,
      converged: result.converged)
  }

  /// A fitted ``LogisticRegression``.
  public struct Fitted: Sendable {
    /// The number of classes, `0..<classCount`.
    public let classCount: Int
    /// Coefficients: `1 × d` for two classes (towards class 1), else `K × d`
    /// (scikit-learn's `coef_`).
    public let coefficients: Matrix<Double>
    /// Intercepts, one per row of `coefficients` (scikit-learn's `intercept_`).
    public let intercepts: [Double]
    /// L-BFGS iterations used (scikit-learn's `n_iter_`).
    public let iterations: Int
    /// Whether L-BFGS met `tol` (or its function tolerance) within `maxIter`.
    public let converged: Bool

    /// The number of feature columns the model was fitted on.
    public var featureCount: Int { coefficients.columns }

    /// The logits `z = X·Wᵀ + b`, scikit-learn's `decision_function` (`m × 1` for two classes).
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func decisionFunction(_ x: Matrix<Double>) throws(ModelError) -> Matrix<Double> {
      try validatePredictionInput(x, featureCount: featureCount)
      var z = zeros(x.rows, coefficients.rows)
      if x.rows == 0 { return z }
      try linalg { () throws(LinalgError) in
        try Matrix.multiply(x, .none, coefficients, .transposed, into: &z)
      }
      let k = coefficients.rows
      for i in 0..<x.rows {
        for j in 0..<k { z.storage[i * k + j] += intercepts[j] }
      }
      return z
    }

    /// Class probabilities, scikit-learn's `predict_proba`: `[1 − σ(z), σ(z)]` for two classes,
    /// `softmax(z)` otherwise.
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: an `m × classCount` matrix whose rows sum to 1.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func predictProbabilities(_ x: Matrix<Double>) throws(ModelError) -> Matrix<Double> {
      let z = try decisionFunction(x)
      var p = zeros(x.rows, classCount)
      for i in 0..<x.rows {
        if coefficients.rows == 1 {
          let positive = 1 / (1 + exp(-z.storage[i]))
          p[i, 0] = 1 - positive
          p[i, 1] = positive
        } else {
          let row = z.row(i)
          let top = row.max() ?? 0
          let sum = row.reduce(0) { $0 + exp($1 - top) }
          for j in 0..<classCount { p[i, j] = exp(row[j] - top) / sum }
        }
      }
      return p
    }

    /// The most probable class of each row (ties to the lowest index).
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: `m` labels in `0..<classCount`.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func predict(_ x: Matrix<Double>) throws(ModelError) -> [Int] {
      let p = try predictProbabilities(x)
      return (0..<x.rows).map { argmax(p.row($0)) }
    }
  }
}

/// The index of the first largest element (0 for an empty array).
func argmax(_ values: [Double]) -> Int {
  var best = 0
  for k in values.indices where values[k] > values[best] { best = k }
  return best
}
