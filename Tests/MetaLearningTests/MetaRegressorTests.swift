import Forest
import Foundation
import Linalg
import MetaLearning
import Testing

private func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix<Double> {
  var g = SeededGenerator(seed: seed)
  return Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in g.uniform(-1, 1) })
}

@Test func forestRegressorMatchesForestModuleOnTheSameMatrix() throws {
  let x = randomMatrix(rows: 300, columns: 5, seed: 1)
  let y = (0..<x.rows).map { i in sin(3 * x[i, 0]) + x[i, 1] * x[i, 2] }
  var settings = ForestMetaRegressor.Settings(seed: 9)
  settings.nEstimators = 25
  let model = try ForestMetaRegressor(fitting: x, y, settings: settings)
  var forest = RandomForest<Double>(nEstimators: 25, seed: 9)
  try forest.fit(x, y)
  let query = randomMatrix(rows: 60, columns: 5, seed: 2)
  let ours = try model.predict(query)
  let (mean, variance) = try forest.predictMeanAndVariance(query)
  for i in 0..<query.rows {
    #expect(abs(ours[i].mean - mean[i]) < 1e-12)
    #expect(abs(ours[i].sd - variance[i].squareRoot()) < 1e-9)
  }
}

@Test func mlpRegressorLearnsALinearFunction() throws {
  let x = randomMatrix(rows: 1200, columns: 4, seed: 3)
  let y = (0..<x.rows).map { i in 2 * x[i, 0] - 3 * x[i, 1] + x[i, 2] + 0.5 }
  let train = Array(0..<1000)
  let test = Array(1000..<1200)
  let model = try MLPMetaRegressor(fitting: x.rows(train), train.map { y[$0] }, settings: .init(seed: 4))
  let predicted = try model.predict(x.rows(test)).map(\.mean)
  let truth = test.map { y[$0] }
  let mean = Statistics.mean(truth)
  let ssRes = zip(predicted, truth).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
  let ssTot = truth.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
  #expect(1 - ssRes / ssTot > 0.95)
  #expect(model.weights.count == 4 * 64 + 64 + 64 * 64 + 64 + 64 + 1)
}

@Test func mlpEarlyStoppingStopsOnANoiseTarget() throws {
  let x = randomMatrix(rows: 400, columns: 3, seed: 5)
  var g = SeededGenerator(seed: 6)
  let y = (0..<x.rows).map { _ in g.normal() }
  let model = try MLPMetaRegressor(fitting: x, y, settings: .init(seed: 7))
  #expect(model.stoppedEarly)
  #expect(model.epochsRun < 100)
  #expect(model.epochsRun >= 11)  // patience 10 needs at least 11 epochs
  var noSplit = MLPMetaRegressor.Settings(seed: 7)
  noSplit.validationFraction = 0
  noSplit.maxEpochs = 3
  let full = try MLPMetaRegressor(fitting: x, y, settings: noSplit)
  #expect(!full.stoppedEarly && full.epochsRun == 3)
}

@Test func sameSeedGivesTheSameModels() throws {
  let x = randomMatrix(rows: 100, columns: 3, seed: 8)
  let y = (0..<x.rows).map { x[$0, 0] }
  var s = MLPMetaRegressor.Settings(seed: 1)
  s.maxEpochs = 5
  let a = try MLPMetaRegressor(fitting: x, y, settings: s)
  let b = try MLPMetaRegressor(fitting: x, y, settings: s)
  #expect(a.weights == b.weights)
}

@Test func ensembleCombinesMembersMeansAndSpread() throws {
  let x = randomMatrix(rows: 200, columns: 3, seed: 10)
  let y = (0..<x.rows).map { x[$0, 0] * 2 }
  var m = MLPMetaRegressor.Settings(seed: 2)
  m.maxEpochs = 10
  var f = ForestMetaRegressor.Settings(seed: 2)
  f.nEstimators = 10
  let mlp = try MLPMetaRegressor(fitting: x, y, settings: m)
  let forest = try ForestMetaRegressor(fitting: x, y, settings: f)
  let ensemble = try EnsembleMetaModel(fitting: x, y, mlp: m, forest: f)
  let query = randomMatrix(rows: 20, columns: 3, seed: 11)
  let a = try mlp.predict(query)
  let b = try forest.predict(query)
  let e = try ensemble.predict(query)
  for i in 0..<query.rows {
    let mean = (a[i].mean + b[i].mean) / 2
    // Mixture of two: mean variance plus the variance of the means.
    let variance = (a[i].sd * a[i].sd + b[i].sd * b[i].sd) / 2 + (a[i].mean - b[i].mean) * (a[i].mean - b[i].mean) / 4
    #expect(abs(e[i].mean - mean) < 1e-12)
    #expect(abs(e[i].sd - variance.squareRoot()) < 1e-12)
  }
}
