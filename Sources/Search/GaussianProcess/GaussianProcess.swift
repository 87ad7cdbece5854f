import Foundation
import Linalg

/// A zero-mean Gaussian process regressor on standardised targets (Rasmussen & Williams 2006,
/// Algorithm 2.1) with a ``MaternKernel`` (Matérn 5/2, ARD) plus Gaussian noise:
///
///     K = σ_f²·M + (σ_n² + jitter)·I,   y_s = (y − mean(y))/sd(y)
///
/// `sd` is the population standard deviation (1 when all targets are equal), as
/// scikit-learn's `normalize_y=True`. The factor `L` (K = L·Lᵀ) and `α = K⁻¹·y_s` are computed
/// once; predictions use triangular solves against `L`, never an explicit inverse.
///
/// `jitter` starts at 1e-10 (scikit-learn's `alpha`); when `K` does not factorise, it is
/// multiplied by 100 up to 1e-4 before ``GaussianProcessError/notPositiveDefinite(jitter:)``.
public struct GaussianProcess: Sendable {
  /// The training inputs, n × d.
  public internal(set) var inputs: Matrix<Double>
  /// The training targets in their original units.
  public internal(set) var targets: [Double]
  /// The kernel hyperparameters the posterior is conditioned on.
  public let hyperparameters: GPHyperparameters
  /// The diagonal jitter added to `K` (≥ 1e-10).
  public let jitter: Double
  /// The mean subtracted from the targets.
  public internal(set) var targetMean: Double
  /// The standard deviation the targets are divided by (> 0).
  public internal(set) var targetScale: Double
  /// The lower Cholesky factor of `K + jitter·I`.
  var factor: Matrix<Double>
  /// `α = K⁻¹·y_s`.
  var alpha: [Double]

  /// The smallest jitter, scikit-learn's default `alpha`.
  public static let baseJitter = 1e-10
  /// The largest jitter tried before giving up.
  public static let maxJitter = 1e-4

  /// Conditions a GP with fixed hyperparameters on `(inputs, targets)`.
  ///
  /// - Parameters:
  ///   - inputs: n × d training inputs (n ≥ 1, finite).
  ///   - targets: n finite targets.
  ///   - hyperparameters: d lengthscales, signal and noise variances.
  /// - Throws: ``GaussianProcessError/invalidInput(_:)`` for mismatched shapes or non-finite values;
  ///   ``GaussianProcessError/notPositiveDefinite(jitter:)`` when every jitter fails.
  /// - Complexity: O(n²·d + n³/3).
  public init(inputs: Matrix<Double>, targets: [Double], hyperparameters: GPHyperparameters)
    throws(GaussianProcessError)
  {
    try Self.validate(inputs: inputs, targets: targets, hyperparameters: hyperparameters)
    let (mean, scale) = Self.standardisation(targets)
    let k = try Self.trainingCovariance(inputs, hyperparameters)
    let (l, jitter) = try Self.factorise(k)
    self.inputs = inputs
    self.targets = targets
    self.hyperparameters = hyperparameters
    self.jitter = jitter
    self.targetMean = mean
    self.targetScale = scale
    self.factor = l
    self.alpha = []
    try updateAlpha()
  }

  /// The number of training points.
  public var count: Int { inputs.rows }

  /// The targets after standardisation, `(y − mean)/sd`.
  public var standardisedTargets: [Double] { targets.map { ($0 - targetMean) / targetScale } }

  /// The posterior mean and variance at each row of `points`, in the targets' units.
  ///
  /// `μ* = mean + sd·k*ᵀα`, `σ*² = sd²·(k** − ‖L⁻¹k*‖²)` (Rasmussen & Williams 2006, eqs. 2.25–2.26),
  /// `L⁻¹k*` for all points by one triangular solve (`trsm`). With `includeNoise`, `k**` holds
  /// the noise variance too (the predictive distribution of a new observation, as
  /// scikit-learn's `predict(return_std=True)` with a `WhiteKernel`); otherwise the latent `f`.
  /// Variances are clamped at 0.
  /// - Parameter points: m × d inputs.
  /// - Throws: ``GaussianProcessError/invalidInput(_:)`` if the width differs from the training inputs.
  /// - Complexity: O(m·n·d + m·n²).
  public func predict(_ points: Matrix<Double>, includeNoise: Bool = false)
    throws(GaussianProcessError) -> (mean: [Double], variance: [Double])
  {
    let (m, v) = try standardisedPosterior(points, includeNoise: includeNoise)
    let s2 = targetScale * targetScale
    return (m.map { targetMean + targetScale * $0 }, v.map { $0 * s2 })
  }

  /// The posterior mean and variance of the latent function in standardised units.
  func standardisedPosterior(_ points: Matrix<Double>, includeNoise: Bool = false)
    throws(GaussianProcessError) -> (mean: [Double], variance: [Double])
  {
    guard points.columns == inputs.columns else {
      throw .invalidInput("points have \(points.columns) columns, the training inputs \(inputs.columns)")
    }
    let (m, n) = (points.rows, count)
    let h = hyperparameters
    do {
      // K*ᵀ is n × m: column j holds k(x_i, point_j).
      let kStarT = try MaternKernel.covariance(
        inputs, points, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
      let mean = try kStarT.multiplied(byVector: alpha, transpose: .transposed)
      let v = try factor.solveTriangular(kStarT, triangle: .lower)
      var variance = [Double](repeating: h.signalVariance + (includeNoise ? h.noiseVariance : 0), count: m)
      v.storage.withUnsafeBufferPointer { p in
        for i in 0..<n {
          for j in 0..<m { variance[j] -= p[i * m + j] * p[i * m + j] }
        }
      }
      return (mean, variance.map { Swift.max($0, 0) })
    } catch {
      throw .linalg(error)
    }
  }

  /// The joint posterior covariance of the latent function at the rows of `points`, in
  /// standardised units: `K** − VᵀV` with `V = L⁻¹K*ᵀ` (for Thompson sampling).
  /// - Complexity: O(m·n² + m²·n).
  func standardisedPosteriorCovariance(_ points: Matrix<Double>) throws(GaussianProcessError)
    -> Matrix<Double>
  {
    let h = hyperparameters
    do {
      let kStarT = try MaternKernel.covariance(
        inputs, points, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
      let v = try factor.solveTriangular(kStarT, triangle: .lower)
      var c = try MaternKernel.covariance(
        points, points, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
      try Matrix.multiply(v, .transposed, v, .none, alpha: -1, beta: 1, into: &c)
      return c
    } catch {
      throw .linalg(error)
    }
  }

  // MARK: - Helpers shared with fitting and updating

  static func validate(inputs: Matrix<Double>, targets: [Double], hyperparameters h: GPHyperparameters)
    throws(GaussianProcessError)
  {
    guard inputs.rows >= 1 else { throw .invalidInput("no training points") }
    guard inputs.rows == targets.count else {
      throw .invalidInput("\(inputs.rows) input rows but \(targets.count) targets")
    }
    guard h.lengthscales.count == inputs.columns else {
      throw .invalidInput("\(h.lengthscales.count) lengthscales for \(inputs.columns) input columns")
    }
    guard inputs.storage.allSatisfy(\.isFinite) else { throw .invalidInput("non-finite input") }
    guard targets.allSatisfy(\.isFinite) else { throw .invalidInput("non-finite target") }
    guard h.isValid else { throw .invalidInput("hyperparameters must be positive and finite: \(h)") }
  }

  /// Mean and population standard deviation of `y` (sd 1 when it is 0), as scikit-learn.
  static func standardisation(_ y: [Double]) -> (mean: Double, scale: Double) {
    let n = Double(y.count)
    let mean = y.reduce(0, +) / n
    let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    let sd = variance.squareRoot()
    return (mean, sd > 0 && sd.isFinite ? sd : 1)
  }

  /// `σ_f²·M(X, X) + σ_n²·I` (jitter not included).
  static func trainingCovariance(_ x: Matrix<Double>, _ h: GPHyperparameters)
    throws(GaussianProcessError) -> Matrix<Double>
  {
    do {
      var k = try MaternKernel.covariance(
        x, x, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
      for i in 0..<x.rows { k.storage[i * x.rows + i] = h.signalVariance + h.noiseVariance }
      return k
    } catch {
      throw .linalg(error)
    }
  }

  /// The lower Cholesky factor of `k + jitter·I`, trying jitters 1e-10, 1e-8, 1e-6, 1e-4.
  static func factorise(_ k: Matrix<Double>) throws(GaussianProcessError)
    -> (factor: Matrix<Double>, jitter: Double)
  {
    var jitter = baseJitter
    while jitter <= maxJitter * 1.0001 {
      var kj = k
      for i in 0..<k.rows { kj.storage[i * k.rows + i] += jitter }
      if let l = try? kj.choleskyFactor(triangle: .lower) { return (l, jitter) }
      jitter *= 100
    }
    throw .notPositiveDefinite(jitter: maxJitter)
  }

  /// Recomputes the standardisation and `α = L⁻ᵀL⁻¹y_s` (two `trsv`).
  mutating func updateAlpha() throws(GaussianProcessError) {
    (targetMean, targetScale) = Self.standardisation(targets)
    do {
      let w = try factor.solveTriangular(standardisedTargets, triangle: .lower)
      alpha = try factor.solveTriangular(w, triangle: .lower, transpose: .transposed)
    } catch {
      throw .linalg(error)
    }
  }
}
