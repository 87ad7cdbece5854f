import Linalg

/// The random state of scikit-learn's tree splitter, for trees that must reproduce
/// `DecisionTreeClassifier(random_state=…)` node for node, ties included.
///
/// scikit-learn draws features with `rand_int(low, high) = low + our_rand_r() % (high − low)`,
/// where `our_rand_r` is a 32-bit xorshift (13, 17, 5) whose output is taken modulo 2³¹, seeded
/// once per fit with `RandomState(random_state).randint(0, 2³¹ − 1)`. Features found constant in
/// a node are moved to the front of the feature array and skipped by its descendants.
final class ScikitLearnFeatureDraw {
  var state: UInt32
  /// scikit-learn's `constant_features` array.
  var constantFeatures: [Int]

  init(seed: UInt32, featureCount: Int) {
    state = seed
    constantFeatures = [Int](repeating: 0, count: featureCount)
  }

  /// `rand_int(low, high, &state)`.
  func integer(_ low: Int, _ high: Int) -> Int {
    if state == 0 { state = 1 }
    state ^= state << 13
    state ^= state >> 17
    state ^= state << 5
    let value = Int(state % 0x8000_0000)
    return low + value % (high - low)
  }
}

extension TreeBuilder {
  /// scikit-learn's `node_split_best` feature loop: draws features with its generator, keeps its
  /// constant-feature bookkeeping (`constants` is the node's known-constant count in and its
  /// total after the search out) and scans thresholds with `searchSortedThresholds`.
  func findSplitAsScikitLearn(
    columns: UnsafePointer<Double>, start: Int, end: Int, weight: Double, constants: inout Int
  ) -> CandidateSplit? {
    guard let draw = scikitLearn else { return nil }
    var best: CandidateSplit?
    var bestProxy = -Double.infinity
    let known = constants
    var total = known
    var foundConstants = 0
    var drawnConstants = 0
    var visited = 0
    var fi = featureCount
    let count = end - start
    while fi > total && (visited < parameters.maxFeatures || visited <= foundConstants + drawnConstants) {
      visited += 1
      var fj = draw.integer(drawnConstants, fi - foundConstants)
      if fj < known {
        (features[drawnConstants], features[fj]) = (features[fj], features[drawnConstants])
        drawnConstants += 1
        continue
      }
      fj += foundConstants
      let feature = features[fj]
      let column = columns + feature * rowCount
      let isConstant: Bool
      if let presorted {
        isConstant = presorted.isConstant(feature, start: start, end: end)
        if !isConstant {
          scanSortedThresholds(
            feature: feature, xf: presorted.rows(feature, start: start), count: count, weight: weight,
            distinctValues: presorted.distinct[feature], best: &best, bestProxy: &bestProxy)
        }
      } else {
        gatherPairs(column: column, rows: samples + start, count: count)
        isConstant = searchSortedThresholds(
          feature: feature, count: count, weight: weight, best: &best, bestProxy: &bestProxy)
      }
      if isConstant {
        (features[fj], features[total]) = (features[total], features[fj])
        foundConstants += 1
        total += 1
        continue
      }
      fi -= 1
      (features[fi], features[fj]) = (features[fj], features[fi])
    }
    for i in 0..<known { features[i] = draw.constantFeatures[i] }
    for i in known..<(known + foundConstants) { draw.constantFeatures[i] = features[i] }
    constants = total
    return best
  }

  /// scikit-learn's Gini `proxy_impurity_improvement`, operation for operation:
  /// `−W_R·(1 − ΣR²/W_R²) − W_L·(1 − ΣL²/W_L²)`, so exact ties compare as they do there.
  @inline(__always)
  func scikitLearnGiniProxy(leftWeight: Double, rightWeight: Double) -> Double {
    let (leftSquares, rightSquares) = classSquares()
    return giniProxy(leftSquares: leftSquares, rightSquares: rightSquares, leftWeight: leftWeight, rightWeight: rightWeight)
  }
}

/// The Gini impurity `1 − Σ_k c_k² / W²` of class weights with `squares` = Σ_k c_k² summing to `weight`.
@inline(__always)
func giniImpurity(squares: Double, weight: Double) -> Double {
  1 - squares / (weight * weight)
}

/// scikit-learn's Gini `proxy_impurity_improvement` from the sums of squared class weights left and
/// right of a threshold, operation for operation: `−W_R·(1 − ΣR²/W_R²) − W_L·(1 − ΣL²/W_L²)`.
@inline(__always)
func giniProxy(leftSquares: Double, rightSquares: Double, leftWeight: Double, rightWeight: Double) -> Double {
  let giniLeft = 1.0 - leftSquares / (leftWeight * leftWeight)
  let giniRight = 1.0 - rightSquares / (rightWeight * rightWeight)
  return -rightWeight * giniRight - leftWeight * giniLeft
}

extension DecisionTree where Target == Int {
  /// Fits the tree as scikit-learn's `DecisionTreeClassifier(random_state=…)` does, including
  /// its choice among splits of exactly equal quality, for features already rounded to `Float`.
  ///
  /// - Parameters:
  ///   - x: `n × p` finite features (round them through `Float` to match scikit-learn's float32 cast).
  ///   - y: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes K ≥ 1.
  ///   - scikitLearnSeed: the splitter's `rand_r` seed, `RandomState(random_state).randint(0, 2**31 - 1)`
  ///     (209652396 for `random_state=0`).
  /// - Throws: `ForestError` as ``fit(_:_:classCount:sampleWeights:)``.
  /// - Note: supported for the best splitter with the Gini criterion and unit weights; other settings
  ///   use scikit-learn's feature order but Forest's own impurity arithmetic.
  public mutating func fit(_ x: Matrix<Double>, _ y: [Int], classCount: Int, scikitLearnSeed: UInt32) throws(ForestError) {
    let data = try TrainingData(x, labels: y, classCount: classCount, weights: nil)
    let resolved = try parameters.validated(featureCount: data.featureCount, classification: true)
    var generator = SeededGenerator(seed: seed)
    fit(data: data, resolved: resolved, weights: nil, generator: &generator, scikitLearnSeed: scikitLearnSeed)
  }
}
