import Linalg
import Models
import Testing

/// Bad input and invalid hyperparameters are typed errors naming the field at fault.
@Suite struct ModelErrorTests {
  static let x = Matrix<Double>([[0, 1], [1, 0], [2, 2], [3, 1]])
  static let y = [0, 1, 0, 1]

  /// Fits every model and returns nothing; used to run the same bad input through all four.
  static func fitAll(_ x: Matrix<Double>, _ y: [Int], classCount: Int? = nil) throws(ModelError) {
    _ = try SupportVectorClassifier().fit(x, y, classCount: classCount)
    _ = try LogisticRegression().fit(x, y, classCount: classCount)
    _ = try KNeighborsClassifier(nNeighbors: 1).fit(x, y, classCount: classCount)
    _ = try GaussianNaiveBayes().fit(x, y, classCount: classCount)
  }
}

extension ModelErrorTests {
  @Test func nanFeatureIsReportedWithItsPosition() {
    var bad = Self.x
    bad[2, 1] = .nan
    #expect(throws: ModelError.nonFiniteValue(field: "x", row: 2, column: 1)) {
      try Self.fitAll(bad, Self.y)
    }
    bad[2, 1] = .infinity
    #expect(throws: ModelError.nonFiniteValue(field: "x", row: 2, column: 1)) {
      _ = try GaussianNaiveBayes().fit(bad, Self.y)
    }
  }

  @Test func nanInPredictionInputIsReported() throws {
    let model = try KNeighborsClassifier(nNeighbors: 1).fit(Self.x, Self.y)
    #expect(throws: ModelError.nonFiniteValue(field: "x", row: 0, column: 0)) {
      _ = try model.predict(Matrix([[.nan, 0]]))
    }
    #expect(throws: ModelError.featureCountMismatch(expected: 2, got: 3)) {
      _ = try model.predict(Matrix([[0, 0, 0]]))
    }
  }

  @Test func emptyDataIsReported() {
    #expect(throws: ModelError.emptyInput(field: "x")) {
      try Self.fitAll(Matrix(rows: 0, columns: 2), [])
    }
    #expect(throws: ModelError.emptyInput(field: "y")) { try Self.fitAll(Self.x, []) }
    #expect(throws: ModelError.rowCountMismatch(field: "y", expected: 4, got: 3)) {
      try Self.fitAll(Self.x, [0, 1, 0])
    }
  }

  @Test func labelOutOfRangeIsReported() {
    #expect(throws: ModelError.labelOutOfRange(row: 3, label: 5, classCount: 3)) {
      try Self.fitAll(Self.x, [0, 1, 2, 5], classCount: 3)
    }
    #expect(throws: ModelError.labelOutOfRange(row: 1, label: -1, classCount: 2)) {
      try Self.fitAll(Self.x, [0, -1, 1, 1])
    }
  }

  @Test func nonPositiveCIsReportedByName() {
    let requirement = "C > 0 and finite"
    #expect(
      throws: ModelError.invalidHyperparameter(name: "C", value: "0.0", requirement: requirement)
    ) {
      _ = try SupportVectorClassifier(c: 0).fit(Self.x, Self.y)
    }
    #expect(
      throws: ModelError.invalidHyperparameter(name: "C", value: "-1.0", requirement: requirement)
    ) {
      _ = try LogisticRegression(c: -1).fit(Self.x, Self.y)
    }
    let error = ModelError.invalidHyperparameter(name: "C", value: "0.0", requirement: requirement)
    #expect(error.description.contains("C = 0.0"))
  }

  @Test func otherInvalidHyperparametersAreReportedByName() {
    #expect(
      throws: ModelError.invalidHyperparameter(
        name: "gamma", value: "-1.0", requirement: "gamma > 0 and finite")
    ) {
      _ = try SupportVectorClassifier(kernel: .rbf(gamma: .value(-1))).fit(Self.x, Self.y)
    }
    #expect(
      throws: ModelError.invalidHyperparameter(
        name: "p", value: "3", requirement: "p = 1 (Manhattan) or p = 2 (Euclidean)")
    ) {
      _ = try KNeighborsClassifier(p: 3).fit(Self.x, Self.y)
    }
    #expect(
      throws: ModelError.invalidHyperparameter(
        name: "varSmoothing", value: "-1.0", requirement: "varSmoothing ≥ 0")
    ) {
      _ = try GaussianNaiveBayes(varSmoothing: -1).fit(Self.x, Self.y)
    }
  }

  @Test func moreNeighboursThanRowsIsReported() {
    let expected = ModelError.invalidHyperparameter(
      name: "nNeighbors", value: "5", requirement: "nNeighbors ≤ 4 (the training rows)")
    #expect(throws: expected) { _ = try KNeighborsClassifier().fit(Self.x, Self.y) }
    #expect(expected.description.contains("nNeighbors"))
  }

  @Test func singleClassIsReportedForSVCAndLogisticRegression() {
    #expect(throws: ModelError.tooFewClasses(found: 1, required: 2)) {
      _ = try SupportVectorClassifier().fit(Self.x, [1, 1, 1, 1])
    }
    #expect(throws: ModelError.tooFewClasses(found: 1, required: 2)) {
      _ = try LogisticRegression().fit(Self.x, [0, 0, 0, 0])
    }
  }
}
