extension TreeBuilder {
  /// `scanSortedThresholds` for classification with whole-number weights (unit weights, bootstrap
  /// counts), where the class weights left of a threshold are integer sums: the same thresholds
  /// and proxies (such sums are exact in any order), with the rows of a long run of equal values
  /// counted into four interleaved tallies so consecutive rows of one class do not wait on each
  /// other's update.
  ///
  /// - Complexity: O(m + B·K) for `m` rows, `B` thresholds and `K` classes.
  func scanIntegerWeightClasses(
    feature: Int, xf: UnsafePointer<SortPair>, count: Int, weight: Double, best: inout CandidateSplit?,
    bestProxy: inout Double
  ) {
    let k = outputCount
    let tally = classTallies
    tally.update(repeating: 0, count: 4 * k)
    let minLeaf = parameters.minSamplesLeaf
    let unit = hasUnitWeights
    let weightOf = UnsafePointer(multiplicity)
    let scikitLearnGini = usesGini && scikitLearn != nil
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
      let leftWeight = Double(leftTotal)
      let proxy: Double
      if scikitLearnGini {
        // `scikitLearnGiniProxy` without the round trip through `leftCounts`.
        var leftSquares = 0.0
        var rightSquares = 0.0
        for c in 0..<k {
          let l = Double(tally[c])
          let r = nodeCounts[c] - l
          leftSquares += l * l
          rightSquares += r * r
        }
        proxy = giniProxy(
          leftSquares: leftSquares, rightSquares: rightSquares, leftWeight: leftWeight,
          rightWeight: weight - leftWeight)
      } else {
        for c in 0..<k { leftCounts[c] = Double(tally[c]) }
        proxy = proxyImprovement(leftWeight: leftWeight, rightWeight: weight - leftWeight, leftSum: 0)
      }
      if proxy > bestProxy {
        bestProxy = proxy
        let low = xf[j - 1].value
        let high = xf[j].value
        var threshold = low / 2 + high / 2
        if threshold == high || !threshold.isFinite { threshold = low }
        best = CandidateSplit(feature: feature, threshold: threshold)
      }
    }
  }
}
