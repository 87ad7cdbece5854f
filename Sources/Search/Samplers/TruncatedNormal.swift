import Foundation
import Linalg

/// The normal distribution truncated to an interval: log densities, log masses and draws.
enum TruncatedNormal {
  static let logSqrt2Pi = 0.5 * Foundation.log(2 * Double.pi)

  /// log φ(z) for the standard normal density φ.
  static func logPhi(_ z: Double) -> Double { -0.5 * z * z - logSqrt2Pi }

  /// log of the upper tail 1 − Φ(z); accurate far into the tail (asymptotic series past z = 30).
  static func logUpperTail(_ z: Double) -> Double {
    if z < 30 { return Foundation.log(0.5 * erfc(z / 2.0.squareRoot())) }
    let z2 = z * z
    return logPhi(z) - Foundation.log(z) + Foundation.log1p(-1 / z2 + 3 / (z2 * z2))
  }

  /// log(Φ(b) − Φ(a)) for standardised bounds a < b, stable in both tails.
  static func logMass(_ a: Double, _ b: Double) -> Double {
    guard b > a else { return -.infinity }
    if a >= 0 {
      let la = logUpperTail(a)
      let lb = logUpperTail(b)
      return la + Foundation.log1p(-Foundation.exp(lb - la))
    }
    if b <= 0 { return logMass(-b, -a) }
    return Foundation.log(0.5 * (erf(b / 2.0.squareRoot()) - erf(a / 2.0.squareRoot())))
  }

  /// log density at `x` of N(mu, sigma²) truncated to [low, high].
  static func logPDF(_ x: Double, mu: Double, sigma: Double, low: Double, high: Double) -> Double {
    guard x >= low, x <= high else { return -.infinity }
    return logPhi((x - mu) / sigma) - Foundation.log(sigma)
      - logMass((low - mu) / sigma, (high - mu) / sigma)
  }

  /// log of the mass of [a, b] under N(mu, sigma²) truncated to [low, high].
  static func logIntervalMass(
    _ a: Double, _ b: Double, mu: Double, sigma: Double, low: Double, high: Double
  ) -> Double {
    let lo = Swift.max(a, low)
    let hi = Swift.min(b, high)
    guard hi > lo else { return -.infinity }
    return logMass((lo - mu) / sigma, (hi - mu) / sigma)
      - logMass((low - mu) / sigma, (high - mu) / sigma)
  }

  /// A draw of N(mu, sigma²) truncated to [low, high] by rejection (the mean lies in the
  /// interval and sigma ≤ its width in TPE, so acceptance is above 1/3); clamped after 1000 misses.
  static func sample(
    mu: Double, sigma: Double, low: Double, high: Double, using generator: inout SeededGenerator
  ) -> Double {
    guard high > low else { return low }
    for _ in 0..<1000 {
      let x = generator.normal(mean: mu, sd: sigma)
      if x >= low, x <= high { return x }
    }
    return Swift.min(Swift.max(mu, low), high)
  }
}
