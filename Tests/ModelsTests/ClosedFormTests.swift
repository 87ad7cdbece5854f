import Foundation
import Linalg
import Testing

@testable import Models

/// Models on small inputs whose answer is worked out by hand.
@Suite struct ClosedFormTests {}

extension ClosedFormTests {
  // MARK: - Support vector classifier

  /// Class 0 = {(0,0), (−1,0), (0,−1)}, class 1 = {(1,1), (2,1), (1,2)}: the closest pair is
  /// (0,0)–(1,1), so the maximum-margin hyperplane is their bisector with w = (1, 1), b = −1
  /// (margins w·x + b = ±1 at the two support vectors, α = 1 each, ‖w‖² = Σα = 2).
  @Test func linearSVMFindsHandComputedMaximumMargin() throws {
    let x = Matrix<Double>([[0, 0], [-1, 0], [0, -1], [1, 1], [2, 1], [1, 2]])
    let model = try SupportVectorClassifier(kernel: .linear, c: 10, tol: 1e-8).fit(
      x, [0, 0, 0, 1, 1, 1])
    #expect(model.supportVectorCount == 2)
    #expect(model.supportRows == [0, 3])
    let probes = Matrix<Double>([[0, 0], [1, 0], [0, 1], [2, 2], [0.5, 0.5]])
    let expected = [-1.0, 0, 0, 3, 0]  // w·x + b, positive towards class 1 as scikit-learn
    let values = try model.decisionFunction(probes)
    for (i, value) in expected.enumerated() { #expect(abs(values[i, 0] - value) < 1e-6) }
    #expect(try model.predict(Matrix([[3, 3], [-2, -2]])) == [1, 0])
  }

  /// A cyclic vote (0 beats 1, 1 beats 2, 2 beats 0) gives every class one vote: libsvm picks
  /// the lowest index; a decision value of exactly 0 votes for the second class of its pair.
  @Test func oneVsOneVoteTiesGoToLowestClass() {
    let pairs = [
      ClassPair(first: 0, second: 1), ClassPair(first: 0, second: 2),
      ClassPair(first: 1, second: 2),
    ]
    #expect(SupportVectorClassifier.Fitted.vote([1, -1, 1], pairs: pairs, classCount: 3) == 0)
    #expect(SupportVectorClassifier.Fitted.vote([-1, 1, -1], pairs: pairs, classCount: 3) == 0)
    #expect(SupportVectorClassifier.Fitted.vote([-1, -1, 1], pairs: pairs, classCount: 3) == 1)
    #expect(SupportVectorClassifier.Fitted.vote([0, 0, 0], pairs: pairs, classCount: 3) == 2)
  }

  /// A polynomial kernel of degree 1 with γ = 1 and coef0 = 0 is the linear kernel.
  @Test func polynomialKernelOfDegreeOneMatchesLinear() throws {
    let fixture = try SklearnFixture.load("iris")
    var (train, test) = (
      fixture.matrix.rows(fixture.split(0).train), fixture.matrix.rows(fixture.split(0).test)
    )
    standardise(&train, &test)
    let y = fixture.split(0).train.map { fixture.y[$0] }
    let linear = try SupportVectorClassifier(kernel: .linear).fit(train, y)
    let poly = try SupportVectorClassifier(kernel: .poly(degree: 1, gamma: .value(1), coef0: 0))
      .fit(train, y)
    #expect(
      maxAbsoluteDifference(
        try poly.decisionFunction(test), rowsOf(try linear.decisionFunction(test))) < 1e-9)
  }

  /// A kernel cache of a few rows (LRU eviction) reaches the same solution as a full one.
  @Test func smallKernelCacheGivesSameSolutionAsFullCache() throws {
    let fixture = try SklearnFixture.load("wine")
    var x = fixture.matrix
    var unused = Matrix<Double>(rows: 0, columns: x.columns)
    standardise(&x, &unused)
    let full = try SupportVectorClassifier().fit(x, fixture.y)
    let tiny = try SupportVectorClassifier(cacheSize: 0.005).fit(x, fixture.y)  // ≈ 5 rows of 120
    #expect(
      maxAbsoluteDifference(try tiny.decisionFunction(x), rowsOf(try full.decisionFunction(x)))
        < 1e-3)
    #expect(try tiny.predict(x) == full.predict(x))
  }

  /// Shrinking changes the path, not the optimum: decision values agree within about `tol`.
  @Test func shrinkingReachesSameSolutionAsFullActiveSet() throws {
    let fixture = try SklearnFixture.load("breast_cancer")
    var x = fixture.matrix
    var unused = Matrix<Double>(rows: 0, columns: x.columns)
    standardise(&x, &unused)
    for kernel in [SVMKernel.linear, .rbf()] {
      let shrunk = try SupportVectorClassifier(kernel: kernel, shrinking: true).fit(x, fixture.y)
      let full = try SupportVectorClassifier(kernel: kernel, shrinking: false).fit(x, fixture.y)
      let difference = maxAbsoluteDifference(
        try shrunk.decisionFunction(x), rowsOf(try full.decisionFunction(x)))
      #expect(difference < 5e-3, "\(kernel): \(difference)")
      #expect(try shrunk.predict(x) == full.predict(x))
    }
  }

  // MARK: - k nearest neighbours

  /// Points 0, 1, 2, 10, 11 on a line with labels 0, 0, 1, 1, 1.
  @Test func nearestNeighboursVoteAsCountedByHand() throws {
    let x = Matrix<Double>([[0], [1], [2], [10], [11]])
    let y = [0, 0, 1, 1, 1]
    let three = try KNeighborsClassifier(nNeighbors: 3).fit(x, y)
    let queries = Matrix<Double>([[0.4], [10.2]])
    #expect(try three.predict(queries) == [0, 1])
    let p = try three.predictProbabilities(queries)
    #expect(p.storage == [2.0 / 3, 1.0 / 3, 0, 1])
    // 1.5 is 0.5 from rows 1 and 2: the lower row wins the distance tie for k = 1,
    // and the 1–1 class tie for k = 2 goes to the lower class.
    #expect(try KNeighborsClassifier(nNeighbors: 1).fit(x, y).predict(Matrix([[1.5]])) == [0])
    let neighbours = try KNeighborsClassifier(nNeighbors: 2).fit(x, y).neighbors(Matrix([[1.5]]))
    #expect(neighbours[0].map(\.row) == [1, 2])
    #expect(try KNeighborsClassifier(nNeighbors: 2).fit(x, y).predict(Matrix([[1.5]])) == [0])
    // Manhattan distances on one feature are the same as Euclidean ones.
    #expect(
      try KNeighborsClassifier(nNeighbors: 3, p: 1).fit(x, y).predictProbabilities(queries) == p)
  }

  @Test func distanceWeightsFollowInverseDistance() throws {
    let x = Matrix<Double>([[0], [1], [2], [10], [11]])
    let y = [0, 0, 1, 1, 1]
    let model = try KNeighborsClassifier(nNeighbors: 3, weights: .distance).fit(x, y)
    // Query 0.5: rows 0, 1 at 0.5 (weight 2 each), row 2 at 1.5 (weight 2/3).
    let p = try model.predictProbabilities(Matrix([[0.5], [1]]))
    #expect(abs(p[0, 0] - 4 / (4 + 2.0 / 3)) < 1e-12)
    #expect(abs(p[0, 1] - (2.0 / 3) / (4 + 2.0 / 3)) < 1e-12)
    // Query 1 coincides with row 1: only exact matches count.
    #expect(p[1, 0] == 1 && p[1, 1] == 0)
  }

  // MARK: - Gaussian naive Bayes

  /// Class 0 = {(1,2), (3,2)}, class 1 = {(5,8), (7,10)}: means (2,2), (6,9); variances (1,0),
  /// (1,1); Var of the columns over all rows 5 and 12.75, so ε = 1e-9·12.75.
  @Test func naiveBayesMomentsMatchHandComputation() throws {
    let x = Matrix<Double>([[1, 2], [3, 2], [5, 8], [7, 10]])
    let model = try GaussianNaiveBayes().fit(x, [0, 0, 1, 1])
    let epsilon = 1e-9 * 12.75
    #expect(model.means.storage == [2, 2, 6, 9])
    #expect(abs(model.epsilon - epsilon) < 1e-24)
    let expected = [1 + epsilon, epsilon, 1 + epsilon, 1 + epsilon]
    for (a, b) in zip(model.variances.storage, expected) { #expect(abs(a - b) < 1e-15) }
    #expect(model.priors == [0.5, 0.5])
    // At (4, 2): class 0 has (x−θ)²/σ² = 4/(1+ε) + 0, class 1 has 4/(1+ε) + 49/(1+ε).
    func jll(_ s: Double, _ v: [Double]) -> Double {
      log(0.5) - 0.5 * v.reduce(0) { $0 + log(2 * Double.pi * $1) } - 0.5 * s
    }
    let j0 = jll(4 / (1 + epsilon), [1 + epsilon, epsilon])
    let j1 = jll(53 / (1 + epsilon), [1 + epsilon, 1 + epsilon])
    let got = try model.jointLogLikelihood(Matrix([[4, 2]]))
    #expect(abs(got[0, 0] - j0) < 1e-9 * abs(j0) && abs(got[0, 1] - j1) < 1e-12 * abs(j1))
    let p = try model.predictProbabilities(Matrix([[4, 2]]))
    #expect(abs(p[0, 1] - exp(j1 - j0) / (1 + exp(j1 - j0))) < 1e-15)
  }

  /// Two classes use one logit: P(1) = σ(w·x + b), the two columns sum to 1.
  @Test func binaryLogisticRegressionUsesOneLogit() throws {
    let x = Matrix<Double>([[-2], [-1], [-0.5], [0.5], [1], [2]])
    let model = try LogisticRegression().fit(x, [0, 0, 1, 0, 1, 1])
    #expect(model.coefficients.rows == 1 && model.intercepts.count == 1)
    #expect(model.converged)
    let z = model.coefficients[0, 0] * 0.3 + model.intercepts[0]
    let p = try model.predictProbabilities(Matrix([[0.3]]))
    #expect(abs(p[0, 1] - 1 / (1 + exp(-z))) < 1e-15 && abs(p[0, 0] + p[0, 1] - 1) < 1e-15)
    // Stationarity of ½w² + C·Σ log-loss: w = C·Σᵢ (tᵢ − pᵢ)xᵢ and Σᵢ (tᵢ − pᵢ) = 0.
    let all = try model.predictProbabilities(x)
    let t = [0.0, 0, 1, 0, 1, 1]
    let residualSum = (0..<6).reduce(0.0) { $0 + (t[$1] - all[$1, 1]) * x[$1, 0] }
    #expect(abs(model.coefficients[0, 0] - residualSum) < 1e-3)
  }
}

/// A matrix as nested rows (to reuse ``maxAbsoluteDifference(_:_:)``).
func rowsOf(_ m: Matrix<Double>) -> [[Double]] { (0..<m.rows).map { m.row($0) } }
