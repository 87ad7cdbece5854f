import Linalg
import Search

/// The normalised regret of DESIGN.md: (best − incumbent) / (best − median), using the task's
/// true values, for either direction.
///
/// 0 means the incumbent is the task's best configuration; 1 means it is as good as the median
/// configuration; values above 1 are worse than the median.
public struct NormalisedRegret: Sendable, Hashable {
  /// The task's best true value.
  public let best: Double
  /// The median true value over the task's configurations.
  public let median: Double
  /// Whether larger values are better.
  public let direction: StudyDirection

  /// The regret scale of a task from the true values of all its configurations.
  ///
  /// - Returns: `nil` when `values` is empty or holds no finite value.
  public init?(trueValues values: [Double], direction: StudyDirection) {
    let finite = values.filter(\.isFinite)
    guard !finite.isEmpty else { return nil }
    self.direction = direction
    best = direction == .maximize ? finite.max()! : finite.min()!
    median = Statistics.quantile(finite, 0.5)
  }

  /// The regret of an incumbent whose true value is `value`.
  ///
  /// When the best equals the median (at least half the configurations are optimal, common on
  /// small tasks where accuracies tie), the ratio is undefined; the regret is then 0 for an
  /// optimal incumbent and 1 (no better than the median configuration) for any other, so that
  /// means over tasks stay finite.
  public func regret(of value: Double) -> Double {
    let gap = direction == .maximize ? best - value : value - best
    let scale = direction == .maximize ? best - median : median - best
    guard scale > 0 else { return gap > 0 ? 1 : 0 }
    return gap / scale
  }
}
