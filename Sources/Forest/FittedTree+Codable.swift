extension FittedTree: Codable {
  private enum CodingKeys: String, CodingKey {
    case outputCount, feature, threshold, left, right, impurity, weightedSamples, samples, values
    /// The compact pre-order form's per-node threshold (internal node) or prediction (leaf).
    case number
  }

  /// Encodes every array under its property name.
  ///
  /// - Parameter encoder: the encoder to write to.
  /// - Throws: the encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(outputCount, forKey: .outputCount)
    try c.encode(feature, forKey: .feature)
    try c.encode(threshold, forKey: .threshold)
    try c.encode(left, forKey: .left)
    try c.encode(right, forKey: .right)
    try c.encode(impurity, forKey: .impurity)
    try c.encode(weightedSamples, forKey: .weightedSamples)
    try c.encode(samples, forKey: .samples)
    try c.encode(values, forKey: .values)
  }

  /// Decodes a tree written by ``encode(to:)``, or a regression tree in the compact pre-order
  /// form `{"feature": [...], "number": [...]}` that MetaLearning's meta-model files held before
  /// (nodes depth-first, a left child right after its parent; `number` the threshold of an
  /// internal node and the prediction of a leaf; impurities and sample counts decode as 0).
  ///
  /// - Parameter decoder: the decoder to read from.
  /// - Throws: `DecodingError.dataCorrupted` when the arrays are not one tree: lengths differ,
  ///   no nodes, a child index not after its parent or out of range, a leaf with a feature.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if c.contains(.number) && !c.contains(.left) {
      let feature = try c.decode([Int32].self, forKey: .feature)
      let number = try c.decode([Double].self, forKey: .number)
      guard feature.count == number.count, let tree = Self(preOrderFeature: feature, number: number) else {
        throw DecodingError.dataCorruptedError(
          forKey: .feature, in: c, debugDescription: "not a pre-order tree of feature and number arrays")
      }
      self = tree
      return
    }
    outputCount = try c.decode(Int.self, forKey: .outputCount)
    feature = try c.decode([Int32].self, forKey: .feature)
    threshold = try c.decode([Double].self, forKey: .threshold)
    left = try c.decode([Int32].self, forKey: .left)
    right = try c.decode([Int32].self, forKey: .right)
    impurity = try c.decode([Double].self, forKey: .impurity)
    weightedSamples = try c.decode([Double].self, forKey: .weightedSamples)
    samples = try c.decode([Int32].self, forKey: .samples)
    values = try c.decode([Double].self, forKey: .values)
    if let problem = structuralProblem() {
      throw DecodingError.dataCorruptedError(forKey: .left, in: c, debugDescription: "not a fitted tree: \(problem)")
    }
  }

  /// What makes the arrays not a tree that ``leaf(for:)`` can route through, or nil.
  private func structuralProblem() -> String? {
    let n = feature.count
    guard outputCount >= 1 else { return "outputCount \(outputCount) < 1" }
    guard n >= 1 else { return "no nodes" }
    guard
      [threshold.count, left.count, right.count, impurity.count, weightedSamples.count, samples.count]
        .allSatisfy({ $0 == n }), values.count == n * outputCount
    else { return "array lengths differ from \(n) nodes (values: \(n) × \(outputCount))" }
    for i in 0..<n {
      if left[i] < 0 {
        guard right[i] < 0, feature[i] < 0 else { return "node \(i) has one child, or a feature at a leaf" }
      } else {
        guard feature[i] >= 0, Int(left[i]) > i, Int(left[i]) < n, Int(right[i]) > i, Int(right[i]) < n else {
          return "node \(i) has a negative feature or a child index outside \(i + 1)..<\(n)"
        }
      }
    }
    return nil
  }

  /// A regression tree from the compact pre-order form, or nil when the layout is not a tree.
  ///
  /// A node after an internal node is that node's left child; a node after a leaf is the right
  /// child of the latest internal node still without one (left subtrees end last-in, first-out).
  private init?(preOrderFeature feature: [Int32], number: [Double]) {
    let n = feature.count
    self.init(outputCount: 1)
    var right = [Int32](repeating: -1, count: n)
    var waiting: [Int] = []
    for i in 0..<n {
      if i > 0, feature[i - 1] < 0 {
        guard let p = waiting.popLast() else { return nil }
        right[p] = Int32(i)
      }
      if feature[i] >= 0 { waiting.append(i) }
    }
    guard waiting.isEmpty, let last = feature.last, last < 0 else { return nil }
    self.feature = feature.map { $0 < 0 ? -1 : $0 }
    self.right = right
    left = (0..<n).map { feature[$0] >= 0 ? Int32($0 + 1) : -1 }
    threshold = (0..<n).map { feature[$0] >= 0 ? number[$0] : 0 }
    values = (0..<n).map { feature[$0] >= 0 ? 0 : number[$0] }
    impurity = [Double](repeating: 0, count: n)
    weightedSamples = [Double](repeating: 0, count: n)
    samples = [Int32](repeating: 0, count: n)
  }
}
