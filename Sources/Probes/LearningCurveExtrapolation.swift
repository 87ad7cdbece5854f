import Foundation
import Linalg

/// Extrapolation of a validation-accuracy learning curve with the saturating parametric families
/// of Domhan, Springenberg and Hutter (IJCAI 2015, "Speeding up Automatic Hyperparameter
/// Optimization of Deep Neural Networks by Extrapolation of Learning Curves"):
///
///     power law (pow3)     y(t) = a − b·t^(−c)
///     exponential (exp3)   y(t) = a − b·e^(−c·t)
///
/// Each is fitted by nonlinear least squares: a variable-projection grid over c (for fixed c the
/// model is linear in a, b, solved exactly) gives the start, then Levenberg–Marquardt
/// (`(JᵀJ + μ·diag JᵀJ)·δ = Jᵀr`, μ adapted ×10 / ÷10) with every iterate clipped to the
/// parameter ``bounds``. Both families have 3 parameters, so AIC `= n·ln(RSS/n) + 2·3` ranks
/// them as the residual sum of squares: the smaller RSS wins. The prediction at epoch T has the
/// delta-method standard error `√(gᵀ(JᵀJ)⁻¹g · σ²)`, `g = ∂y(T)/∂θ`, `σ² = RSS/(n − 3)`.
/// Domhan et al. combine 11 families by MCMC; two families with a standard error are the
/// cheap end of that idea.
public struct LearningCurveExtrapolation: Sendable, Equatable {
  /// A parametric family.
  public enum Family: String, Sendable, Equatable, Codable, CaseIterable {
    /// `a − b·t^(−c)`.
    case powerLaw = "power_law"
    /// `a − b·e^(−c·t)`.
    case exponential

    /// y(t; a, b, c).
    public func value(_ t: Double, _ p: [Double]) -> Double { p[0] - p[1] * basis(t, p[2]) }

    /// `t^(−c)` or `e^(−c·t)`.
    func basis(_ t: Double, _ c: Double) -> Double {
      self == .powerLaw ? Foundation.pow(t, -c) : Foundation.exp(-c * t)
    }

    /// ∂y/∂(a, b, c).
    func gradient(_ t: Double, _ p: [Double]) -> [Double] {
      let phi = basis(t, p[2])
      let dc = self == .powerLaw ? p[1] * Foundation.log(t) * phi : p[1] * t * phi
      return [1, -phi, dc]
    }
  }

  /// A fitted curve.
  public struct Fit: Sendable, Equatable, Codable {
    /// The family.
    public var family: Family
    /// (a, b, c): asymptote, amplitude, rate.
    public var parameters: [Double]
    /// Residual sum of squares.
    public var rss: Double
    /// Akaike's information criterion `n·ln(RSS/n) + 2·3`.
    public var aic: Double
    /// (JᵀJ)⁻¹·σ², the parameters' covariance (nil if JᵀJ is singular).
    public var covariance: [[Double]]?
    /// Levenberg–Marquardt iterations.
    public var iterations: Int

    /// The fitted y(t).
    public func predict(at t: Double) -> Double { family.value(t, parameters) }

    /// The delta-method standard error of ``predict(at:)`` (NaN without a covariance).
    public func standardError(at t: Double) -> Double {
      guard let covariance else { return .nan }
      let g = family.gradient(t, parameters)
      var v = 0.0
      for i in 0..<3 { for j in 0..<3 { v += g[i] * covariance[i][j] * g[j] } }
      return max(v, 0).squareRoot()
    }
  }

  /// Lower and upper bounds of (a, b, c) per family.
  public var bounds: [Family: (lower: [Double], upper: [Double])]
  /// Levenberg–Marquardt iterations at most.
  public var maxIterations: Int

  public static func == (l: Self, r: Self) -> Bool {
    l.maxIterations == r.maxIterations
      && Family.allCases.allSatisfy { l.bounds[$0]?.lower == r.bounds[$0]?.lower && l.bounds[$0]?.upper == r.bounds[$0]?.upper }
  }

  /// Bounds for accuracies: a ∈ [0, 1.5], b ∈ [−2, 2], c ∈ [1e-3, 5] (power) or [1e-4, 5] (exponential).
  public init(maxIterations: Int = 200) {
    bounds = [
      .powerLaw: ([0, -2, 1e-3], [1.5, 2, 5]),
      .exponential: ([0, -2, 1e-4], [1.5, 2, 5]),
    ]
    self.maxIterations = maxIterations
  }

  /// Fits `family` to `(t, y)` (t ≥ 1, at least 4 points).
  ///
  /// - Throws: ``ProbeError/invalidOption(name:value:reason:)`` for fewer than 4 points,
  ///   mismatched lengths, t < 1 or non-finite values.
  public func fit(_ family: Family, t: [Double], y: [Double]) throws(ProbeError) -> Fit {
    guard t.count == y.count else { throw .dimensionMismatch(what: "curve values", expected: t.count, got: y.count) }
    guard t.count >= 4 else { throw .invalidOption(name: "points", value: Double(t.count), reason: "need ≥ 4 points for a 3-parameter fit") }
    guard t.allSatisfy({ $0 >= 1 && $0.isFinite }), y.allSatisfy(\.isFinite) else {
      throw .invalidOption(name: "t", value: t.min() ?? .nan, reason: "epochs must be finite and ≥ 1, values finite")
    }
    let (lower, upper) = bounds[family] ?? ([-.infinity, -.infinity, 0], [.infinity, .infinity, .infinity])
    func clip(_ p: [Double]) -> [Double] { (0..<3).map { min(upper[$0], max(lower[$0], p[$0])) } }
    func rss(_ p: [Double]) -> Double {
      zip(t, y).reduce(0) {
        let r = $1.1 - family.value($1.0, p)
        return $0 + r * r
      }
    }

    // Start: for c on a log grid, (a, b) by linear least squares; keep the best clipped triple.
    var start = clip([y.last ?? 0, 0, 1])
    var startRSS = rss(start)
    for k in 0...60 {
      let c = min(upper[2], max(lower[2], lower[2] * Foundation.pow(upper[2] / lower[2], Double(k) / 60)))
      let rows = t.map { [1, -family.basis($0, c)] }
      let (a, b) = LeastSquares.normalEquations(rows, y)
      guard let ab = LeastSquares.solve(a, b) else { continue }
      let p = clip([ab[0], ab[1], c])
      let value = rss(p)
      if value < startRSS { (start, startRSS) = (p, value) }
    }

    var p = start
    var current = startRSS
    var mu = 1e-3
    var iterations = 0
    while iterations < maxIterations {
      iterations += 1
      let jacobian = t.map { family.gradient($0, p) }
      let residuals = zip(t, y).map { $1 - family.value($0, p) }
      let (jtj, jtr) = LeastSquares.normalEquations(jacobian, residuals)
      var improved = false
      while mu < 1e12 {
        var damped = jtj
        for i in 0..<3 { damped[i][i] += mu * max(jtj[i][i], 1e-12) }
        guard let delta = LeastSquares.solve(damped, jtr) else {
          mu *= 10
          continue
        }
        let candidate = clip(zip(p, delta).map(+))
        let value = rss(candidate)
        if value < current {
          let relative = (current - value) / max(current, 1e-300)
          (p, current) = (candidate, value)
          mu = max(mu / 10, 1e-12)
          improved = relative > 1e-12
          break
        }
        mu *= 10
      }
      if !improved { break }
    }

    let n = Double(t.count)
    let sigma2 = current / max(n - 3, 1)
    let (jtj, _) = LeastSquares.normalEquations(t.map { family.gradient($0, p) }, [Double](repeating: 0, count: t.count))
    let covariance = LeastSquares.inverse(jtj).map { $0.map { $0.map { $0 * sigma2 } } }
    return Fit(
      family: family, parameters: p, rss: current, aic: n * Foundation.log(max(current, 1e-300) / n) + 6,
      covariance: covariance, iterations: iterations)
  }

  /// Fits both families and returns the one with the smaller RSS (equivalently AIC), then the other.
  ///
  /// - Throws: as ``fit(_:t:y:)``.
  public func fitBest(t: [Double], y: [Double]) throws(ProbeError) -> (best: Fit, other: Fit) {
    let power = try fit(.powerLaw, t: t, y: y)
    let exponential = try fit(.exponential, t: t, y: y)
    return power.rss <= exponential.rss ? (power, exponential) : (exponential, power)
  }
}
