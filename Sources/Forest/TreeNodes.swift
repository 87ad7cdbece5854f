/// A fitted tree as flat arrays (struct of arrays), one entry per node, root at index 0.
///
/// Node `i` is a leaf when `left[i] == -1`; otherwise rows with `x[feature[i]] <= threshold[i]`
/// go to `left[i]`, the others to `right[i]`. The node's prediction occupies
/// `values[i * outputCount ..< (i + 1) * outputCount]`: weighted class fractions for
/// classification (`outputCount` = class count), the weighted target mean for regression
/// (`outputCount` = 1). Children always have larger indices than their parent.
struct TreeNodes: Sendable, Equatable {
  /// Outputs per node: the class count, or 1 for regression.
  let outputCount: Int
  /// Split feature of each internal node; −1 at leaves.
  var feature: [Int32] = []
  /// Split threshold of each internal node (`x <= threshold` goes left); 0 at leaves.
  var threshold: [Double] = []
  /// Left child index, −1 at leaves.
  var left: [Int32] = []
  /// Right child index, −1 at leaves.
  var right: [Int32] = []
  /// Impurity of each node under the training criterion.
  var impurity: [Double] = []
  /// Sum of training weights reaching each node.
  var weightedSamples: [Double] = []
  /// Number of distinct training rows (non-zero weight) reaching each node.
  var samples: [Int32] = []
  /// Node predictions, `outputCount` per node.
  var values: [Double] = []

  /// Number of nodes.
  var count: Int { feature.count }

  /// Appends a leaf and returns its index; the builder makes it an internal node by setting its
  /// feature and threshold, then its `left` and `right` as the children are appended.
  mutating func appendLeaf(impurity: Double, weight: Double, samples: Int, value: UnsafeBufferPointer<Double>) -> Int {
    precondition(value.count == outputCount, "node value has \(value.count) outputs, expected \(outputCount)")
    feature.append(-1)
    threshold.append(0)
    left.append(-1)
    right.append(-1)
    self.impurity.append(impurity)
    weightedSamples.append(weight)
    self.samples.append(Int32(samples))
    values.append(contentsOf: value)
    return feature.count - 1
  }

  /// The index of the leaf that `row` (a pointer to `featureCount` values) falls into.
  ///
  /// - Complexity: O(depth).
  @inline(__always)
  func leaf(for row: UnsafePointer<Double>) -> Int {
    feature.withUnsafeBufferPointer { feature in
      threshold.withUnsafeBufferPointer { threshold in
        left.withUnsafeBufferPointer { left in
          right.withUnsafeBufferPointer { right in
            var node = 0
            while left[node] >= 0 {
              node = Int(row[Int(feature[node])] <= threshold[node] ? left[node] : right[node])
            }
            return node
          }
        }
      }
    }
  }

  /// The maximum depth of any leaf (the root alone has depth 0).
  var depth: Int {
    guard count > 0 else { return 0 }
    var depths = [Int](repeating: 0, count: count)
    var deepest = 0
    for node in 0..<count where left[node] >= 0 {
      depths[Int(left[node])] = depths[node] + 1
      depths[Int(right[node])] = depths[node] + 1
      deepest = max(deepest, depths[node] + 1)
    }
    return deepest
  }

  /// Mean decrease in impurity per feature, normalised to sum 1 (all zeros for a single leaf).
  ///
  /// Each internal node `t` adds `W_t·I_t − W_L·I_L − W_R·I_R` to its feature, as scikit-learn's
  /// `feature_importances_` does.
  func featureImportances(featureCount: Int) -> [Double] {
    var importances = [Double](repeating: 0, count: featureCount)
    for node in 0..<count where left[node] >= 0 {
      let l = Int(left[node])
      let r = Int(right[node])
      importances[Int(feature[node])] +=
        weightedSamples[node] * impurity[node] - weightedSamples[l] * impurity[l] - weightedSamples[r] * impurity[r]
    }
    let total = importances.reduce(0, +)
    guard total > 0 else { return importances }
    return importances.map { $0 / total }
  }
}
