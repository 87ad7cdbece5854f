import Forest

/// A fitted regression tree in pre-order, compact enough to store in a meta-model file.
///
/// Nodes are listed depth-first, each node before its left subtree and then its right subtree,
/// so the left child of an internal node is the next node and only the right child's position
/// needs reconstructing. `feature[i]` is −1 at a leaf; `number[i]` is the split threshold of an
/// internal node (rows with `x[feature] <= threshold` go left) and the prediction of a leaf.
struct RegressionTreeArrays: Sendable, Codable, Equatable {
  /// Split feature per node, −1 at leaves.
  var feature: [Int]
  /// Threshold (internal nodes) or prediction (leaves) per node.
  var number: [Double]
  /// The right child of each internal node (−1 at leaves), rebuilt after decoding, not stored.
  private var right: [Int] = []

  private enum CodingKeys: String, CodingKey { case feature, number }

  /// The nodes of a fitted `tree` in pre-order.
  init(_ tree: DecisionTree<Double>) {
    feature = []
    number = []
    feature.reserveCapacity(tree.nodeCount)
    var stack = [0]
    while let i = stack.popLast() {
      let node = tree.node(at: i)
      if let f = node.feature, let l = node.left, let r = node.right {
        feature.append(f)
        number.append(node.threshold)
        stack.append(r)
        stack.append(l)
      } else {
        feature.append(-1)
        number.append(node.value.first ?? 0)
      }
    }
    right = Self.rightChildren(feature)
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    feature = try c.decode([Int].self, forKey: .feature)
    number = try c.decode([Double].self, forKey: .number)
    guard !feature.isEmpty, feature.count == number.count, let r = Self.validRightChildren(feature) else {
      throw DecodingError.dataCorruptedError(forKey: .feature, in: c, debugDescription: "not a pre-order tree")
    }
    right = r
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(feature, forKey: .feature)
    try c.encode(number, forKey: .number)
  }

  /// The largest feature index used (−1 for a single leaf).
  var maxFeature: Int { feature.max() ?? -1 }

  /// The prediction for the row starting at `row[base]`.
  @inline(__always)
  func predict(_ row: UnsafePointer<Double>) -> Double {
    var i = 0
    while feature[i] >= 0 {
      i = row[feature[i]] <= number[i] ? i + 1 : right[i]
    }
    return number[i]
  }

  private static func rightChildren(_ feature: [Int]) -> [Int] {
    validRightChildren(feature) ?? []
  }

  /// The right child of each internal node of a pre-order layout, or nil when the layout is not a tree.
  ///
  /// A node after an internal node is that node's left child; a node after a leaf is the right
  /// child of the latest internal node still without one (left subtrees end last-in, first-out).
  private static func validRightChildren(_ feature: [Int]) -> [Int]? {
    var right = [Int](repeating: -1, count: feature.count)
    var waiting: [Int] = []
    for i in feature.indices {
      if i > 0, feature[i - 1] < 0 {
        guard let p = waiting.popLast() else { return nil }
        right[p] = i
      }
      if feature[i] >= 0 { waiting.append(i) }
    }
    guard waiting.isEmpty, let last = feature.last, last < 0 else { return nil }
    return right
  }
}
