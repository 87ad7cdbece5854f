import Forest
import Linalg
import Testing

@Suite struct EnsembleTests {
  /// 400 rows of 6 uniform features; only features 0 and 1 determine the target.
  ///
  /// Labels are `[x₀ > 0.5] + [x₁ > 0.3]` (3 classes); on this design scikit-learn's
  /// `RandomForestClassifier(50)` gives features 0 and 1 about 84 % of the importance.
  static func twoRelevantFeatures(seed: UInt64) -> (x: Matrix<Double>, labels: [Int], targets: [Double]) {
    var rng = SeededGenerator(seed: seed)
    let x = uniformMatrix(400, 6, &rng)
    let labels = (0..<400).map { (x[$0, 0] > 0.5 ? 1 : 0) + (x[$0, 1] > 0.3 ? 1 : 0) }
    let targets = (0..<400).map { 10 * x[$0, 0] - 5 * x[$0, 1] * x[$0, 1] }
    return (x, labels, targets)
  }
}

// MARK: - Determinism

extension EnsembleTests {
  @Test func sameSeedGivesSameForestForAnyJobCount() throws {
    let (x, labels, targets) = Self.twoRelevantFeatures(seed: 1)
    var reference = RandomForest<Int>(nEstimators: 24, nJobs: 1, seed: 42)
    try reference.fit(x, labels, classCount: 3)
    for jobs in [2, 3, 8] {
      var forest = RandomForest<Int>(nEstimators: 24, nJobs: jobs, seed: 42)
      try forest.fit(x, labels, classCount: 3)
      #expect(forest.estimators == reference.estimators)
      #expect(try forest.predictProbabilities(x) == reference.predictProbabilities(x))
      #expect(forest.oobScore == reference.oobScore)
    }
    var extra1 = ExtraTrees<Double>(nEstimators: 16, nJobs: 1, seed: 7)
    var extra4 = ExtraTrees<Double>(nEstimators: 16, nJobs: 4, seed: 7)
    try extra1.fit(x, targets)
    try extra4.fit(x, targets)
    #expect(try extra1.perTreePredictions(x) == extra4.perTreePredictions(x))
    var other = RandomForest<Int>(nEstimators: 24, nJobs: 1, seed: 43)
    try other.fit(x, labels, classCount: 3)
    #expect(other.estimators != reference.estimators)
  }

  @Test func treesOfAForestDiffer() throws {
    let (x, labels, _) = Self.twoRelevantFeatures(seed: 2)
    var forest = RandomForest<Int>(nEstimators: 5, seed: 0)
    try forest.fit(x, labels, classCount: 3)
    #expect(Set(forest.estimators.map(\.nodeCount)).count > 1 || forest.estimators[0] != forest.estimators[1])
  }

  // MARK: - Predictions

  @Test func probabilitiesAreMeanOfTreeProbabilities() throws {
    let (x, labels, _) = Self.twoRelevantFeatures(seed: 3)
    var forest = ExtraTrees<Int>(nEstimators: 10, maxDepth: 4, seed: 5)
    try forest.fit(x, labels, classCount: 3)
    let probabilities = try forest.predictProbabilities(x)
    var mean = [Double](repeating: 0, count: x.rows * 3)
    for tree in forest.estimators {
      for (k, p) in try tree.predictProbabilities(x).storage.enumerated() { mean[k] += p / 10 }
    }
    #expect(zip(probabilities.storage, mean).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect((0..<x.rows).allSatisfy { abs(probabilities.row($0).reduce(0, +) - 1) < 1e-12 })
  }

  @Test func varianceEqualsVarianceOfPerTreePredictions() throws {
    let (x, _, targets) = Self.twoRelevantFeatures(seed: 4)
    var forest = RandomForest<Double>(nEstimators: 30, seed: 9)
    try forest.fit(x, targets)
    let queries = x.rows(Array(0..<50))
    let perTree = try forest.perTreePredictions(queries)
    #expect(perTree.rows == 50 && perTree.columns == 30)
    for (t, tree) in forest.estimators.enumerated() {
      #expect(try tree.predict(queries) == perTree.column(t))
    }
    let (mean, variance) = try forest.predictMeanAndVariance(queries)
    let predicted = try forest.predict(queries)
    for i in 0..<50 {
      let row = perTree.row(i)
      let m = row.reduce(0, +) / 30
      let v = row.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 30
      #expect(abs(mean[i] - m) < 1e-9 && abs(predicted[i] - m) < 1e-9)
      #expect(abs(variance[i] - v) < 1e-9)
    }
    #expect(variance.contains { $0 > 0 })
  }

  @Test func importancesConcentrateOnRelevantFeatures() throws {
    let (x, labels, targets) = Self.twoRelevantFeatures(seed: 5)
    var classifier = RandomForest<Int>(nEstimators: 50, seed: 1)
    try classifier.fit(x, labels, classCount: 3)
    let importances = classifier.featureImportances
    #expect(abs(importances.reduce(0, +) - 1) < 1e-12)
    #expect(importances[0] + importances[1] > 0.8)
    var regressor = RandomForest<Double>(nEstimators: 50, seed: 1)
    try regressor.fit(x, targets)
    #expect(regressor.featureImportances[0] + regressor.featureImportances[1] > 0.8)
  }

  @Test func regressionImportancesMatchScikitLearn() throws {
    // friedman1: y depends on x0…x4 only; scikit-learn's own seeds differ by ≤ 0.014 per feature.
    let fixture = try ReferenceFixture.load("friedman1")
    var forest = RandomForest<Double>(seed: 0)
    try forest.fit(fixture.features, fixture.y)
    let gap = zip(forest.featureImportances, fixture.randomForestImportances).map { abs($0 - $1) }.max() ?? 1
    #expect(gap < 0.03, "ours \(forest.featureImportances), scikit-learn \(fixture.randomForestImportances)")
  }

  // MARK: - Out-of-bag score

  @Test func outOfBagScoreIsCloseToCrossValidatedScore() throws {
    let fixture = try ReferenceFixture.load("breast_cancer")
    let (train, _) = fixture.split(0)
    var forest = RandomForest<Int>(seed: 0)
    try forest.fit(fixture.features.rows(train), train.map { fixture.labels[$0] }, classCount: 2)
    let oob = try #require(forest.oobScore)
    #expect(abs(oob - fixture.meanScore("randomForest")) < 0.03)
    let sklearnOOB = try #require(fixture.oobScores["randomForest"]?.first)
    #expect(abs(oob - sklearnOOB) < 0.03)

    let regression = try ReferenceFixture.load("friedman1")
    var regressor = RandomForest<Double>(seed: 0)
    try regressor.fit(regression.features, regression.y)
    let oobR2 = try #require(regressor.oobScore)
    #expect(abs(oobR2 - regression.meanScore("randomForest")) < 0.05)

    var noBootstrap = ExtraTrees<Int>(nEstimators: 5)
    try noBootstrap.fit(fixture.features, fixture.labels, classCount: 2)
    #expect(noBootstrap.oobScore == nil)
  }
}
