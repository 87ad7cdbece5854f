import Foundation
import Linalg
import Testing

@testable import Search

/// scikit-learn's `GaussianProcessRegressor(ConstantKernel()*Matern(nu=2.5, length_scale=[1]*d)
/// + WhiteKernel(), normalize_y=True, n_restarts_optimizer=5, random_state=0)`, stored by
/// `scripts/make_gp_fixtures.py` in `Fixtures/gp_sklearn.json`.
@Suite struct GaussianProcessFixtureTests {
  struct Case: Decodable {
    var name: String
    var x: [[Double]]
    var y: [Double]
    var signalVariance: Double
    var lengthscales: [Double]
    var noiseVariance: Double
    var logMarginalLikelihood: Double
    var testX: [[Double]]
    var mean: [Double]
    var std: [Double]
  }

  struct Fixture: Decodable {
    var sklearn: String
    var cases: [Case]
  }

  static func fixture() throws -> Fixture {
    let url = try #require(
      Bundle.module.url(forResource: "gp_sklearn", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  @Test func likelihoodAndPredictionsAtSklearnParametersAgree() throws {
    for c in try Self.fixture().cases {
      let h = GPHyperparameters(
        lengthscales: c.lengthscales, signalVariance: c.signalVariance, noiseVariance: c.noiseVariance)
      let gp = try GaussianProcess(inputs: Matrix(c.x), targets: c.y, hyperparameters: h)
      let lml = gp.logMarginalLikelihood
      #expect(abs(lml - c.logMarginalLikelihood) <= 1e-6 * abs(c.logMarginalLikelihood), "\(c.name)")
      let p = try gp.predict(Matrix(c.testX), includeNoise: true)
      for i in c.mean.indices {
        #expect(abs(p.mean[i] - c.mean[i]) <= 1e-6 * Swift.max(1, abs(c.mean[i])), "\(c.name) mean \(i)")
        let sd = p.variance[i].squareRoot()
        #expect(abs(sd - c.std[i]) <= 1e-6 * Swift.max(1, c.std[i]), "\(c.name) std \(i)")
      }
    }
  }

  @Test func fittedLikelihoodIsAtLeastSklearns() throws {
    // scikit-learn's bounds, with our lower noise floor 1e-6 (below its 1e-5).
    let bounds = GPHyperparameterBounds(
      lengthscale: 1e-5...1e5, signalVariance: 1e-5...1e5, noiseVariance: 1e-6...1e5)
    for c in try Self.fixture().cases {
      var g = SeededGenerator(seed: 0)
      let gp = try GaussianProcess.fit(
        inputs: Matrix(c.x), targets: c.y, bounds: bounds,
        initial: .defaults(dimension: c.lengthscales.count), restarts: 5, using: &g)
      print("\(c.name): ours \(gp.logMarginalLikelihood) (\(gp.hyperparameters)), sklearn \(c.logMarginalLikelihood)")
      #expect(gp.logMarginalLikelihood >= c.logMarginalLikelihood - 1e-3, "\(c.name)")
    }
  }
}
