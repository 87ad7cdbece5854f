/// A fitted tree as flat arrays (struct of arrays), one entry per node, root at index 0 —
/// scikit-learn's `tree_` arrays; what a ``DecisionTree`` stores and ``DecisionTree/fittedTree``
/// shows, and what surrogates, fANOVA and saved meta-models route rows through.
///
/// Node `i` is a leaf when `left[i] == -1`; otherwise rows with `x[feature[i]] <= threshold[i]`
/// go to `left[i]`, the others to `right[i]`. The node's prediction occupies
/// `values[i * outputCount ..< (i + 1) * outputCount]`: weighted class fractions for
/// classification (`outputCount` = class count), the weighted target mean for regression
/// (`outputCount` = 1, so `values[i]` is node `i`'s prediction). Children always have larger
/// indices than their parent; the builder lists nodes in pre-order (a left child follows its
/// parent). `Codable`; decoding checks that the arrays form such a tree (see
/// `FittedTree+Codable.swift`).
public struct FittedTree: Sendable, Equatable {
  /// Outputs per node: the class count, or 1 for regression (≥ 1).
  public let outputCount: Int
  /// Split feature of each internal node (0-based); −1 at leaves.
  public internal(set) var feature: [Int32] = []
  /// Split threshold of each internal node (`x <= threshold` goes left); 0 at leaves.
  public internal(set) var threshold: [Double] = []
  /// Left child index, −1 at leaves.
  public internal(set) var left: [Int32] = []
  /// Right child index, −1 at leaves.
  public internal(set) var right: [Int32] = []
  /// Impurity of each node under the training criterion (≥ 0).
  public internal(set) var impurity: [Double] = []
  /// Sum of training weights reaching each node.
  public internal(set) var weightedSamples: [Double] = []
  /// Number of distinct training rows (non-zero weight) reaching each node.
  public internal(set) var samples: [Int32] = []
  /// Node predictions, `outputCount` per node.
  public internal(set) var values: [Double] = []

  /// An empty tree (no nodes) with `outputCount` outputs per node, for the builder to fill.
  init(outputCount: Int) {
    self.outputCount = outputCount
  }

  /// The number of nodes, internal and leaves.
  public var nodeCount: Int { feature.count }

  /// Whether node `node` (`0 ≤ node < nodeCount`) is a leaf.
  @inlinable
  public func isLeaf(_ node: Int) -> Bool { left[node] < 0 }

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

  /// The index of the leaf that `row` (a pointer to at least `max(feature) + 1` values) falls into.
  ///
  /// - Complexity: O(depth).
  @inlinable @inline(__always)
  public func leaf(for row: UnsafePointer<Double>) -> Int {
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

  /// The index of the leaf that `row` (at least `max(feature) + 1` values) falls into.
  ///
  /// - Complexity: O(depth).
  @inlinable
  public func leaf(of row: ArraySlice<Double>) -> Int {
    row.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      return leaf(for: base)
    }
  }

  /// The maximum depth of any leaf (the root alone has depth 0).
  var depth: Int {
    guard nodeCount > 0 else { return 0 }
    var depths = [Int](repeating: 0, count: nodeCount)
    var deepest = 0
    for node in 0..<nodeCount where left[node] >= 0 {
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
    for node in 0..<nodeCount where left[node] >= 0 {
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
