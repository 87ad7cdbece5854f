import Linalg

extension DecisionTree where Target == Int {
  /// Creates an unfitted classification tree; defaults are scikit-learn's `DecisionTreeClassifier`.
  ///
  /// - Parameters:
  ///   - criterion: `.gini` (default) or `.entropy`.
  ///   - splitter: `.best` (default) or `.random`.
  ///   - maxDepth: maximum depth ≥ 1, `nil` (default) for unlimited.
  ///   - minSamplesSplit: ≥ 2, default 2.
  ///   - minSamplesLeaf: ≥ 1, default 1.
  ///   - maxFeatures: features examined per node, default `.all`.
  ///   - minImpurityDecrease: ≥ 0, default 0.
  ///   - seed: seeds the feature order at each node (any value, default 0).
  public init(
    criterion: SplitCriterion = .gini, splitter: Splitter = .best, maxDepth: Int? = nil,
    minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, maxFeatures: MaxFeatures = .all,
    minImpurityDecrease: Double = 0, seed: UInt64 = 0
  ) {
    self.init(
      parameters: TreeParameters(
        criterion: criterion, splitter: splitter, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
        minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures, minImpurityDecrease: minImpurityDecrease),
      seed: seed)
  }

  /// Fits the tree to class labels.
  ///
  /// - Parameters:
  ///   - x: `n × p` finite features, n ≥ 1, p ≥ 1.
  ///   - y: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes K ≥ 1.
  ///   - sampleWeights: `n` finite weights ≥ 0 with a positive sum (bootstrap counts), or `nil` for ones.
  /// - Throws: `ForestError` on empty or non-finite features, a label out of range, mismatched
  ///   row counts, invalid weights or invalid hyperparameters.
  /// - Complexity: O(k · n log² n) for a balanced tree with `k` features examined per node.
  public mutating func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, sampleWeights: [Double]? = nil
  ) throws(ForestError) {
    let data = try TrainingData(x, labels: y, classCount: classCount, weights: sampleWeights)
    var generator = SeededGenerator(seed: seed)
    try fit(data: data, weights: nil, generator: &generator)
  }

  /// The class probabilities of each row: the weighted class fractions of its leaf.
  ///
  /// - Parameter x: `m × p` finite features (m ≥ 0) with the fitted `p`.
  /// - Returns: an `m × classCount` matrix whose rows sum to 1.
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the tree is fitted.
  /// - Complexity: O(m · (depth + K)).
  public func predictProbabilities(_ x: Matrix<Double>) throws(ForestError) -> Matrix<Double> {
    try checkPredictionInput(x)
    return leafValues(of: x)
  }

  /// The most probable class of each row (the lowest label among ties, as numpy's `argmax`).
  ///
  /// - Parameter x: `m × p` finite features with the fitted `p`.
  /// - Returns: `m` labels in `0..<classCount`.
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the tree is fitted.
  public func predict(_ x: Matrix<Double>) throws(ForestError) -> [Int] {
    argmaxRows(try predictProbabilities(x))
  }
}

extension DecisionTree where Target == Double {
  /// Creates an unfitted regression tree; defaults are scikit-learn's `DecisionTreeRegressor`.
  ///
  /// - Parameters:
  ///   - splitter: `.best` (default) or `.random`.
  ///   - maxDepth: maximum depth ≥ 1, `nil` (default) for unlimited.
  ///   - minSamplesSplit: ≥ 2, default 2.
  ///   - minSamplesLeaf: ≥ 1, default 1.
  ///   - maxFeatures: features examined per node, default `.all`.
  ///   - minImpurityDecrease: ≥ 0, default 0.
  ///   - seed: seeds the feature order at each node (any value, default 0).
  public init(
    splitter: Splitter = .best, maxDepth: Int? = nil, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1,
    maxFeatures: MaxFeatures = .all, minImpurityDecrease: Double = 0, seed: UInt64 = 0
  ) {
    self.init(
      parameters: TreeParameters(
        criterion: .squaredError, splitter: splitter, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
        minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures, minImpurityDecrease: minImpurityDecrease),
      seed: seed)
  }

  /// Fits the tree to regression targets with the squared-error criterion.
  ///
  /// - Parameters:
  ///   - x: `n × p` finite features, n ≥ 1, p ≥ 1.
  ///   - y: `n` finite targets.
  ///   - sampleWeights: `n` finite weights ≥ 0 with a positive sum, or `nil` for ones.
  /// - Throws: `ForestError` on empty or non-finite data, mismatched row counts, invalid weights
  ///   or invalid hyperparameters.
  /// - Complexity: O(k · n log² n) for a balanced tree with `k` features examined per node.
  public mutating func fit(_ x: Matrix<Double>, _ y: [Double], sampleWeights: [Double]? = nil) throws(ForestError) {
    let data = try TrainingData(x, targets: y, weights: sampleWeights)
    var generator = SeededGenerator(seed: seed)
    try fit(data: data, weights: nil, generator: &generator)
  }

  /// The predicted value of each row: the weighted mean target of its leaf.
  ///
  /// - Parameter x: `m × p` finite features with the fitted `p`.
  /// - Returns: `m` predictions.
  /// - Throws: `ForestError.featureCountMismatch` or `.nonFiniteFeature`.
  /// - Precondition: the tree is fitted.
  /// - Complexity: O(m · depth).
  public func predict(_ x: Matrix<Double>) throws(ForestError) -> [Double] {
    try checkPredictionInput(x)
    return leafValues(of: x).storage
  }
}

/// The index of the largest element of each row (first among ties).
func argmaxRows(_ m: Matrix<Double>) -> [Int] {
  (0..<m.rows).map { i in
    var best = 0
    for j in 1..<max(1, m.columns) where m.storage[i * m.columns + j] > m.storage[i * m.columns + best] { best = j }
    return best
  }
}
