import Foundation
import Linalg
import Models
import Testing

/// The classic models against scikit-learn 1.9.1 on iris, wine, breast_cancer and digits with
/// the same stratified 5-fold split (fixtures from scripts/make_learners_fixtures.py).
@Suite struct SklearnComparisonTests {
  static let datasets = ["iris", "wine", "breast_cancer", "digits"]
}

extension SklearnComparisonTests {
  // MARK: - Cross-validated accuracy

  @Test(arguments: datasets, ReferenceModel.allCases)
  func meanCrossValidatedAccuracyWithinTwoPointsOfSklearn(dataset: String, model: ReferenceModel)
    throws
  {
    let fixture = try SklearnFixture.load(dataset)
    let reference = try #require(fixture.models[model.rawValue])
    var accuracies = [Double]()
    for f in fixture.foldTestIndices.indices {
      let (train, test) = fixture.split(f)
      let output = try model.run(fixture, train: train, test: test)
      let correct = zip(output.predictions, test).filter { $0 == fixture.y[$1] }.count
      accuracies.append(Double(correct) / Double(test.count))
    }
    let mean = accuracies.reduce(0, +) / Double(accuracies.count)
    print("\(dataset) \(model.rawValue): mean accuracy \(mean) (sklearn \(reference.meanAccuracy))")
    #expect(
      abs(mean - reference.meanAccuracy) <= 0.02,
      "\(dataset) \(model.rawValue): \(mean) vs \(reference.meanAccuracy)")
  }

  // MARK: - One fold, row by row

  @Test(arguments: datasets, ReferenceModel.allCases)
  func storedFoldAgreesWithSklearn(dataset: String, model: ReferenceModel) throws {
    let fixture = try SklearnFixture.load(dataset)
    let reference = try #require(fixture.models[model.rawValue])
    let (train, test) = fixture.split(fixture.storedFold)
    let output = try model.run(fixture, train: train, test: test)
    let agreement =
      Double(zip(output.predictions, reference.predictions).filter { $0 == $1 }.count)
      / Double(test.count)
    print("\(dataset) \(model.rawValue): fold \(fixture.storedFold) labels agree on \(agreement)")
    #expect(agreement >= 0.98, "\(dataset) \(model.rawValue): labels agree on \(agreement)")
    switch model {
    case .svcRBF, .svcLinear:
      let difference = maxAbsoluteDifference(
        output.scores, try #require(reference.decisionFunction))
      print("\(dataset) \(model.rawValue): max |Δ decision| = \(difference)")
      #expect(difference <= 1e-2)
    case .logisticRegression:
      let difference = maxAbsoluteDifference(output.scores, try #require(reference.probabilities))
      print("\(dataset) \(model.rawValue): max |Δ probability| = \(difference)")
      #expect(difference <= 1e-3)
    case .gaussianNB:
      let difference = maxAbsoluteDifference(output.scores, try #require(reference.probabilities))
      print("\(dataset) \(model.rawValue): max |Δ probability| = \(difference)")
      #expect(difference <= 1e-6)
    case .knn:
      #expect(maxAbsoluteDifference(output.scores, try #require(reference.probabilities)) == 0)
    }
  }
}
