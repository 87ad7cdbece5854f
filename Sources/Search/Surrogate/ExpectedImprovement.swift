import Foundation

/// Expected improvement for a surrogate fitted on log-scaled costs: SMAC3's `EI(xi=0, log=True)`
/// (Hutter, Hoos, Leyton-Brown & Murphy 2009; Hutter et al. 2011).
///
/// The model predicts `Z ~ N(μ, σ²)` for the log cost; the cost is `exp(Z)`. The expected
/// improvement of the cost over the incumbent's `exp(η)` is
/// ```
/// z      = (η − μ) / σ
/// EI(x)  = exp(η) · Φ(z) − exp(μ + σ²/2) · Φ(z − σ)
/// ```
/// with Φ the standard normal CDF. Larger is better.
enum ExpectedImprovement {
  /// The log-space EI of a prediction with mean `mu` and variance `variance` (> 0) against `eta`.
  static func logEI(mean mu: Double, variance: Double, eta: Double) -> Double {
    let sigma = variance.squareRoot()
    let z = (eta - mu) / sigma
    return Foundation.exp(eta) * normalCDF(z) - Foundation.exp(mu + variance / 2)
      * normalCDF(z - sigma)
  }

  /// Plain EI of a loss prediction `N(μ, σ²)` below `best`: `(best − μ) Φ(z) + σ φ(z)`.
  static func ei(mean mu: Double, variance: Double, best: Double) -> Double {
    let sigma = variance.squareRoot()
    let z = (best - mu) / sigma
    return (best - mu) * normalCDF(z) + sigma * Foundation.exp(-z * z / 2)
      / (2 * Double.pi).squareRoot()
  }

  /// Φ(z) = ½ erfc(−z/√2), accurate in both tails.
  static func normalCDF(_ z: Double) -> Double {
    0.5 * erfc(-z / 2.0.squareRoot())
  }
}
