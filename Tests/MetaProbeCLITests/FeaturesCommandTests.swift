import Foundation
import Testing

/// `metaprobe features`: pymfe names, null for undefined values, CSV output.
@Suite struct FeaturesCommandTests {
  @Test func jsonMapsPymfeNamesToValuesWithNullWhereUndefined() throws {
    let run = try metaprobe("features", "iris", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let top = try #require(try run.json() as? [String: Any])
    #expect(top["dataset"] as? String == "iris")
    let object = try #require(top["features"] as? [String: Any])
    #expect(object["nr_inst"] as? Double == 150)
    #expect(object["nr_attr"] as? Double == 4)
    #expect(object["nr_class"] as? Double == 3)
    #expect(object["cor.mean"] as? Double != nil)
    #expect(object["attr_ent.sd"] as? Double != nil)
    // iris has no categorical attributes: num_to_cat is undefined, written as null with a reason.
    #expect(object["num_to_cat"] is NSNull)
    let reasons = try #require(top["reasons"] as? [String: String])
    #expect(reasons["num_to_cat"] != nil)
    #expect(object.keys.allSatisfy { !$0.hasPrefix("_") }, "only feature names among the features")
  }

  @Test func csvHasOneRowPerFeature() throws {
    let run = try metaprobe("features", "wine", "--groups", "general", "--csv")
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "name,value")
    #expect(lines.contains("nr_inst,178.0"))
  }

  @Test func landmarkingAndModelBasedGiveNullWithReasonsOnThreeRows() throws {
    let path = packageRoot.appendingPathComponent("Tests/MetaFeaturesTests/Fixtures/edge-three-rows.csv").path
    let run = try metaprobe("features", path, "--groups", "landmarking,model-based", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let top = try #require(try run.json() as? [String: Any])
    let object = try #require(top["features"] as? [String: Any])
    // Ten stratified folds need ten rows: every landmarker is undefined, with the reason.
    #expect(object["best_node.mean"] is NSNull)
    #expect(object["one_nn.sd"] is NSNull)
    let reasons = try #require(top["reasons"] as? [String: String])
    #expect(reasons["best_node.mean"] == "3 rows: fewer than the 10 cross-validation folds")
    // The tree still exists: one split, two leaves (as pymfe).
    #expect(object["leaves"] as? Double == 2)
    #expect(object["nodes"] as? Double == 1)
  }

  @Test func jobsDoNotChangeTheValuesAndMustBePositive() throws {
    let one = try metaprobe("features", "wine", "--groups", "landmarking", "--jobs", "1", "--csv")
    let two = try metaprobe("features", "wine", "--groups", "landmarking", "--jobs", "2", "--csv")
    #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
    #expect(one.stdout.contains("one_nn.mean,"))
    #expect(one.stdout == two.stdout)
    let zero = try metaprobe("features", "wine", "--jobs", "0")
    #expect(zero.status != 0)
    #expect(zero.stderr.contains("--jobs must be at least 1, got 0"))
  }

  @Test func unknownGroupIsRejected() throws {
    let run = try metaprobe("features", "iris", "--groups", "landmark")
    #expect(run.status != 0)
    #expect(run.stderr.contains("landmark"))
  }
}
