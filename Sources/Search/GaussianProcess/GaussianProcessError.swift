import Linalg

/// The errors of ``GaussianProcess``: bad inputs, or a covariance matrix that stays
/// numerically indefinite after every jitter retry.
public enum GaussianProcessError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The inputs, targets or hyperparameters are malformed (shapes, non-finite values, bounds).
  case invalidInput(String)
  /// `K + jitter·I` failed to factorise even with the largest jitter tried (the value given).
  case notPositiveDefinite(jitter: Double)
  /// A linear-algebra call failed for another reason.
  case linalg(LinalgError)

  public var description: String {
    switch self {
    case .invalidInput(let r): return "Gaussian process: invalid input: \(r)"
    case .notPositiveDefinite(let j):
      return "Gaussian process: the covariance matrix is not positive definite even with jitter \(j); "
        + "remove duplicate inputs or raise the lower bound of the noise variance"
    case .linalg(let e): return "Gaussian process: \(e)"
    }
  }
}
