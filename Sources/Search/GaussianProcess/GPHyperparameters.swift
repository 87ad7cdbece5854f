import Foundation

/// The hyperparameters of a ``GaussianProcess``: ARD lengthscales, signal variance σ_f² and
/// noise variance σ_n², all in the units of the (standardised) targets and the inputs.
///
/// The optimiser works on `θ = (log ℓ_1, …, log ℓ_d, log σ_f², log σ_n²)`, the parametrisation
/// of scikit-learn's `kernel.theta` for `ConstantKernel·Matern + WhiteKernel` up to the order
/// (scikit-learn puts log σ_f² first).
public struct GPHyperparameters: Sendable, Hashable, CustomStringConvertible {
  /// ℓ_k > 0, one per input column.
  public var lengthscales: [Double]
  /// σ_f² > 0.
  public var signalVariance: Double
  /// σ_n² > 0.
  public var noiseVariance: Double

  /// Hyperparameters from their values.
  public init(lengthscales: [Double], signalVariance: Double, noiseVariance: Double) {
    self.lengthscales = lengthscales
    self.signalVariance = signalVariance
    self.noiseVariance = noiseVariance
  }

  /// Hyperparameters from `θ = (log ℓ_1…log ℓ_d, log σ_f², log σ_n²)` (d + 2 numbers).
  public init(logParameters theta: [Double]) {
    let d = Swift.max(theta.count - 2, 0)
    lengthscales = theta.prefix(d).map { exp($0) }
    signalVariance = theta.count >= 2 ? exp(theta[d]) : 1
    noiseVariance = theta.count >= 2 ? exp(theta[d + 1]) : 1
  }

  /// Unit lengthscales, unit signal variance and noise variance 1 (scikit-learn's initial values).
  public static func defaults(dimension: Int) -> GPHyperparameters {
    GPHyperparameters(
      lengthscales: [Double](repeating: 1, count: dimension), signalVariance: 1, noiseVariance: 1)
  }

  /// `θ = (log ℓ_1…log ℓ_d, log σ_f², log σ_n²)`.
  public var logParameters: [Double] {
    lengthscales.map { log($0) } + [log(signalVariance), log(noiseVariance)]
  }

  /// Whether every value is positive and finite.
  public var isValid: Bool {
    (lengthscales + [signalVariance, noiseVariance]).allSatisfy { $0 > 0 && $0.isFinite }
  }

  public var description: String {
    "ℓ=\(lengthscales), σ_f²=\(signalVariance), σ_n²=\(noiseVariance)"
  }
}

/// Box constraints on ``GPHyperparameters`` for the marginal-likelihood optimiser.
///
/// The defaults suit inputs in [0, 1]^d and standardised targets: ℓ ∈ [1e-3, 1e3],
/// σ_f² ∈ [1e-3, 1e3], σ_n² ∈ [1e-6, 10]; the lower noise bound 1e-6 is the noise floor.
public struct GPHyperparameterBounds: Sendable, Hashable {
  /// Range of every lengthscale.
  public var lengthscale: ClosedRange<Double>
  /// Range of the signal variance.
  public var signalVariance: ClosedRange<Double>
  /// Range of the noise variance (the lower end is the noise floor).
  public var noiseVariance: ClosedRange<Double>

  /// Bounds with the given ranges (all positive).
  public init(
    lengthscale: ClosedRange<Double> = 1e-3...1e3,
    signalVariance: ClosedRange<Double> = 1e-3...1e3,
    noiseVariance: ClosedRange<Double> = 1e-6...10
  ) {
    self.lengthscale = lengthscale
    self.signalVariance = signalVariance
    self.noiseVariance = noiseVariance
  }

  /// Lower and upper bounds of `θ` for `dimension` input columns.
  func logBounds(dimension: Int) -> (lower: [Double], upper: [Double]) {
    let lower =
      [Double](repeating: log(lengthscale.lowerBound), count: dimension)
      + [log(signalVariance.lowerBound), log(noiseVariance.lowerBound)]
    let upper =
      [Double](repeating: log(lengthscale.upperBound), count: dimension)
      + [log(signalVariance.upperBound), log(noiseVariance.upperBound)]
    return (lower, upper)
  }

  /// Whether every bound is positive, finite and ordered.
  var isValid: Bool {
    [lengthscale, signalVariance, noiseVariance].allSatisfy {
      $0.lowerBound > 0 && $0.upperBound.isFinite
    }
  }
}
