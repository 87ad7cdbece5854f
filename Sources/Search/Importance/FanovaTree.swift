import Forest

/// One regression tree viewed as a piecewise-constant function on a bounded box, for
/// functional ANOVA (Hutter, Hoos & Leyton-Brown 2014, "An efficient approach for assessing
/// hyperparameter importance", ICML). A port of Optuna 5.0's `optuna/importance/_fanova/_tree.py`.
///
/// Each leaf `ℓ` covers a box `B_ℓ` of the bounds `Θ = Πⱼ [lowⱼ, highⱼ]` and predicts `v_ℓ`;
/// its weight is the box volume `|B_ℓ|`. The tree's total variance over uniform `θ ∈ Θ` is
/// ```
/// V = Σ_ℓ |B_ℓ| (v_ℓ − v̄)² / Σ_ℓ |B_ℓ|,   v̄ = Σ_ℓ |B_ℓ| v_ℓ / Σ_ℓ |B_ℓ|.
/// ```
/// For a set of features `S`, the marginal `f_S(θ_S)` (the mean over the other features) is
/// constant on the cells of the grid cut by the tree's thresholds on `S`; it is evaluated at the
/// cell midpoints, and the marginal variance `V_S` is the variance of `f_S` over the cells
/// weighted by their volume (sizes multiplied). `V_S / V` is the fraction of variance explained.
struct FanovaTree {
  private let tree: FittedTree
  private let bounds: [(low: Double, high: Double)]
  /// Per node: the volume-weighted mean prediction of its box, and the box volume.
  private var statValue: [Double]
  private var statWeight: [Double]
  /// Per feature: the midpoints and widths of the cells cut by the tree's thresholds.
  private var midpoints: [[Double]] = []
  private var sizes: [[Double]] = []
  /// Per node: which features its subtree splits on.
  private var subtreeFeatures: [[Bool]]
  /// Per node and feature (row-major, `n × p`): the node's box in the bounds.
  private var boxLow: [Double]
  private var boxHigh: [Double]
  /// The total variance V of the tree over the box.
  private(set) var variance: Double = 0

  init(_ tree: FittedTree, bounds: [(low: Double, high: Double)]) {
    self.tree = tree
    self.bounds = bounds
    let n = tree.nodeCount
    let p = bounds.count
    statValue = [Double](repeating: 0, count: n)
    statWeight = [Double](repeating: 0, count: n)
    subtreeFeatures = [[Bool]](repeating: [Bool](repeating: false, count: p), count: n)
    boxLow = [Double](repeating: 0, count: n * p)
    boxHigh = [Double](repeating: 0, count: n * p)

    // Leaves: value and box volume; children always have larger indices than their parent.
    var boxes: [[(low: Double, high: Double)]?] = Array(repeating: nil, count: n)
    boxes[0] = bounds
    for i in 0..<n {
      guard let box = boxes[i] else { continue }
      for j in 0..<p {
        boxLow[i * p + j] = box[j].low
        boxHigh[i * p + j] = box[j].high
      }
      if tree.isLeaf(i) {
        statValue[i] = tree.values[i]
        statWeight[i] = Self.volume(box)
      } else {
        let (l, r) = Self.split(box, feature: Int(tree.feature[i]), threshold: tree.threshold[i])
        boxes[Int(tree.left[i])] = l
        boxes[Int(tree.right[i])] = r
      }
    }
    // Internal nodes, bottom-up: volume-weighted mean of the children.
    for i in stride(from: n - 1, through: 0, by: -1) where !tree.isLeaf(i) {
      let (l, r) = (Int(tree.left[i]), Int(tree.right[i]))
      let w = statWeight[l] + statWeight[r]
      statWeight[i] = w
      statValue[i] = w > 0 ? (statValue[l] * statWeight[l] + statValue[r] * statWeight[r]) / w : 0
      subtreeFeatures[i][Int(tree.feature[i])] = true
      for j in 0..<p where subtreeFeatures[l][j] || subtreeFeatures[r][j] {
        subtreeFeatures[i][j] = true
      }
    }
    // Cells per feature: the bounds cut at the sorted distinct thresholds.
    var cuts = [Set<Double>](repeating: [], count: p)
    for i in 0..<n where !tree.isLeaf(i) { cuts[Int(tree.feature[i])].insert(tree.threshold[i]) }
    for j in 0..<p {
      let edges = [bounds[j].low] + cuts[j].sorted() + [bounds[j].high]
      midpoints.append(zip(edges, edges.dropFirst()).map { 0.5 * ($0 + $1) })
      sizes.append(zip(edges, edges.dropFirst()).map { $1 - $0 })
    }
    let leaves = (0..<n).filter(tree.isLeaf)
    variance = Self.weightedVariance(leaves.map { statValue[$0] }, leaves.map { statWeight[$0] })
  }

  /// The marginal variance `V_S` of the features `S` (e.g. the one-hot columns of one parameter).
  ///
  /// - Complexity: the product of the features' cell counts, times a partial tree traversal.
  func marginalVariance(of features: [Int]) -> Double {
    var values: [Double] = []
    var weights: [Double] = []
    var index = [Int](repeating: 0, count: features.count)
    var sample = [Double?](repeating: nil, count: bounds.count)
    while true {
      var size = 1.0
      for (k, f) in features.enumerated() {
        sample[f] = midpoints[f][index[k]]
        size *= sizes[f][index[k]]
      }
      let (v, w) = marginalised(sample)
      values.append(v)
      weights.append(w * size)
      // Next combination (last feature fastest, as itertools.product).
      var k = features.count - 1
      while k >= 0 {
        index[k] += 1
        if index[k] < midpoints[features[k]].count { break }
        index[k] = 0
        k -= 1
      }
      if k < 0 { break }
    }
    return Swift.max(Self.weightedVariance(values, weights), 0)
  }

  /// The mean prediction over the features absent from `sample` with the present ones fixed,
  /// and the volume (over the absent features) it averages over.
  ///
  /// Optuna carries a box along the traversal, resetting absent features to [0, 1]; the box of
  /// the present features at a node is the node's own box restricted to them (the path's only
  /// narrowing splits are on present features), so their widths are read from `boxLow/High`.
  private func marginalised(_ sample: [Double?]) -> (value: Double, weight: Double) {
    let p = bounds.count
    let present = (0..<p).filter { sample[$0] != nil }
    var stack = [0]
    var sum = 0.0
    var total = 0.0
    while let i = stack.popLast() {
      if !tree.isLeaf(i) {
        let f = Int(tree.feature[i])
        if let x = sample[f] {
          stack.append(x <= tree.threshold[i] ? Int(tree.left[i]) : Int(tree.right[i]))
          continue
        }
        if present.contains(where: { subtreeFeatures[i][$0] }) {
          stack.append(Int(tree.right[i]))
          stack.append(Int(tree.left[i]))
          continue
        }
      }
      var volume = 1.0
      for j in present { volume *= boxHigh[i * p + j] - boxLow[i * p + j] }
      let w = statWeight[i] / volume
      sum += statValue[i] * w
      total += w
    }
    return (total > 0 ? sum / total : 0, total)
  }

  private static func split(
    _ box: [(low: Double, high: Double)], feature f: Int, threshold t: Double
  ) -> (left: [(low: Double, high: Double)], right: [(low: Double, high: Double)]) {
    var l = box
    var r = box
    l[f].high = t
    r[f].low = t
    return (l, r)
  }

  private static func volume(_ box: [(low: Double, high: Double)]) -> Double {
    box.reduce(1) { $0 * ($1.high - $1.low) }
  }

  /// `Σ wᵢ (xᵢ − x̄)² / Σ wᵢ` with `x̄ = Σ wᵢ xᵢ / Σ wᵢ` (numpy's `average`); 0 when Σ w = 0.
  static func weightedVariance(_ x: [Double], _ w: [Double]) -> Double {
    let total = w.reduce(0, +)
    guard total > 0 else { return 0 }
    let mean = zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } / total
    return zip(x, w).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / total
  }
}
