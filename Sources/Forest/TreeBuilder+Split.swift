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
  /// Requires `nodeStatistics(start:end:)` to have been called for this node.
  func findSplit(
    columns: UnsafePointer<Double>, start: Int, end: Int, weight: Double, generator: inout SeededGenerator
  ) -> CandidateSplit? {
    var best: CandidateSplit?
    var bestProxy = -Double.infinity
    var examined = 0
    var drawn = 0
    while drawn < featureCount && examined < parameters.maxFeatures {
      let j = drawn + generator.integer(below: featureCount - drawn)
      let feature = features[j]
      features[j] = features[drawn]
      features[drawn] = feature
      drawn += 1
      let column = columns + feature * rowCount
      for k in start..<end { sortedValues[k] = column[Int(samples[k])] }
      let isConstant: Bool
      switch parameters.splitter {
      case .best:
        isConstant = searchSortedThresholds(
          feature: feature, start: start, end: end, weight: weight, best: &best, bestProxy: &bestProxy)
      case .random:
        isConstant = tryRandomThreshold(
          feature: feature, start: start, end: end, weight: weight, best: &best, bestProxy: &bestProxy,
          generator: &generator)
      }
      if !isConstant { examined += 1 }
    }
    return best
  }

  /// Scans every threshold between consecutive distinct sorted values of one feature; returns
  /// whether the feature is constant in the node.
  ///
  /// Thresholds are midpoints `x₍ᵢ₋₁₎/2 + x₍ᵢ₎/2` (or `x₍ᵢ₋₁₎` when the midpoint rounds up to `x₍ᵢ₎`).
  /// - Complexity: O(m log m + m·K) for `m` rows and `K` outputs.
  private func searchSortedThresholds(
    feature: Int, start: Int, end: Int, weight: Double, best: inout CandidateSplit?, bestProxy: inout Double
  ) -> Bool {
    let xf = sortedValues
    sortPairs(xf + start, samples + start, count: end - start)
    if xf[end - 1] <= xf[start] + Self.featureTolerance { return true }
    let minLeaf = parameters.minSamplesLeaf
    for k in 0..<outputCount { leftCounts[k] = 0 }
    var leftWeight = 0.0
    var leftSum = 0.0
    var moved = start
    var p = start
    while p < end {
      while p + 1 < end && xf[p + 1] <= xf[p] + Self.featureTolerance { p += 1 }
      p += 1
      guard p < end else { break }
      if p - start < minLeaf || end - p < minLeaf { continue }
      while moved < p {
        let s = Int(samples[moved])
        let w = weights[s]
        if data.isClassification { leftCounts[Int(labels[s])] += w } else { leftSum += w * targets[s] }
        leftWeight += w
        moved += 1
      }
      let proxy = proxyImprovement(leftWeight: leftWeight, rightWeight: weight - leftWeight, leftSum: leftSum)
      if proxy > bestProxy {
        bestProxy = proxy
        var threshold = xf[p - 1] / 2 + xf[p] / 2
        if threshold == xf[p] || !threshold.isFinite { threshold = xf[p - 1] }
        best = CandidateSplit(feature: feature, threshold: threshold)
      }
    }
    return false
  }

  /// Draws one threshold uniform in [min, max) of the feature's node values and scores it;
  /// returns whether the feature is constant in the node.
  ///
  /// - Complexity: O(m + K) for `m` rows.
  private func tryRandomThreshold(
    feature: Int, start: Int, end: Int, weight: Double, best: inout CandidateSplit?, bestProxy: inout Double,
    generator: inout SeededGenerator
  ) -> Bool {
    let xf = sortedValues
    var low = xf[start]
    var high = xf[start]
    for k in (start + 1)..<max(start + 1, end) {
      low = min(low, xf[k])
      high = max(high, xf[k])
    }
    if high <= low + Self.featureTolerance { return true }
    var threshold = generator.uniform(low, high)
    if threshold == high { threshold = low }
    var i = start
    var j = end
    while i < j {
      if xf[i] <= threshold {
        i += 1
      } else {
        j -= 1
        let (v, s) = (xf[i], samples[i])
        xf[i] = xf[j]
        samples[i] = samples[j]
        xf[j] = v
        samples[j] = s
      }
    }
    let minLeaf = parameters.minSamplesLeaf
    if i - start < minLeaf || end - i < minLeaf { return false }
    for k in 0..<outputCount { leftCounts[k] = 0 }
    var leftWeight = 0.0
    var leftSum = 0.0
    for k in start..<i {
      let s = Int(samples[k])
      let w = weights[s]
      if data.isClassification { leftCounts[Int(labels[s])] += w } else { leftSum += w * targets[s] }
      leftWeight += w
    }
    let proxy = proxyImprovement(leftWeight: leftWeight, rightWeight: weight - leftWeight, leftSum: leftSum)
    if proxy > bestProxy {
      bestProxy = proxy
      best = CandidateSplit(feature: feature, threshold: threshold)
    }
    return false
  }

  /// A quantity that orders splits as their impurity decrease does (scikit-learn's
  /// `proxy_impurity_improvement`): `−(W_L·I_L + W_R·I_R)` for classification,
  /// `S_L²/W_L + S_R²/W_R` (weighted target sums `S`) for squared error.
  @inline(__always)
  private func proxyImprovement(leftWeight: Double, rightWeight: Double, leftSum: Double) -> Double {
    if !data.isClassification {
      let rightSum = nodeSum - leftSum
      return leftSum * leftSum / leftWeight + rightSum * rightSum / rightWeight
    }
    if parameters.criterion == .gini {
      var leftSquares = 0.0
      var rightSquares = 0.0
      for k in 0..<outputCount {
        let l = leftCounts[k]
        let r = nodeCounts[k] - l
        leftSquares += l * l
        rightSquares += r * r
      }
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
