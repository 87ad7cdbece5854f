import Linalg

/// A chosen split: rows with `x[feature] <= threshold` go left.
struct CandidateSplit {
  let feature: Int
  let threshold: Double
}

extension TreeBuilder {
  /// The best split of `samples[start..<end]`, or `nil` when no examined feature has a valid split.
  ///
  /// Features are drawn in random order without replacement (a partial Fisher–Yates shuffle of a
  /// persistent feature array, as scikit-learn does) until `maxFeatures` non-constant features
  /// have been examined or none is left. Candidates are ranked by the criterion's proxy
  /// improvement; the first strictly better one wins, so ties go to the feature drawn first.
  /// Requires `nodeStatistics(start:end:)` to have been called for this node; leaves
  /// `samples[start..<end]` untouched (the caller partitions by the returned split).
  func findSplit(
    columns: UnsafePointer<Double>, start: Int, end: Int, weight: Double, generator: inout SeededGenerator
  ) -> CandidateSplit? {
    var best: CandidateSplit?
    var bestProxy = -Double.infinity
    var examined = 0
    var drawn = 0
    let count = end - start
    while drawn < featureCount && examined < parameters.maxFeatures {
      let j = drawn + generator.integer(below: featureCount - drawn)
      let feature = features[j]
      features[j] = features[drawn]
      features[drawn] = feature
      drawn += 1
      let column = columns + feature * rowCount
      if let presorted {
        if presorted.isConstant(feature, start: start, end: end) { continue }
        scanSortedThresholds(
          feature: feature, xf: presorted.rows(feature, start: start), count: count, weight: weight,
          distinctValues: presorted.distinct[feature], best: &best, bestProxy: &bestProxy)
        examined += 1
        continue
      }
      gatherPairs(column: column, rows: samples + start, count: count)
      let isConstant: Bool
      switch parameters.splitter {
      case .best:
        isConstant = searchSortedThresholds(
          feature: feature, count: count, weight: weight, best: &best, bestProxy: &bestProxy)
      case .random:
        isConstant = tryRandomThreshold(
          feature: feature, count: count, weight: weight, best: &best, bestProxy: &bestProxy, generator: &generator)
      }
      if !isConstant { examined += 1 }
    }
    return best
  }

  /// Sorts one feature's node values (gathered in `pairs[0..<count]`) and scans its thresholds
  /// (`scanSortedThresholds`); returns whether the feature is constant in the node.
  ///
  /// - Complexity: O(m log m + m·K) for `m` rows and `K` outputs.
  func searchSortedThresholds(
    feature: Int, count: Int, weight: Double, best: inout CandidateSplit?, bestProxy: inout Double
  ) -> Bool {
    sortPairs(pairs, count: count)
    if pairs[count - 1].value <= pairs[0].value + Self.featureTolerance { return true }
    scanSortedThresholds(
      feature: feature, xf: pairs, count: count, weight: weight, distinctValues: nil, best: &best,
      bestProxy: &bestProxy)
    return false
  }

  /// Scans every threshold between consecutive distinct values of one non-constant feature, sorted
  /// ascending in `xf[0..<count]`, keeping the first strictly better one in `best`.
  ///
  /// Thresholds are midpoints `x₍ᵢ₋₁₎/2 + x₍ᵢ₎/2` (or `x₍ᵢ₋₁₎` when the midpoint rounds up to `x₍ᵢ₎`).
  /// - Parameter distinctValues: the feature's number of distinct values over all rows when `xf`
  ///   is its presorted list (`PresortedSamples.distinct`), else `nil`.
  /// - Complexity: O(m·K) for `m` rows and `K` outputs.
  func scanSortedThresholds(
    feature: Int, xf: UnsafePointer<SortPair>, count: Int, weight: Double, distinctValues: Int?,
    best: inout CandidateSplit?, bestProxy: inout Double
  ) {
    if isClassification && hasIntegerWeights {
      scanIntegerWeightClasses(
        feature: feature, xf: xf, count: count, weight: weight, distinctValues: distinctValues, best: &best,
        bestProxy: &bestProxy)
      return
    }
    // One pass: row i joins the left side, then the boundary before row i + 1 is scored if the
    // value rises there by more than the tolerance. Rows join in sorted order, so the sums are
    // those of a lazy scan that adds rows only when scoring.
    let minLeaf = parameters.minSamplesLeaf
    for k in 0..<outputCount { leftCounts[k] = 0 }
    var leftWeight = 0.0
    var leftSum = 0.0
    for i in 0..<(count - 1) {
      let s = Int(xf[i].sample)
      let w = weights[s]
      if isClassification {
        leftCounts[Int(xf[i].label)] += w
      } else {
        leftSum += w * targets[s]
      }
      leftWeight += w
      let low = xf[i].value
      let high = xf[i + 1].value
      if high <= low + Self.featureTolerance { continue }
      let p = i + 1
      if p < minLeaf || count - p < minLeaf { continue }
      let proxy = proxyImprovement(leftWeight: leftWeight, rightWeight: weight - leftWeight, leftSum: leftSum)
      if proxy > bestProxy {
        bestProxy = proxy
        best = CandidateSplit(feature: feature, threshold: Self.threshold(between: low, and: high))
      }
    }
  }

  /// The threshold between consecutive sorted values `low` < `high`: the midpoint
  /// `low/2 + high/2`, or `low` when that rounds up to `high` or overflows (scikit-learn's rule).
  @inline(__always)
  static func threshold(between low: Double, and high: Double) -> Double {
    let middle = low / 2 + high / 2
    return middle == high || !middle.isFinite ? low : middle
  }

  /// Fills `pairs[0..<count]` with the values in `column` of `rows[0..<count]`, the rows and their labels.
  @inline(__always)
  func gatherPairs(column: UnsafePointer<Double>, rows: UnsafePointer<Int32>, count: Int) {
    if isClassification {
      for k in 0..<count {
        let s = rows[k]
        pairs[k] = SortPair(value: column[Int(s)], sample: s, label: labels[Int(s)])
      }
    } else {
      for k in 0..<count {
        let s = rows[k]
        pairs[k] = SortPair(value: column[Int(s)], sample: s)
      }
    }
  }

  /// Draws one threshold uniform in [min, max) of the feature's node values (in `pairs[0..<count]`)
  /// and scores it; returns whether the feature is constant in the node.
  ///
  /// - Complexity: O(m + K) for `m` rows.
  private func tryRandomThreshold(
    feature: Int, count: Int, weight: Double, best: inout CandidateSplit?, bestProxy: inout Double,
    generator: inout SeededGenerator
  ) -> Bool {
    let xf = pairs
    var low = xf[0].value
    var high = xf[0].value
    for k in 1..<max(1, count) {
      low = min(low, xf[k].value)
      high = max(high, xf[k].value)
    }
    if high <= low + Self.featureTolerance { return true }
    var threshold = generator.uniform(low, high)
    if threshold == high { threshold = low }
    for k in 0..<outputCount { leftCounts[k] = 0 }
    var leftWeight = 0.0
    var leftSum = 0.0
    var leftRows = 0
    for k in 0..<count where xf[k].value <= threshold {
      let s = Int(xf[k].sample)
      let w = weights[s]
      if isClassification { leftCounts[Int(labels[s])] += w } else { leftSum += w * targets[s] }
      leftWeight += w
      leftRows += 1
    }
    let minLeaf = parameters.minSamplesLeaf
    if leftRows < minLeaf || count - leftRows < minLeaf { return false }
    let proxy = proxyImprovement(leftWeight: leftWeight, rightWeight: weight - leftWeight, leftSum: leftSum)
    if proxy > bestProxy {
      bestProxy = proxy
      best = CandidateSplit(feature: feature, threshold: threshold)
    }
    return false
  }

  /// Σ_k L_k² and Σ_k R_k² of the class weights left (`leftCounts`) and right of the candidate.
  @inline(__always)
  func classSquares() -> (left: Double, right: Double) {
    squaredClassWeights(left: leftCounts, node: nodeCounts, classCount: outputCount)
  }

  /// A quantity that orders splits as their impurity decrease does (scikit-learn's
  /// `proxy_impurity_improvement`): `−(W_L·I_L + W_R·I_R)` for classification,
  /// `S_L²/W_L + S_R²/W_R` (weighted target sums `S`) for squared error.
  @inline(__always)
  func proxyImprovement(leftWeight: Double, rightWeight: Double, leftSum: Double) -> Double {
    if !isClassification {
      let rightSum = nodeSum - leftSum
      return leftSum * leftSum / leftWeight + rightSum * rightSum / rightWeight
    }
    if usesGini && scikitLearn != nil {
      return scikitLearnGiniProxy(leftWeight: leftWeight, rightWeight: rightWeight)
    }
    if usesGini {
      let (leftSquares, rightSquares) = classSquares()
      return -(leftWeight - leftSquares / leftWeight) - (rightWeight - rightSquares / rightWeight)
    }
    var total = 0.0
    for k in 0..<outputCount {
      let l = leftCounts[k]
      let r = nodeCounts[k] - l
      if l > 0 { total += l * forestLog2(l / leftWeight) }
      if r > 0 { total += r * forestLog2(r / rightWeight) }
    }
    return total
  }
}

/// Σ_k L_k² and Σ_k R_k² for class weights `left` of a candidate split and `node − left` right
/// of it, summed in class order.
@inline(__always)
func squaredClassWeights(
  left: UnsafePointer<Double>, node: UnsafePointer<Double>, classCount: Int
) -> (left: Double, right: Double) {
  var leftSquares = 0.0
  var rightSquares = 0.0
  for k in 0..<classCount {
    let l = left[k]
    let r = node[k] - l
    leftSquares += l * l
    rightSquares += r * r
  }
  return (leftSquares, rightSquares)
}
