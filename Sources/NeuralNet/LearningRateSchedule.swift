#if canImport(Glibc)
  import Glibc
#else
  import Foundation
#endif

/// How the learning rate changes from epoch to epoch; evaluated once per epoch by ``Trainer``.
///
/// With base rate η₀ and 0-based epoch index e:
/// ```
/// constant                      η(e) = η₀
/// cosineAnnealing(T)            η(e) = η₀ · (1 + cos(π·min(e, T)/T)) / 2     (η(0) = η₀, η(T) = 0)
/// step(every: k, factor: γ)     η(e) = η₀ · γ^⌊e/k⌋
/// ```
/// These are PyTorch's `CosineAnnealingLR` (η_min = 0, T_max = T) and `StepLR` in closed form.
public enum LearningRateSchedule: Sendable, Equatable {
  /// The base rate throughout.
  case constant
  /// Cosine annealing to 0 over `totalEpochs` epochs (T ≥ 1); 0 from epoch T on.
  case cosineAnnealing(totalEpochs: Int)
  /// Multiplies the rate by `factor` (γ in (0, 1]) every `every` epochs (k ≥ 1).
  case step(every: Int, factor: Float)

  /// The learning rate at 0-based epoch `epoch` for base rate `base`.
  public func learningRate(base: Float, epoch: Int) -> Float {
    switch self {
    case .constant:
      return base
    case .cosineAnnealing(let total):
      let t = Double(Swift.max(1, total))
      let e = Double(Swift.min(Swift.max(0, epoch), Swift.max(1, total)))
      return Float(Double(base) * (1 + cos(Double.pi * e / t)) / 2)
    case .step(let every, let factor):
      return base * powf(factor, Float(Swift.max(0, epoch) / Swift.max(1, every)))
    }
  }
}
