import Forest
import Foundation
import Linalg

/// SMAC's random-forest empirical performance model (Hutter, Hoos & Leyton-Brown 2011) over
/// encoded configurations, with SMAC3 2.4's log-scaled costs.
///
/// **Costs.** The losses `y` (minimised) are mapped as SMAC3's `RunHistoryLogScaledEncoder`:
/// ```
/// p   = 5th percentile of y (numpy's linear interpolation)
/// m'  = min y − (p − min y) − 10⁻¹⁰
/// z   = log((y − m') / (max y − m'))          ∈ (−∞, 0]
/// ```
/// (`m'` is multiplied by 1 − 10⁻¹⁰ when it equals `max y`, as SMAC does.)
///
/// **Leaves.** With `log_y`, SMAC recomputes every leaf as `log(mean(exp(z)))` over the leaf's
/// training rows, so each tree averages costs in the original (scaled) space. The Forest
/// module does not expose a tree's bootstrap draw, so the re-averaging here uses *all* training
/// rows routed to the leaf (a leaf with none keeps the tree's own mean). This is a documented
/// deviation from SMAC3, which uses the rows the tree was grown on.
///
/// Without `logTransform` the losses are used as they are and the leaves keep the trees' means.
///
/// **Prediction.** The mean over the T trees and the variance across trees,
/// `σ²(x) = (1/T) Σₜ (fₜ(x) − μ(x))²`, floored at ``varianceFloor`` (SMAC's `var_threshold`).
struct RandomForestSurrogate: Sendable {
  /// SMAC's `var_threshold` (`VERY_SMALL_NUMBER`).
  static let varianceFloor = 1e-10

  /// Whether costs are log-scaled (SMAC's HPO facade) or used as they are.
  let logTransform: Bool
  private var trees: [FittedTree] = []
  private var leafValue: [[Double]] = []

  init(logTransform: Bool = true) {
    self.logTransform = logTransform
  }

  /// Fits the forest to `x` (n rows of encoded configurations) and losses `y`.
  ///
  /// - Returns: the transformed costs `z` the trees were fitted on.
  /// - Throws: `ForestError` from fitting (bad hyperparameters).
  @discardableResult
  mutating func fit(
    x: [[Double]], losses y: [Double], forest: RandomForest<Double>
  ) throws(ForestError) -> [Double] {
    let z = logTransform ? Self.logScaled(y) : y
    let p = x.first?.count ?? 0
    let matrix = Matrix<Double>(rows: x.count, columns: p, storage: x.flatMap { $0 })
    var forest = forest
    try forest.fit(matrix, z)
    trees = forest.estimators.compactMap(\.fittedTree)
    guard logTransform else {
      leafValue = trees.map(\.values)
      return z
    }
    leafValue = trees.map { tree in
      var sum = [Double](repeating: 0, count: tree.nodeCount)
      var count = [Int](repeating: 0, count: tree.nodeCount)
      for (row, zi) in zip(x, z) {
        let leaf = tree.leaf(of: row[...])
        sum[leaf] += Foundation.exp(zi)
        count[leaf] += 1
      }
      return (0..<tree.nodeCount).map { i in
        count[i] > 0 ? Foundation.log(sum[i] / Double(count[i])) : tree.values[i]
      }
    }
    return z
  }

  /// The mean and the floored across-tree variance of the prediction for each row.
  func predict(_ rows: [[Double]]) -> (mean: [Double], variance: [Double]) {
    let t = Double(trees.count)
    var mean: [Double] = []
    var variance: [Double] = []
    mean.reserveCapacity(rows.count)
    variance.reserveCapacity(rows.count)
    for row in rows {
      var s = 0.0
      var s2 = 0.0
      for (k, tree) in trees.enumerated() {
        let v = leafValue[k][tree.leaf(of: row[...])]
        s += v
        s2 += v * v
      }
      let m = s / t
      mean.append(m)
      variance.append(Swift.max(s2 / t - m * m, Self.varianceFloor))
    }
    return (mean, variance)
  }

  /// SMAC3's `RunHistoryLogScaledEncoder` transform of losses (see the type's documentation).
  static func logScaled(_ y: [Double]) -> [Double] {
    guard let lo = y.min(), let hi = y.max() else { return [] }
    var m = lo - (percentile(y, 5) - lo) - 1e-10
    if m == hi { m *= 1 - 1e-10 }
    return y.map { Foundation.log((($0 - m) / (hi - m))) }
  }

  /// The `q`-th percentile with linear interpolation between order statistics (numpy's default).
  static func percentile(_ y: [Double], _ q: Double) -> Double {
    let s = y.sorted()
    guard s.count > 1 else { return s.first ?? 0 }
    let h = Double(s.count - 1) * q / 100
    let i = Int(h.rounded(.down))
    let j = Swift.min(i + 1, s.count - 1)
    return s[i] + (h - Double(i)) * (s[j] - s[i])
  }
}
