import Forest
import Linalg
import Testing

@Suite struct DecisionTreeTests {
  /// 8 rows, 2 features, 3 classes (counts 1/4/3), chosen so Gini and entropy disagree at the root.
  ///
  /// Gini: x0 ≤ 2.5 leaves {2, 2} (pure) and {0,1,1,1,2,1} (Gini 1 − 18/36 = 1/2): weighted 6/8·1/2 = 0.375,
  /// better than x0 ≤ 7.5 (7/8 · 24/49 = 3/7 ≈ 0.4286).
  /// Entropy: x0 ≤ 7.5 leaves {1,1,1,1,2,2,2} (H(4/7, 3/7) ≈ 0.9852) and {0}: 7/8 · 0.9852 ≈ 0.8621,
  /// better than x0 ≤ 2.5 (6/8 · H(1/6, 4/6, 1/6) ≈ 0.9387).
  static let x = Matrix<Double>([[8, 7], [1, 5], [4, 1], [3, 6], [2, 3], [6, 4], [5, 8], [7, 2]])
  static let y = [0, 2, 1, 1, 2, 1, 2, 1]
}

// MARK: - Hand-computed splits

extension DecisionTreeTests {
  @Test func giniRootSplitMatchesHandComputation() throws {
    var tree = DecisionTree<Int>(criterion: .gini, maxDepth: 1)
    try tree.fit(Self.x, Self.y, classCount: 3)
    let root = tree.node(at: 0)
    #expect(root.feature == 0)
    #expect(root.threshold == 2.5)
    #expect(abs(root.impurity - (1 - (1.0 + 16 + 9) / 64)) < 1e-15)
    let left = tree.node(at: try #require(root.left))
    let right = tree.node(at: try #require(root.right))
    #expect(left.sampleCount == 2 && left.impurity == 0 && left.value == [0, 0, 1])
    #expect(right.sampleCount == 6 && abs(right.impurity - 0.5) < 1e-15)
    #expect(right.value.map { $0 * 6 } == [1, 4, 1])
  }

  @Test func entropyRootSplitMatchesHandComputation() throws {
    var tree = DecisionTree<Int>(criterion: .entropy, maxDepth: 1)
    try tree.fit(Self.x, Self.y, classCount: 3)
    let root = tree.node(at: 0)
    #expect(root.feature == 0)
    #expect(root.threshold == 7.5)
    #expect(abs(root.impurity - entropyBits([1, 4, 3])) < 1e-12)
    let left = tree.node(at: try #require(root.left))
    #expect(left.sampleCount == 7 && abs(left.impurity - entropyBits([4, 3])) < 1e-12)
    #expect(tree.node(at: try #require(root.right)).value == [1, 0, 0])
    let probabilities = try tree.predictProbabilities(Matrix([[1, 1]]))
    #expect(probabilities.storage.map { $0 * 7 } == [0, 4, 3])
  }

  @Test func thresholdsAreMidpointsOfDistinctSortedValues() throws {
    // Values 1, 1, 2, 4, 4 with labels 0, 0, 0, 1, 1: the only pure split lies between 2 and 4.
    var tree = DecisionTree<Int>()
    try tree.fit(Matrix([[1], [4], [2], [1], [4]]), [0, 1, 0, 0, 1], classCount: 2)
    #expect(tree.nodeCount == 3)
    #expect(tree.node(at: 0).threshold == 3)
  }

  // MARK: - Growth limits

  @Test func unlimitedTreeFitsDistinctRowsPerfectly() throws {
    var rng = SeededGenerator(seed: 11)
    let x = uniformMatrix(300, 4, &rng)
    let labels = (0..<300).map { _ in rng.integer(below: 3) }
    var classifier = DecisionTree<Int>(seed: 3)
    try classifier.fit(x, labels, classCount: 3)
    #expect(try classifier.predict(x) == labels)
    let targets = (0..<300).map { _ in rng.normal() }
    var regressor = DecisionTree<Double>(seed: 3)
    try regressor.fit(x, targets)
    #expect(try regressor.predict(x) == targets)
  }

  @Test func minSamplesLeafAndMaxDepthAreRespected() throws {
    var rng = SeededGenerator(seed: 5)
    let x = uniformMatrix(400, 3, &rng)
    let labels = (0..<400).map { _ in rng.integer(below: 2) }
    var leafy = DecisionTree<Int>(minSamplesLeaf: 7)
    try leafy.fit(x, labels, classCount: 2)
    let leaves = (0..<leafy.nodeCount).map { leafy.node(at: $0) }.filter { $0.feature == nil }
    #expect(leaves.allSatisfy { $0.sampleCount >= 7 })
    #expect(leaves.map(\.sampleCount).reduce(0, +) == 400)
    var shallow = DecisionTree<Int>(maxDepth: 3)
    try shallow.fit(x, labels, classCount: 2)
    #expect(shallow.depth == 3)
    #expect(shallow.leafCount <= 8)
    var splitLimited = DecisionTree<Int>(minSamplesSplit: 50)
    try splitLimited.fit(x, labels, classCount: 2)
    let splitNodes = (0..<splitLimited.nodeCount).map { splitLimited.node(at: $0) }.filter { $0.feature != nil }
    #expect(splitNodes.allSatisfy { $0.sampleCount >= 50 })
  }

  @Test func minImpurityDecreaseStopsWeakSplits() throws {
    var rng = SeededGenerator(seed: 9)
    let x = uniformMatrix(200, 2, &rng)
    let labels = (0..<200).map { _ in rng.integer(below: 2) }
    var tree = DecisionTree<Int>(minImpurityDecrease: 1)
    try tree.fit(x, labels, classCount: 2)
    #expect(tree.nodeCount == 1)
    #expect(tree.featureImportances == [0, 0])
  }

  // MARK: - Regression

  @Test func regressionTreeRecoversStepAndLeafMeans() throws {
    let xs = (0..<20).map(Double.init)
    let ys = xs.map {
      $0 < 8 ? 10 + $0.truncatingRemainder(dividingBy: 3) : -4 + 0.5 * $0.truncatingRemainder(dividingBy: 2)
    }
    var tree = DecisionTree<Double>(maxDepth: 1)
    try tree.fit(Matrix(xs.map { [$0] }), ys)
    let root = tree.node(at: 0)
    #expect(root.feature == 0 && root.threshold == 7.5)
    let leftMean = ys[0..<8].reduce(0, +) / 8
    let rightMean = ys[8...].reduce(0, +) / 12
    #expect(abs(tree.node(at: try #require(root.left)).value[0] - leftMean) < 1e-12)
    #expect(abs(tree.node(at: try #require(root.right)).value[0] - rightMean) < 1e-12)
    #expect(
      try tree.predict(Matrix([[3], [7.49], [7.51], [100]])).map { ($0 * 1e9).rounded() / 1e9 }
        == [leftMean, leftMean, rightMean, rightMean].map { ($0 * 1e9).rounded() / 1e9 })
  }

  @Test func sampleWeightsActAsRepeatedRows() throws {
    let x = Matrix<Double>([[1], [2], [3], [4]])
    var weighted = DecisionTree<Double>(maxDepth: 1)
    try weighted.fit(x, [0, 0, 1, 10], sampleWeights: [1, 2, 0, 1])
    // Row 3 has weight 0 and is ignored: left mean (1·0 + 2·0)/3 = 0, right 10, split between 2 and 4.
    #expect(weighted.node(at: 0).threshold == 3)
    #expect(try weighted.predict(Matrix([[1], [4]])) == [0, 10])
    #expect(weighted.node(at: 0).weightedSampleCount == 4)
  }

  @Test func randomSplitterThresholdsLieInsideNodeRange() throws {
    var rng = SeededGenerator(seed: 2)
    let x = uniformMatrix(100, 3, &rng)
    let labels = (0..<100).map { x[$0, 0] > 0.5 ? 1 : 0 }
    var tree = DecisionTree<Int>(splitter: .random, seed: 4)
    try tree.fit(x, labels, classCount: 2)
    #expect(try tree.predict(x) == labels)
    let root = tree.node(at: 0)
    let feature = try #require(root.feature)
    let column = x.column(feature)
    #expect(root.threshold >= column.min() ?? 0 && root.threshold < column.max() ?? 1)
  }
}
