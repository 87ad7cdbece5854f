import Foundation

/// The acquisition functions of ``GPSampler``, on the **minimisation** of the standardised
/// objective (a maximised objective is negated first). Larger scores are better.
///
/// With posterior mean μ and standard deviation σ at x, the best observed (standardised) loss
/// `y*`, `γ = (y* − μ − ξ)/σ`, and φ, Φ the standard normal density and distribution
/// (Snoek, Larochelle & Adams 2012, §2.2):
/// - expected improvement: `EI = (y* − μ − ξ)·Φ(γ) + σ·φ(γ)` (`max(y* − μ − ξ, 0)` when σ = 0);
/// - probability of improvement: `PI = Φ(γ)` (1 or 0 when σ = 0);
/// - upper confidence bound (for a loss: the negated lower bound): `UCB = −(μ − √β·σ)`
///   (Srinivas, Krause, Kakade & Seeger 2010, with β the multiplier of the variance);
/// - Thompson sampling: `−f(x)` for one joint draw f of the posterior over the candidates.
public enum AcquisitionFunction: Sendable, Hashable {
  /// Expected improvement with exploration offset ξ ≥ 0 (default 0).
  case expectedImprovement(xi: Double = 0)
  /// Probability of improvement with exploration offset ξ ≥ 0 (default 0).
  case probabilityOfImprovement(xi: Double = 0)
  /// The confidence bound μ − √β·σ, negated; β ≥ 0 (default 2).
  case upperConfidenceBound(beta: Double = 2)
  /// A joint draw of the posterior over the random candidates; the smallest draw wins.
  case thompsonSampling

  /// The score at one point; for ``thompsonSampling`` it is `−mean` (pass the drawn value as `mean`).
  ///
  /// - Parameters:
  ///   - mean: posterior mean μ of the standardised loss.
  ///   - standardDeviation: posterior standard deviation σ ≥ 0.
  ///   - best: the best (smallest) observed standardised loss y*.
  public func score(mean: Double, standardDeviation sigma: Double, best: Double) -> Double {
    switch self {
    case .expectedImprovement(let xi):
      let improvement = best - mean - xi
      guard sigma > 0 else { return Swift.max(improvement, 0) }
      let z = improvement / sigma
      return improvement * Self.cdf(z) + sigma * Self.pdf(z)
    case .probabilityOfImprovement(let xi):
      let improvement = best - mean - xi
      guard sigma > 0 else { return improvement > 0 ? 1 : 0 }
      return Self.cdf(improvement / sigma)
    case .upperConfidenceBound(let beta):
      return -(mean - Swift.max(beta, 0).squareRoot() * sigma)
    case .thompsonSampling:
      return -mean
    }
  }

  /// An upper bound on ``score(mean:standardDeviation:best:)`` over every σ ≤ `standardDeviationBound`.
  ///
  /// EI and UCB increase with σ (∂EI/∂σ = φ(γ) ≥ 0), so the bound is their score at the bound;
  /// PI increases with σ only when μ + ξ ≥ y*, and is at most 1 otherwise.
  public func upperBound(mean: Double, standardDeviationBound sigma: Double, best: Double) -> Double {
    if case .probabilityOfImprovement(let xi) = self, best - mean - xi > 0 { return 1 }
    return score(mean: mean, standardDeviation: sigma, best: best)
  }

  /// The standard normal density φ(z).
  static func pdf(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

  /// The standard normal distribution function Φ(z) = erfc(−z/√2)/2.
  static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
}
