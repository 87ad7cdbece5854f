extension TreeBuilder {
  /// The most runs of values ``scanRunTallies(feature:xf:count:runs:weight:screen:best:bestProxy:)``
  /// keeps class counts for.
  static let runTallyLimit = 64

  /// `scanSortedThresholds` for classification with whole-number weights (unit weights, bootstrap
  /// counts), where the class weights left of a threshold are integer sums: the same thresholds
  /// and proxies (such sums are exact in any order), with the rows of a long run of equal values
  /// counted into four interleaved tallies so consecutive rows of one class do not wait on each
  /// other's update.
  ///
  /// - Parameter distinctValues: the feature's number of distinct values over all rows when
  ///   `xf` is its presorted list (a bound on the node's runs), else `nil`. With more than two
  ///   classes, unit weights and at most ``runTallyLimit`` of them, the scan is
  ///   ``scanRunTallies(feature:xf:count:runs:weight:screen:best:bestProxy:)``; two classes keep
  ///   their count in a register instead (`scanUnitWeightTwoClasses`: faster on chess, mushroom
  ///   and kr-vs-k, by measurement).
  /// - Complexity: O(m + B·K) for `m` rows, `B` thresholds and `K` classes.
  func scanIntegerWeightClasses(
    feature: Int, xf: UnsafePointer<SortPair>, count: Int, weight: Double, distinctValues: Int?,
    best: inout CandidateSplit?, bestProxy: inout Double
  ) {
    let k = outputCount
    let scikitLearnGini = usesGini && scikitLearn != nil
    let screens = allowsScreening && scikitLearnGini && hasUnitWeights && weight == Double(count)
    let screen = screens ? reciprocals.map { UnsafePointer($0) } : nil
    if k > 2, hasUnitWeights, allowsRunTallies, let distinctValues, distinctValues <= Self.runTallyLimit {
      scanRunTallies(
        feature: feature, xf: xf, count: count, runs: min(count, distinctValues), weight: weight, screen: screen,
        best: &best, bestProxy: &bestProxy)
      return
    }
    if k == 2, let screen {
      scanUnitWeightTwoClasses(
        feature: feature, xf: xf, count: count, weight: weight, reciprocal: screen, best: &best, bestProxy: &bestProxy)
      return
    }
    let tally = classTallies
    tally.update(repeating: 0, count: 4 * k)
    let minLeaf = parameters.minSamplesLeaf
    let unit = hasUnitWeights
    let weightOf = UnsafePointer(multiplicity)
    var leftTotal = 0
    var i = 0
    while true {
      // Rows i..<j: one run of values, each within the tolerance of the one before.
      var j = i + 1
      while j < count && xf[j].value <= xf[j - 1].value + Self.featureTolerance { j += 1 }
      guard j < count else { return }
      if unit {
        leftTotal = j
        if j - i >= 16 {
          var r = i
          while r + 4 <= j {
            tally[Int(xf[r].label)] += 1
            tally[k + Int(xf[r + 1].label)] += 1
            tally[2 * k + Int(xf[r + 2].label)] += 1
            tally[3 * k + Int(xf[r + 3].label)] += 1
            r += 4
          }
          while r < j {
            tally[Int(xf[r].label)] += 1
            r += 1
          }
          // Folded into the first tally, so a threshold reads one count per class.
          for c in 0..<k {
            tally[c] += tally[k + c] + tally[2 * k + c] + tally[3 * k + c]
            tally[k + c] = 0
            tally[2 * k + c] = 0
            tally[3 * k + c] = 0
          }
        } else {
          for r in i..<j { tally[Int(xf[r].label)] += 1 }
        }
      } else {
        for r in i..<j {
          let w = Int(weightOf[Int(xf[r].sample)])
          tally[Int(xf[r].label)] += w
          leftTotal += w
        }
      }
      i = j
      if j < minLeaf || count - j < minLeaf { continue }
      scoreClassThreshold(
        left: tally, leftRows: j, leftWeight: Double(leftTotal), feature: feature, xf: xf, count: count,
        weight: weight, screen: screen, best: &best, bestProxy: &bestProxy)
    }
  }

  /// `scanIntegerWeightClasses` for unit weights and a feature with at most ``runTallyLimit``
  /// runs in the node, without a branch per run: one pass counts each row into its run's class
  /// counts (the run index rising by one where the value rises by more than the tolerance);
  /// then each threshold adds one run's counts to the left side's (and its rows to the left
  /// side's row count, which places the threshold).
  /// Same thresholds in the same order, with the same integer counts, so the same proxies and
  /// choice; what it saves is the mispredicted branch at each run's end.
  ///
  /// - Parameter runs: a bound on the node's runs of values (at most ``runTallyLimit``).
  /// - Complexity: O(m + R·K) for `m` rows, `R` ≤ `runs` runs and `K` classes.
  func scanRunTallies(
    feature: Int, xf: UnsafePointer<SortPair>, count: Int, runs: Int, weight: Double, screen: UnsafePointer<Double>?,
    best: inout CandidateSplit?, bestProxy: inout Double
  ) {
    let k = outputCount
    let counts = runTallies
    counts.update(repeating: 0, count: runs * k)
    var run = 0
    var previous = xf[0].value
    for r in 0..<count {
      let value = xf[r].value
      run &+= value > previous + Self.featureTolerance ? 1 : 0
      previous = value
      counts[run &* k &+ Int(xf[r].label)] &+= 1
    }
    let left = classTallies
    left.update(repeating: 0, count: k)
    let minLeaf = parameters.minSamplesLeaf
    var j = 0  // the rows up to the current threshold
    // Runs 0..<run each end at a threshold (the last run, `run`, does not).
    for q in 0..<run {
      let runCounts = counts + q * k
      for c in 0..<k {
        left[c] += Int(runCounts[c])
        j += Int(runCounts[c])
      }
      if j < minLeaf || count - j < minLeaf { continue }
      scoreClassThreshold(
        left: left, leftRows: j, leftWeight: Double(j), feature: feature, xf: xf, count: count, weight: weight,
        screen: screen, best: &best, bestProxy: &bestProxy)
    }
  }

  /// Scores the threshold after the node's first `j` rows (of `count`, sorted in `xf`), whose
  /// integer class weights are `left` (summing to `leftWeight`), against `best`: scikit-learn's
  /// Gini proxy from the square sums (skipped when `screen`, the table of 1/i, shows it cannot
  /// win: ``cannotBeat(_:leftSquares:rightSquares:leftRows:count:weight:reciprocal:)``), else
  /// `proxyImprovement`.
  @inline(__always)
  private func scoreClassThreshold(
    left: UnsafePointer<Int>, leftRows j: Int, leftWeight: Double, feature: Int, xf: UnsafePointer<SortPair>,
    count: Int, weight: Double, screen: UnsafePointer<Double>?, best: inout CandidateSplit?, bestProxy: inout Double
  ) {
    let k = outputCount
    let proxy: Double
    if usesGini && scikitLearn != nil {
      // `scikitLearnGiniProxy` without the round trip through `leftCounts`.
      var leftSquares = 0.0
      var rightSquares = 0.0
      for c in 0..<k {
        let l = Double(left[c])
        let r = nodeCounts[c] - l
        leftSquares += l * l
        rightSquares += r * r
      }
      if let screen,
        Self.cannotBeat(
          bestProxy, leftSquares: leftSquares, rightSquares: rightSquares, leftRows: j, count: count, weight: weight,
          reciprocal: screen)
      {
        return
      }
      proxy = giniProxy(
        leftSquares: leftSquares, rightSquares: rightSquares, leftWeight: leftWeight,
        rightWeight: weight - leftWeight)
    } else {
      for c in 0..<k { leftCounts[c] = Double(left[c]) }
      proxy = proxyImprovement(leftWeight: leftWeight, rightWeight: weight - leftWeight, leftSum: 0)
    }
    if proxy > bestProxy {
      bestProxy = proxy
      best = CandidateSplit(feature: feature, threshold: Self.threshold(between: xf[j - 1].value, and: xf[j].value))
    }
  }

  /// `scanIntegerWeightClasses` for two classes, unit weights and scikit-learn's Gini: the
  /// left side's class-1 count is kept in a register (a run of equal values adds its labels),
  /// so no row waits on a tally in memory. Same thresholds, proxies (both classes' counts are
  /// the same exact integers, squared and summed in the same order) and screen.
  private func scanUnitWeightTwoClasses(
    feature: Int, xf: UnsafePointer<SortPair>, count: Int, weight: Double, reciprocal: UnsafePointer<Double>,
    best: inout CandidateSplit?, bestProxy: inout Double
  ) {
    let minLeaf = parameters.minSamplesLeaf
    let (node0, node1) = (nodeCounts[0], nodeCounts[1])
    var top = bestProxy  // a local the loop keeps in a register
    defer { bestProxy = top }
    var leftOnes = 0
    var i = 0
    while true {
      // Rows i..<j: one run of values, each within the tolerance of the one before.
      leftOnes += Int(xf[i].label)
      var j = i + 1
      while j < count && xf[j].value <= xf[j - 1].value + Self.featureTolerance {
        leftOnes += Int(xf[j].label)
        j += 1
      }
      guard j < count else { return }
      i = j
      if j < minLeaf || count - j < minLeaf { continue }
      let l1 = Double(leftOnes)
      let l0 = Double(j - leftOnes)
      let r0 = node0 - l0
      let r1 = node1 - l1
      let leftSquares = l0 * l0 + l1 * l1
      let rightSquares = r0 * r0 + r1 * r1
      if Self.cannotBeat(
        top, leftSquares: leftSquares, rightSquares: rightSquares, leftRows: j, count: count, weight: weight,
        reciprocal: reciprocal)
      {
        continue
      }
      let leftWeight = Double(j)
      let proxy = giniProxy(
        leftSquares: leftSquares, rightSquares: rightSquares, leftWeight: leftWeight, rightWeight: weight - leftWeight)
      if proxy > top {
        top = proxy
        best = CandidateSplit(feature: feature, threshold: Self.threshold(between: xf[j - 1].value, and: xf[j].value))
      }
    }
  }

  /// The division-free screen of the unit-weight Gini scans: whether the candidate with
  /// `leftRows` of the node's `count` rows (weight `weight` = `count`) on the left, class-count
  /// square sums `leftSquares` and `rightSquares`, cannot be strictly better than `bestProxy`,
  /// so its exact `giniProxy` (two divisions) can be skipped.
  ///
  /// giniProxy computes P = −r·(1 − R/r²) − l·(1 − L/l²) for left/right weights l + r = W and
  /// square sums L ≤ l², R ≤ r²: l², r² are exact (below 2⁵³), the quotient has relative error
  /// ≤ u = 2⁻⁵³ and lies in [0, 1], so 1 − q is within 2u, r·(1 − q) within 3u·r, and the final
  /// difference within u·W: |P_computed − P| ≤ 4u·W + O(u²). The screen A = R·(1/r) + L·(1/l) − W,
  /// with each 1/x rounded once (`reciprocal`, the table of 1/i), is within 2u·r, 2u·l and then
  /// (with its two roundings of magnitude ≤ W) 3u·W of P, so |A − P_computed| ≤ 11u·W. A
  /// candidate with A + slack ≤ bestProxy, slack = 128u·W, therefore cannot beat it strictly (the
  /// only test that keeps one).
  @inline(__always)
  static func cannotBeat(
    _ bestProxy: Double, leftSquares: Double, rightSquares: Double, leftRows j: Int, count: Int, weight: Double,
    reciprocal: UnsafePointer<Double>
  ) -> Bool {
    let slack = weight * 0x1p-46
    return rightSquares * reciprocal[count - j] + leftSquares * reciprocal[j] - weight + slack <= bestProxy
  }
}
