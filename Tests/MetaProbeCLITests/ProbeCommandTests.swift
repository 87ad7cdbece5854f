import Foundation
import Testing

/// `metaprobe probe`: JSON keys, sharpness output and errors.
@Suite struct ProbeCommandTests {
  @Test func probeJSONHasDynamicsAndSharpnessKeys() throws {
    let run = try metaprobe(
      "probe", "iris", "--learner", "mlp", "--set", "max_iter=12", "--set", "width=16", "--set", "learning_rate_init=0.01",
      "--sharpness", "--seed", "3", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    let features = try #require(object["features"] as? [String: Any])
    for name in ["dyn.loss_slope", "dyn.accuracy_slope", "dyn.generalization_gap", "dyn.extrapolated_accuracy"] {
      #expect(features[name] is Double, "missing \(name)")
    }
    #expect((object["feature_order"] as? [String])?.first == "dyn.epochs")
    #expect((object["learning_curve"] as? [Any])?.count == 12)
    for key in ["epsilon_sharpness", "hessian_top_eigenvalue", "hessian_trace", "hessian_trace_se"] {
      #expect(object[key] is Double, "missing \(key)")
    }
    #expect((object["hessian_top_eigenvalues"] as? [Double])?.count == 5)
    #expect((object["gradient_evaluations"] as? Int ?? 0) > 0)
    #expect(object["loss_evaluations"] as? Int == 21 + 21 * 21)
    let slice1D = try #require(object["slice_1d"] as? [String: [Double]])
    #expect(slice1D["alphas"]?.count == 21 && slice1D["losses"]?.count == 21)
    let slice2D = try #require(object["slice_2d"] as? [String: Any])
    #expect((slice2D["betas"] as? [Double])?.count == 21)
    #expect((slice2D["losses"] as? [[Double]])?.count == 21)
  }

  @Test func probeWithoutSharpnessHasNoSharpnessKeys() throws {
    let run = try metaprobe("probe", "wine", "--learner", "random_forest", "--set", "n_estimators=10", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["features"] is [String: Any])
    #expect(object["hessian_top_eigenvalue"] == nil)
  }

  @Test func sharpnessOfANonNetworkLearnerExitsOne() throws {
    let run = try metaprobe("probe", "iris", "--learner", "random_forest", "--sharpness", "--json")
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("random_forest"))
    #expect(run.stderr.contains("network"))
  }
}
