import Linalg

/// Grows one CART tree depth-first over a `TrainingData`, with all work buffers allocated once.
///
/// Rows with weight 0 (rows a bootstrap did not draw) are left out, so node sizes count distinct
/// rows, as in scikit-learn. Each node owns a contiguous range `samples[start..<end]`; a split
/// partitions that range in place, so no node allocates.
///
/// - Complexity: per node of `m` rows, the best splitter sorts the examined features:
///   O(k · m log m) for `k` = `maxFeatures` (plus O(K) per candidate threshold for `K` classes);
///   the random splitter is O(k · m). For a balanced tree that is O(k · n log² n) in all (best)
///   and O(k · n log n) (random); memory O(n + p + K) beyond the node arrays. When
///   `usesPresorting`, the best splitter instead sorts all `p` features once (O(p · n) for
///   small-integer or `Float` values) and pays O(p · m) per split to keep them sorted, so
///   O(p · n log n) for a balanced tree, with O(p · n) memory.
final class TreeBuilder {
  /// The feature-value tolerance below which two sorted values count as equal (scikit-learn's
  /// `FEATURE_THRESHOLD`).
  static let featureTolerance = 1e-7
  /// Impurities at or below this count as pure (scikit-learn's `EPSILON`, machine epsilon).
  static let epsilon = Double.ulpOfOne

  let data: TrainingData
  let parameters: ResolvedTreeParameters
  /// Outputs per node: class count, or 1 for regression.
  let outputCount: Int
  let rowCount: Int
  let featureCount: Int
  /// Distinct rows with positive weight, the range the root owns.
  private(set) var activeCount = 0
  /// Whether every active row weighs exactly 1 (sums of weights are then row counts).
  private(set) var hasUnitWeights = true
  /// Whether every active weight is a whole number (bootstrap counts) with a total below 2³¹, so
  /// sums of weights are exact in any order; `multiplicity` then holds them as integers.
  private(set) var hasIntegerWeights = true
  /// Each row's weight as an integer when `hasIntegerWeights`.
  let multiplicity: UnsafeMutablePointer<Int32>

  /// Whether targets are class labels (copied from `data` so hot loops read a constant).
  let isClassification: Bool
  /// Whether the criterion is Gini (else entropy, for classification).
  let usesGini: Bool
  let samples: UnsafeMutablePointer<Int32>
  /// One node's values of the feature being examined, with their rows (first `m` entries used).
  let pairs: UnsafeMutablePointer<SortPair>
  let features: UnsafeMutablePointer<Int>
  let weights: UnsafeMutablePointer<Double>
  let labels: UnsafeMutablePointer<Int32>
  let targets: UnsafeMutablePointer<Double>
  /// Per-class weights of the current node (classification).
  let nodeCounts: UnsafeMutablePointer<Double>
  /// Per-class weights left of the current candidate split (classification).
  let leftCounts: UnsafeMutablePointer<Double>
  /// Per-class weights of a split node and of its right child (classification, integer weights).
  let splitCounts: UnsafeMutablePointer<Double>
  /// Four tallies of `outputCount` row counts each (see `scanUnitWeightClasses`).
  let classTallies: UnsafeMutablePointer<Int>
  /// Per run of values, its rows' class counts (`outputCount` each), for up to
  /// `Self.runTallyLimit` runs (see `scanRunTallies`).
  let runTallies: UnsafeMutablePointer<Int32>
  /// The current node's prediction (`outputCount` values).
  let nodeValue: UnsafeMutablePointer<Double>
  /// `1/i` for i in 1...rowCount (index 0 unused) when every active row weighs 1 and the
  /// criterion is Gini, for the split scan's division-free bound (`scanIntegerWeightClasses`);
  /// `nil` otherwise.
  let reciprocals: UnsafeMutablePointer<Double>?
  /// Weighted target sum of the current node (regression).
  var nodeSum = 0.0
  /// When set, features are drawn as scikit-learn's best splitter draws them (see
  /// `TreeBuilder+ScikitLearn.swift`) instead of from the `SeededGenerator`.
  var scikitLearn: ScikitLearnFeatureDraw?
  /// Every feature's rows presorted at the root when `usesPresorting`; `nil` otherwise, and then
  /// each node sorts the features it examines.
  private(set) var presorted: PresortedSamples?
  /// Whether `usesPresorting` may hold (tests turn it off to compare with per-node sorting).
  var allowsPresorting = true
  /// Whether the split scan may skip the exact Gini proxy of candidates its division-free bound
  /// rules out, and scan two classes with the count in a register (tests turn it off to compare).
  var allowsScreening = true
  /// Whether the split scan may count few-valued presorted features by runs without a branch per
  /// run (`scanRunTallies`; tests turn it off to compare).
  var allowsRunTallies = true
  /// Each feature's order over a larger matrix the data's rows were taken from, with each of its
  /// rows' index in the data (−1 if absent, each at most once): the presorted lists are then
  /// filtered from it, when every row is active and the class weights are whole numbers (so the
  /// order of equal values changes nothing).
  var presortOrder: (order: FeatureOrder, local: [Int32])?

  /// Prepares buffers for one tree.
  ///
  /// - Parameters:
  ///   - data: validated training data.
  ///   - parameters: validated hyperparameters.
  ///   - weights: per-row weights (data weights times bootstrap counts), or `nil` for the data's
  ///     own weights (all ones if it has none).
  init(data: TrainingData, parameters: ResolvedTreeParameters, weights: [Double]?) {
    self.data = data
    self.parameters = parameters
    rowCount = data.rowCount
    featureCount = data.featureCount
    outputCount = data.isClassification ? data.classCount : 1
    isClassification = data.isClassification
    usesGini = parameters.criterion == .gini
    samples = .allocate(capacity: rowCount)
    pairs = .allocate(capacity: rowCount)
    features = .allocate(capacity: featureCount)
    self.weights = .allocate(capacity: rowCount)
    labels = .allocate(capacity: data.isClassification ? rowCount : 0)
    targets = .allocate(capacity: data.isClassification ? 0 : rowCount)
    nodeCounts = .allocate(capacity: outputCount)
    leftCounts = .allocate(capacity: outputCount)
    splitCounts = .allocate(capacity: 2 * outputCount)
    classTallies = .allocate(capacity: 4 * outputCount)
    runTallies = .allocate(capacity: Self.runTallyLimit * outputCount)
    nodeValue = .allocate(capacity: outputCount)
    for f in 0..<featureCount { features[f] = f }
    multiplicity = .allocate(capacity: rowCount)
    let rowWeights = weights ?? data.weights
    var total = 0.0
    for i in 0..<rowCount {
      let w = rowWeights?[i] ?? 1
      self.weights[i] = w
      total += w
      let whole = w.rounded(.towardZero) == w && w < 0x1p31
      multiplicity[i] = whole ? Int32(w) : 0
      if !whole { hasIntegerWeights = false }
      if w > 0 {
        samples[activeCount] = Int32(i)
        activeCount += 1
        if w != 1 { hasUnitWeights = false }
      }
    }
    if total >= 0x1p31 { hasIntegerWeights = false }
    let wantsReciprocals = isClassification && usesGini && hasUnitWeights && rowCount > 0
    if wantsReciprocals {
      let table = UnsafeMutablePointer<Double>.allocate(capacity: rowCount + 1)
      table[0] = 0
      for i in 1...rowCount { table[i] = 1 / Double(i) }
      reciprocals = table
    } else {
      reciprocals = nil
    }
    if data.isClassification {
      for i in 0..<rowCount { labels[i] = data.labels[i] }
    } else {
      for i in 0..<rowCount { targets[i] = data.targets[i] }
    }
  }

  deinit {
    samples.deallocate()
    pairs.deallocate()
    features.deallocate()
    weights.deallocate()
    multiplicity.deallocate()
    labels.deallocate()
    targets.deallocate()
    nodeCounts.deallocate()
    leftCounts.deallocate()
    splitCounts.deallocate()
    classTallies.deallocate()
    runTallies.deallocate()
    nodeValue.deallocate()
    reciprocals?.deallocate()
  }

  /// A pending node: its row range, depth, and where to link it in its parent.
  private struct PendingNode {
    let start: Int
    let end: Int
    let depth: Int
    let parent: Int
    let isLeft: Bool
    /// Features known constant in this node (scikit-learn mode only).
    var constants = 0
    /// The node's weight and impurity when `nodeCounts`, `nodeValue` and `nodeSum` already hold
    /// its statistics (a left child popped right after its parent was split), else `nil`.
    var statistics: (weight: Double, impurity: Double)? = nil
  }

  /// Grows the tree, drawing feature orders (and random thresholds) from `generator`.
  func build(using generator: inout SeededGenerator) -> FittedTree {
    var nodes = FittedTree(outputCount: outputCount)
    guard activeCount > 0 else { return nodes }
    return data.columns.withUnsafeBufferPointer { columns in
      guard let base = columns.baseAddress else { return nodes }
      let rootStatistics = nodeStatistics(start: 0, end: activeCount)
      let rootWeight = rootStatistics.weight
      var stack = [
        PendingNode(start: 0, end: activeCount, depth: 0, parent: -1, isLeft: false, statistics: rootStatistics)
      ]
      while let pending = stack.popLast() {
        let (start, end) = (pending.start, pending.end)
        let (weight, impurity) = pending.statistics ?? nodeStatistics(start: start, end: end)
        let node = nodes.appendLeaf(
          impurity: impurity, weight: weight, samples: end - start,
          value: UnsafeBufferPointer(start: nodeValue, count: outputCount))
        if pending.parent >= 0 {
          if pending.isLeft {
            nodes.left[pending.parent] = Int32(node)
          } else {
            nodes.right[pending.parent] = Int32(node)
          }
        }
        guard mayBeSplit(depth: pending.depth, size: end - start, impurity: impurity) else { continue }
        if pending.depth == 0 && usesPresorting {
          let filtered = activeCount == rowCount && isClassification && hasIntegerWeights ? presortOrder : nil
          presorted = PresortedSamples(
            columns: base, rowCount: rowCount, featureCount: featureCount,
            labels: isClassification ? UnsafePointer(labels) : nil, samples: samples, activeCount: activeCount,
            order: filtered)
        }
        var constants = pending.constants
        let found =
          scikitLearn == nil
          ? findSplit(columns: base, start: start, end: end, weight: weight, generator: &generator)
          : findSplitAsScikitLearn(columns: base, start: start, end: end, weight: weight, constants: &constants)
        guard let split = found else { continue }
        // With whole-number class weights the order of rows within a node changes no sum, so the
        // split feature's presorted list (already in threshold order) can replace the partition.
        let position =
          if let presorted, isClassification && hasIntegerWeights {
            presorted.partition(
              samples: samples, start: start, end: end, feature: split.feature, threshold: split.threshold)
          } else {
            partition(columns: base, start: start, end: end, feature: split.feature, threshold: split.threshold)
          }
        // The left child's statistics last, so the buffers hold them when it is popped next.
        let (leftStats, rightStats) = childStatistics(start: start, boundary: position, end: end, weight: weight)
        let improvement =
          weight / rootWeight
          * (impurity - rightStats.weight / weight * rightStats.impurity - leftStats.weight / weight
            * leftStats.impurity)
        if improvement + Self.epsilon < parameters.minImpurityDecrease { continue }
        if let presorted,
          mayBeSplit(depth: pending.depth + 1, size: position - start, impurity: leftStats.impurity)
            || mayBeSplit(depth: pending.depth + 1, size: end - position, impurity: rightStats.impurity)
        {
          // Only the lists a descendant may examine: in scikit-learn mode those of the features not
          // known constant below this node (`features[constants...]`).
          let skip = scikitLearn == nil ? 0 : constants
          presorted.split(
            start: start, boundary: position, end: end, samples: samples,
            features: UnsafeBufferPointer(start: features + skip, count: featureCount - skip),
            splitFeature: split.feature)
        }
        nodes.feature[node] = Int32(split.feature)
        nodes.threshold[node] = split.threshold
        // Right pushed first so the left subtree is grown first, as scikit-learn's depth-first builder.
        stack.append(
          PendingNode(
            start: position, end: end, depth: pending.depth + 1, parent: node, isLeft: false, constants: constants))
        stack.append(
          PendingNode(
            start: start, end: position, depth: pending.depth + 1, parent: node, isLeft: true, constants: constants,
            statistics: leftStats))
      }
      return nodes
    }
  }

  /// The statistics of the children `samples[start..<boundary]` (left) and `samples[boundary..<end]`
  /// of a node of weight `weight` whose statistics the buffers hold; leaves the left child's in the
  /// buffers. With whole-number class weights the right child's class weights are the node's minus
  /// the left's (exact, so equal to summing them), which saves a pass over its rows.
  private func childStatistics(start: Int, boundary: Int, end: Int, weight: Double) -> (
    left: (weight: Double, impurity: Double), right: (weight: Double, impurity: Double)
  ) {
    guard isClassification && hasIntegerWeights else {
      let right = nodeStatistics(start: boundary, end: end)
      return (nodeStatistics(start: start, end: boundary), right)
    }
    let k = outputCount
    splitCounts.update(from: nodeCounts, count: k)
    let left = nodeStatistics(start: start, end: boundary)
    let rightCounts = splitCounts + k
    for c in 0..<k { rightCounts[c] = splitCounts[c] - nodeCounts[c] }
    let rightWeight = weight - left.weight
    return (left, (rightWeight, classImpurity(rightCounts, weight: rightWeight)))
  }

  /// Whether a node at `depth` with `size` rows and `impurity` is split (if a valid split exists).
  @inline(__always)
  func mayBeSplit(depth: Int, size: Int, impurity: Double) -> Bool {
    depth < parameters.maxDepth && size >= parameters.minSamplesSplit && size >= 2 * parameters.minSamplesLeaf
      && impurity > Self.epsilon
  }

  /// Whether to presort every feature once at the root rather than sort examined features per
  /// node: for the best splitter when the features examined per node are not a small share of all
  /// features and the lists (16 bytes per row and feature) fit in 64 MiB. For stumps the root
  /// sort is the same work as the per-node one, with counting or radix sorts where they apply.
  var usesPresorting: Bool {
    parameters.splitter == .best && activeCount > 1
      && featureCount <= 4 * parameters.maxFeatures && featureCount * activeCount <= 1 << 22 && allowsPresorting
  }

  /// Partitions `samples[start..<end]` so rows with `x[feature] <= threshold` come first; returns the boundary.
  func partition(columns: UnsafePointer<Double>, start: Int, end: Int, feature: Int, threshold: Double) -> Int {
    let column = columns + feature * rowCount
    var i = start
    var j = end
    while i < j {
      if column[Int(samples[i])] <= threshold {
        i += 1
      } else {
        j -= 1
        let t = samples[i]
        samples[i] = samples[j]
        samples[j] = t
      }
    }
    return i
  }

  /// The weight and impurity of `samples[start..<end]`; fills `nodeCounts`/`nodeSum` and `nodeValue`.
  ///
  /// - Complexity: O(m + K) for `m` = end − start.
  @discardableResult
  func nodeStatistics(start: Int, end: Int) -> (weight: Double, impurity: Double) {
    var weight = 0.0
    if isClassification {
      for k in 0..<outputCount { nodeCounts[k] = 0 }
      for i in start..<end {
        let s = Int(samples[i])
        nodeCounts[Int(labels[s])] += weights[s]
        weight += weights[s]
      }
      for k in 0..<outputCount { nodeValue[k] = nodeCounts[k] / weight }
      return (weight, classImpurity(nodeCounts, weight: weight))
    }
    var sum = 0.0
    var squares = 0.0
    for i in start..<end {
      let s = Int(samples[i])
      let w = weights[s]
      let y = targets[s]
      weight += w
      sum += w * y
      squares += w * y * y
    }
    nodeSum = sum
    let mean = sum / weight
    nodeValue[0] = mean
    return (weight, squares / weight - mean * mean)
  }

  /// Gini or entropy impurity of class weights `counts` summing to `weight` > 0.
  @inline(__always)
  func classImpurity(_ counts: UnsafePointer<Double>, weight: Double) -> Double {
    if usesGini {
      var squares = 0.0
      for k in 0..<outputCount { squares += counts[k] * counts[k] }
      return giniImpurity(squares: squares, weight: weight)
    }
    var entropy = 0.0
    for k in 0..<outputCount where counts[k] > 0 {
      let fraction = counts[k] / weight
      entropy -= fraction * forestLog2(fraction)
    }
    return entropy
  }
}
