import Forest

/// A fitted regression tree copied into flat arrays, for fast routing of many rows.
///
/// Shared by ``RandomForestSampler`` (leaf re-averaging, per-tree predictions of thousands of
/// candidates) and ``FanovaImportance`` (walking the tree's partition of the space). Node `i` is
/// a leaf when `feature[i] < 0`; otherwise rows with `x[feature[i]] <= threshold[i]` go to
/// `left[i]`, the others to `right[i]` (scikit-learn's convention, as `DecisionTree`).
struct FlatTree: Sendable {
  var feature: [Int] = []
  var threshold: [Double] = []
  var left: [Int] = []
  var right: [Int] = []
  /// The tree's own prediction at each node (the mean target of its training rows).
  var value: [Double] = []

  /// Copies `tree` (which must be fitted).
  init(_ tree: DecisionTree<Double>) {
    let n = tree.nodeCount
    feature.reserveCapacity(n)
    for i in 0..<n {
      let node = tree.node(at: i)
      feature.append(node.feature ?? -1)
      threshold.append(node.threshold)
      left.append(node.left ?? -1)
      right.append(node.right ?? -1)
      value.append(node.value.first ?? 0)
    }
  }

  var nodeCount: Int { feature.count }

  func isLeaf(_ i: Int) -> Bool { feature[i] < 0 }

  /// The index of the leaf that `row` falls into.
  func leaf(of row: ArraySlice<Double>) -> Int {
    var i = 0
    let base = row.startIndex
    while feature[i] >= 0 {
      i = row[base + feature[i]] <= threshold[i] ? left[i] : right[i]
    }
    return i
  }
}
