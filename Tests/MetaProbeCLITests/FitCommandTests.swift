import Foundation
import Testing

/// `metaprobe fit`: output shape, JSON keys and errors.
@Suite struct FitCommandTests {
  @Test func fitJSONHasAccuracyFoldsAndLearningCurve() throws {
    let run = try metaprobe(
      "fit", "iris", "--learner", "mlp", "--set", "max_iter=15", "--set", "learning_rate_init=0.01", "--cv", "3",
      "--seed", "4", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    let accuracy = try #require(object["accuracy"] as? [String: Double])
    let mean = try #require(accuracy["mean"])
    #expect(mean > 0.5 && mean <= 1)
    #expect(accuracy["sd"] != nil)
    let folds = try #require(object["folds"] as? [[String: Any]])
    #expect(folds.count == 3)
    let curve = try #require(object["learning_curve"] as? [[String: Any]])
    #expect(curve.count == 15)
    #expect(curve.first?["train_loss"] as? Double != nil)
    #expect(curve.first?["validation_accuracy"] as? Double != nil)
    let config = try #require(object["configuration"] as? [String: Any])
    #expect(config["max_iter"] as? Int == 15, "numbers as JSON numbers")
    #expect(config["alpha"] as? Double == 1e-4)
    #expect(config["solver"] as? String == "adam")
  }

  @Test func sameSeedGivesTheSameOutputBytes() throws {
    let args = ["fit", "wine", "--learner", "random_forest", "--set", "n_estimators=20", "--seed", "9", "--json"]
    let a = try metaprobe(args)
    let b = try metaprobe(args)
    #expect(a.status == 0)
    // Timings differ between runs; everything else is identical.
    func stripTimes(_ s: String) -> String { s.replacing(/"seconds" : [0-9.e-]+/, with: "") }
    #expect(stripTimes(a.stdout) == stripTimes(b.stdout))
  }

  @Test func resourceScalesTrees() throws {
    let run = try metaprobe(
      "fit", "iris", "--learner", "random_forest", "--resource", "0.1", "--resource-kind", "trees", "--json")
    #expect(run.status == 0, "\(run.stderr)")
  }

  @Test func unknownHyperparameterExitsOneWithSuggestion() throws {
    let run = try metaprobe("fit", "iris", "--learner", "random_forest", "--set", "n_estimator=10")
    #expect(run.status == 1)
    #expect(run.stderr.contains("n_estimator"))
    #expect(run.stderr.contains("n_estimators"))
    #expect(run.stdout.isEmpty)
  }

  @Test func unknownLearnerExitsOne() throws {
    let run = try metaprobe("fit", "iris", "--learner", "xgboost")
    #expect(run.status == 1)
    #expect(run.stderr.contains("random_forest"))
  }

  @Test func listParametersShowsScikitLearnDefaults() throws {
    let run = try metaprobe("fit", "iris", "--learner", "random_forest", "--list-parameters")
    #expect(run.status == 0)
    #expect(run.stdout.contains("n_estimators"))
    #expect(run.stdout.contains("100"))
  }
}
