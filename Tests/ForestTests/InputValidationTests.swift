import Forest
import Linalg
import Testing

@Suite struct InputValidationTests {
  static let x = Matrix<Double>([[0, 1], [1, 0], [2, 2]])
}

extension InputValidationTests {
  @Test func nonFiniteFeatureIsReportedWithItsPosition() {
    var bad = Self.x
    bad[1, 1] = .nan
    var tree = DecisionTree<Int>()
    #expect(throws: ForestError.nonFiniteFeature(row: 1, column: 1)) { try tree.fit(bad, [0, 1, 0], classCount: 2) }
    bad[1, 1] = 0
    bad[2, 0] = .infinity
    var forest = RandomForest<Double>(nEstimators: 2)
    #expect(throws: ForestError.nonFiniteFeature(row: 2, column: 0)) { try forest.fit(bad, [0, 1, 2]) }
    #expect(throws: ForestError.nonFiniteTarget(row: 1)) { try forest.fit(Self.x, [0, .nan, 2]) }
  }

  @Test func emptyDatasetIsRejected() {
    var tree = DecisionTree<Double>()
    #expect(throws: ForestError.emptyData(rows: 0, columns: 2)) { try tree.fit(Matrix(rows: 0, columns: 2), []) }
    var forest = ExtraTrees<Int>()
    #expect(throws: ForestError.emptyData(rows: 3, columns: 0)) {
      try forest.fit(Matrix(rows: 3, columns: 0), [0, 0, 0], classCount: 1)
    }
  }

  @Test func labelOutOfRangeIsRejected() {
    var forest = RandomForest<Int>(nEstimators: 2)
    #expect(throws: ForestError.labelOutOfRange(row: 2, label: 2, classCount: 2)) {
      try forest.fit(Self.x, [0, 1, 2], classCount: 2)
    }
    #expect(throws: ForestError.labelOutOfRange(row: 0, label: -1, classCount: 2)) {
      try forest.fit(Self.x, [-1, 1, 0], classCount: 2)
    }
  }

  @Test func mismatchedRowCountsAreRejected() {
    var tree = DecisionTree<Int>()
    #expect(throws: ForestError.rowCountMismatch(what: "y", expected: 3, got: 2)) {
      try tree.fit(Self.x, [0, 1], classCount: 2)
    }
    #expect(throws: ForestError.rowCountMismatch(what: "sampleWeights", expected: 3, got: 4)) {
      try tree.fit(Self.x, [0, 1, 0], classCount: 2, sampleWeights: [1, 1, 1, 1])
    }
    #expect(throws: ForestError.invalidSampleWeight(row: 1)) {
      try tree.fit(Self.x, [0, 1, 0], classCount: 2, sampleWeights: [1, -1, 1])
    }
    #expect(throws: ForestError.invalidSampleWeight(row: nil)) {
      try tree.fit(Self.x, [0, 1, 0], classCount: 2, sampleWeights: [0, 0, 0])
    }
  }

  @Test func predictionChecksColumnsAndFiniteness() throws {
    var forest = RandomForest<Double>(nEstimators: 3)
    try forest.fit(Self.x, [0, 1, 2])
    #expect(throws: ForestError.featureCountMismatch(expected: 2, got: 3)) {
      try forest.predict(Matrix(rows: 1, columns: 3))
    }
    #expect(throws: ForestError.nonFiniteFeature(row: 0, column: 1)) { try forest.predict(Matrix([[0, .nan]])) }
    #expect(try forest.predict(Matrix(rows: 0, columns: 2)).isEmpty)
  }

  @Test func invalidHyperparametersAreRejected() {
    var tree = DecisionTree<Int>(minSamplesSplit: 1)
    #expect(
      throws: ForestError.invalidParameter(name: "minSamplesSplit", value: "1", requirement: "minSamplesSplit ≥ 2")
    ) {
      try tree.fit(Self.x, [0, 1, 0], classCount: 2)
    }
    var forest = RandomForest<Int>(nEstimators: 0)
    #expect(throws: ForestError.self) { try forest.fit(Self.x, [0, 1, 0], classCount: 2) }
    var wrongCriterion = RandomForest<Int>(nEstimators: 2)
    wrongCriterion.treeParameters.criterion = .squaredError
    #expect(throws: ForestError.self) { try wrongCriterion.fit(Self.x, [0, 1, 0], classCount: 2) }
    var tooMany = ExtraTrees<Double>(maxFeatures: .count(3))
    #expect(throws: ForestError.self) { try tooMany.fit(Self.x, [0, 1, 2]) }
    #expect(!forest.isFitted)
  }

  @Test func maxFeaturesResolvesAsScikitLearn() throws {
    #expect(try MaxFeatures.sqrt.resolved(featureCount: 30) == 5)
    #expect(try MaxFeatures.log2.resolved(featureCount: 30) == 4)
    #expect(try MaxFeatures.fraction(0.5).resolved(featureCount: 30) == 15)
    #expect(try MaxFeatures.fraction(0.01).resolved(featureCount: 30) == 1)
    #expect(try MaxFeatures.all.resolved(featureCount: 30) == 30)
    #expect(try MaxFeatures.sqrt.resolved(featureCount: 1) == 1)
    #expect(throws: ForestError.self) { try MaxFeatures.fraction(1.5).resolved(featureCount: 30) }
  }

  @Test func errorMessagesNameTheFault() {
    let message = ForestError.labelOutOfRange(row: 4, label: 7, classCount: 3).description
    #expect(message.contains("row 4") && message.contains("7") && message.contains("0..<3"))
  }
}
