import Datasets
import Foundation
import Learners
import Linalg
import Search
import Testing

/// Budgets, configuration errors and preprocessing inside the pipeline.
@Suite struct PipelineBehaviourTests {
  static func iris() throws -> Dataset { try PipelineReferenceTests.dataset("iris") }

  @Test func smallerDataFractionsTrainOnSubsetsOfLargerOnes() throws {
    let data = try Self.iris()
    let rows = Array(0..<120)
    var previous = Set<Int>()
    for fraction in [0.125, 0.25, 0.5, 1.0] {
      let fitted = try Pipeline(DecisionTreeLearner()).fit(
        on: data, rows: rows, budget: try Budget(dataFraction: fraction), seed: 3)
      let current = Set(fitted.trainingRows)
      #expect(previous.isSubset(of: current), "fraction \(fraction)")
      #expect(current.isSubset(of: Set(rows)))
      // Stratified: every class of the training rows is present.
      #expect(Set(fitted.trainingRows.map { data.target[$0] }).count == 3)
      previous = current
    }
    #expect(previous == Set(rows))
  }

  @Test func iterationFractionScalesEpochs() throws {
    let data = try Self.iris()
    let config: Configuration = ["max_iter": .int(40), "n_iter_no_change": .int(1000)]
    let half = try Pipeline(MLPLearner()).fit(
      on: data, rows: Array(0..<150), config: config, budget: try Budget(iterationFraction: 0.25))
    #expect(half.learningCurve.count == 10)
    let full = try Pipeline(MLPLearner()).fit(on: data, rows: Array(0..<150), config: config)
    #expect(full.learningCurve.count == 40)
  }

  @Test func sameSeedGivesSameCrossValidation() throws {
    let data = try Self.iris()
    let a = try CrossValidation.evaluate(Pipeline(ForestLearner(.extraTrees)), on: data, folds: 3, seed: 7)
    let b = try CrossValidation.evaluate(Pipeline(ForestLearner(.extraTrees)), on: data, folds: 3, seed: 7)
    #expect(a.foldAccuracies == b.foldAccuracies)
  }

  @Test func configurationErrorsNameTheParameter() throws {
    let pipeline = Pipeline(MLPLearner())
    #expect {
      _ = try pipeline.configuration(parsing: ["widht=10"])
    } throws: { error in
      "\(error)".contains("widht") && "\(error)".contains("width")
    }
    #expect {
      _ = try pipeline.configuration(parsing: ["momentum=0.5"])
    } throws: { error in "\(error)".contains("momentum") }
    #expect {
      _ = try pipeline.configuration(parsing: ["learning_rate_init=-1"])
    } throws: { error in "\(error)".contains("learning_rate_init") }
    #expect {
      _ = try pipeline.configuration(parsing: ["activation=softplus"])
    } throws: { error in "\(error)".contains("activation") }
    // Activating SGD brings its conditional parameters in with their defaults.
    let sgd = try pipeline.configuration(parsing: ["solver=sgd"])
    #expect(sgd["momentum"] == .float(0.9))
    #expect(sgd["nesterovs_momentum"] == .categorical("true"))
  }

  @Test func unknownLearnerListsTheNames() {
    #expect(throws: LearnerError.unknownLearner("svn", available: LearnerCatalog.names)) {
      _ = try LearnerCatalog.learner(named: "svn")
    }
  }

  @Test func invalidBudgetsAreRejected() {
    #expect(throws: LearnerError.self) { _ = try Budget(dataFraction: 0) }
    #expect(throws: LearnerError.self) { _ = try Budget(iterationFraction: 1.5) }
    #expect(throws: LearnerError.self) { _ = try Budget(dataFraction: .nan) }
  }

  @Test func cnnRejectsNonImageData() throws {
    // wine has 13 features: not a square image.
    let data = try PipelineReferenceTests.dataset("wine")
    #expect {
      _ = try Pipeline(CNNLearner()).fit(on: data, rows: Array(0..<data.rowCount))
    } throws: { error in
      guard case .unsuitableData = error as? LearnerError else { return false }
      return true
    }
    // iris's 4 features form a 2×2 image, too small for the default 3×3 kernel.
    #expect {
      _ = try Pipeline(CNNLearner()).fit(on: try Self.iris(), rows: Array(0..<150))
    } throws: { error in "\(error)".contains("kernel_size") }
  }

  @Test func categoricalAndMissingValuesArePreprocessedInsideTheFold() throws {
    // Colour is categorical with a missing value; x has missing values; both must be handled.
    var csv = "x,colour,label\n"
    for i in 0..<60 {
      let x = i % 7 == 0 ? "?" : "\(Double(i % 10) + (i < 30 ? 0 : 5))"
      let colour = i % 11 == 0 ? "" : (i < 30 ? "red" : "blue")
      csv += "\(x),\(colour),\(i < 30 ? "a" : "b")\n"
    }
    let data = try Dataset(csvText: csv, name: "toy")
    for name in ["decision_tree", "random_forest", "mlp"] {
      let result = try CrossValidation.evaluate(
        Pipeline(try LearnerCatalog.learner(named: name)), on: data,
        config: name == "mlp" ? ["max_iter": .int(50), "learning_rate_init": .float(0.01)] : Configuration(),
        folds: 3, seed: 1)
      #expect(result.meanAccuracy > 0.9, "\(name): \(result.foldAccuracies)")
    }
  }
}

extension PipelineBehaviourTests {
  /// A model's invalid hyperparameter is named as the learner names it (issue 17, item 8).
  @Test func modelErrorsUseTheLearnersParameterNames() throws {
    let iris = try Self.iris()
    let pipeline = Pipeline(try LearnerCatalog.learner(named: "knn"))
    do {
      _ = try CrossValidation.evaluate(pipeline, on: iris, config: ["n_neighbors": .int(500)], folds: 3)
      Issue.record("500 neighbours on 100 training rows should fail")
    } catch {
      let message = "\(error)"
      #expect(message.contains("n_neighbors = 500"), "\(message)")
      #expect(!message.contains("nNeighbors"), "\(message)")
    }
  }
}

extension PipelineBehaviourTests {
  /// A one-class target is refused with the dataset, target and class named (issue 17, item 6),
  /// instead of an accuracy of 1.
  @Test func aOneClassTargetIsRefused() throws {
    let iris = try Self.iris()
    let setosa = iris.subset(rows: (0..<iris.rowCount).filter { iris.target[$0] == iris.target[0] })
    let pipeline = Pipeline(try LearnerCatalog.learner(named: "gaussian_nb"))
    #expect(throws: LearnerError.self) { try CrossValidation.evaluate(pipeline, on: setosa, folds: 3) }
    do {
      _ = try pipeline.fit(on: setosa, rows: Array(0..<setosa.rowCount))
    } catch {
      #expect("\(error)".contains("has one class ('\(iris.classNames[iris.target[0]])')"), "\(error)")
    }
  }
}
