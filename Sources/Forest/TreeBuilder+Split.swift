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
      for k in 0..<count {
        let s = samples[start + k]
        pairs[k] = SortPair(value: column[Int(s)], sample: s)
      }
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

  /// Scans every threshold between consecutive distinct sorted values of one feature (gathered in
  /// `pairs[0..<count]`); returns whether the feature is constant in the node.
  ///
  /// Thresholds are midpoints `x₍ᵢ₋₁₎/2 + x₍ᵢ₎/2` (or `x₍ᵢ₋₁₎` when the midpoint rounds up to `x₍ᵢ₎`).
  /// - Complexity: O(m log m + m·K) for `m` rows and `K` outputs.
  func searchSortedThresholds(
    feature: Int, count: Int, weight: Double, best: inout CandidateSplit?, bestProxy: inout Double
  ) -> Bool {
    let xf = pairs
    sortPairs(xf, count: count)
    if xf[count - 1].value <= xf[0].value + Self.featureTolerance { return true }
    let minLeaf = parameters.minSamplesLeaf
    for k in 0..<outputCount { leftCounts[k] = 0 }
    var leftWeight = 0.0
    var leftSum = 0.0
    var moved = 0
    var p = 0
    while p < count {
      while p + 1 < count && xf[p + 1].value <= xf[p].value + Self.featureTolerance { p += 1 }
      p += 1
      guard p < count else { break }
      if p < minLeaf || count - p < minLeaf { continue }
      if isClassification {
        while moved < p {
          let s = Int(xf[moved].sample)
          leftCounts[Int(labels[s])] += weights[s]
          leftWeight += weights[s]
          moved += 1
        }
      } else {
        while moved < p {
          let s = Int(xf[moved].sample)
          leftSum += weights[s] * targets[s]
          leftWeight += weights[s]
          moved += 1
        }
      }
      let proxy = proxyImprovement(leftWeight: leftWeight, rightWeight: weight - leftWeight, leftSum: leftSum)
      if proxy > bestProxy {
        bestProxy = proxy
        var threshold = xf[p - 1].value / 2 + xf[p].value / 2
        if threshold == xf[p].value || !threshold.isFinite { threshold = xf[p - 1].value }
        best = CandidateSplit(feature: feature, threshold: threshold)
      }
    }
    return false
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
    var leftSquares = 0.0
    var rightSquares = 0.0
    for k in 0..<outputCount {
      let l = leftCounts[k]
      let r = nodeCounts[k] - l
      leftSquares += l * l
      rightSquares += r * r
    }
    return (leftSquares, rightSquares)
  }

  /// A quantity that orders splits as their impurity decrease does (scikit-learn's
  /// `proxy_impurity_improvement`): `−(W_L·I_L + W_R·I_R)` for classification,
  /// `S_L²/W_L + S_R²/W_R` (weighted target sums `S`) for squared error.
  @inline(__always)
  private func proxyImprovement(leftWeight: Double, rightWeight: Double, leftSum: Double) -> Double {
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
