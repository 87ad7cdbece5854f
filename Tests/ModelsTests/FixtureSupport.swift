import Foundation
import Linalg
import Models

/// One dataset's scikit-learn reference values, written by scripts/make_learners_fixtures.py.
struct SklearnFixture: Decodable, Sendable {
  struct Reference: Decodable, Sendable {
    var predictions: [Int]
    var decisionFunction: [[Double]]?
    var probabilities: [[Double]]?
    var supportVectorCount: Int?
    var foldAccuracies: [Double]
    var meanAccuracy: Double
  }

  var name: String
  var x: [[Double]]
  var y: [Int]
  var foldTestIndices: [[Int]]
  var storedFold: Int
  var models: [String: Reference]

  /// Loads `Fixtures/<name>.json`.
  static func load(_ name: String) throws -> SklearnFixture {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: "json", subdirectory: "Fixtures")
    else {
      throw CocoaError(.fileNoSuchFile)
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(SklearnFixture.self, from: Data(contentsOf: url))
  }

  /// The training and test rows of fold `f` (the test rows in the fixture's order).
  func split(_ f: Int) -> (train: [Int], test: [Int]) {
    let test = foldTestIndices[f]
    let inTest = Set(test)
    return ((0..<y.count).filter { !inTest.contains($0) }, test)
  }

  /// The feature rows as a matrix.
  var matrix: Matrix<Double> { Matrix(x) }
}

/// The models compared against scikit-learn, keyed as in the fixtures.
enum ReferenceModel: String, CaseIterable, Sendable {
  case svcRBF = "svc_rbf"
  case svcLinear = "svc_linear"
  case logisticRegression = "logistic_regression"
  case knn = "knn"
  case gaussianNB = "gaussian_nb"

  /// What one fit on a training fold produced on its test fold.
  struct Output {
    var predictions: [Int]
    /// Probabilities (LR, kNN, NB) or ovo decision values (SVC).
    var scores: Matrix<Double>
  }

  /// Fits on `train` rows and predicts `test` rows, standardising first (except naive Bayes),
  /// as the fixture's `Pipeline(StandardScaler(), model)`.
  func run(_ fixture: SklearnFixture, train: [Int], test: [Int]) throws -> Output {
    var (xTrain, xTest) = (fixture.matrix.rows(train), fixture.matrix.rows(test))
    let yTrain = train.map { fixture.y[$0] }
    if self != .gaussianNB { standardise(&xTrain, &xTest) }
    switch self {
    case .svcRBF, .svcLinear:
      let model = try SupportVectorClassifier(
        kernel: self == .svcRBF ? .rbf(gamma: .scale) : .linear
      )
      .fit(xTrain, yTrain)
      return Output(
        predictions: try model.predict(xTest), scores: try model.decisionFunction(xTest))
    case .logisticRegression:
      let model = try LogisticRegression().fit(xTrain, yTrain)
      return Output(
        predictions: try model.predict(xTest), scores: try model.predictProbabilities(xTest))
    case .knn:
      let model = try KNeighborsClassifier().fit(xTrain, yTrain)
      return Output(
        predictions: try model.predict(xTest), scores: try model.predictProbabilities(xTest))
    case .gaussianNB:
      let model = try GaussianNaiveBayes().fit(xTrain, yTrain)
      return Output(
        predictions: try model.predict(xTest), scores: try model.predictProbabilities(xTest))
    }
  }
}

/// Centres and scales both matrices by the training matrix's column mean and population
/// standard deviation (scale 1 for a constant column), as scikit-learn's `StandardScaler`.
func standardise(_ train: inout Matrix<Double>, _ test: inout Matrix<Double>) {
  for j in 0..<train.columns {
    let column = train.column(j)
    let mean = column.reduce(0, +) / Double(column.count)
    let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
    let scale = variance > 0 ? variance.squareRoot() : 1
    for i in 0..<train.rows { train[i, j] = (train[i, j] - mean) / scale }
    for i in 0..<test.rows { test[i, j] = (test[i, j] - mean) / scale }
  }
}

/// The largest absolute difference between a matrix and nested reference rows.
func maxAbsoluteDifference(_ a: Matrix<Double>, _ b: [[Double]]) -> Double {
  precondition(
    a.rows == b.count && a.columns == (b.first?.count ?? 0),
    "shape \(a.rows)×\(a.columns) vs \(b.count)×\(b.first?.count ?? 0)")
  var worst = 0.0
  for i in 0..<a.rows {
    for j in 0..<a.columns { worst = max(worst, abs(a[i, j] - b[i][j])) }
  }
  return worst
}
