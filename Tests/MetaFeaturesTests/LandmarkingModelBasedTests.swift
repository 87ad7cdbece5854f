import Datasets
import Foundation
import Linalg
import Testing

@testable import MetaFeatures

/// The landmarking and model-based features, by name, and their behaviour on degenerate data.
/// Their values are matched against pymfe 0.4.4 in ``PymfeAgreementTests`` (every fixture
/// feature, 1e-6 relative; one_nn, elite_nn and worst_node against the fixtures' tie-explicit
/// `independent` references).
@Suite struct LandmarkingModelBasedTests {
  /// Every feature of the two groups compared against the pymfe fixtures, each as `.mean` and `.sd`.
  static let landmarking = ["best_node", "elite_nn", "linear_discr", "naive_bayes", "one_nn", "random_node", "worst_node"]
  static let modelBasedVectors = [
    "leaves_branch", "leaves_corrob", "leaves_homo", "leaves_per_class", "nodes_per_level", "nodes_repeated",
    "tree_depth", "tree_imbalance", "tree_shape", "var_importance",
  ]
  static let modelBasedScalars = ["leaves", "nodes", "nodes_per_attr", "nodes_per_inst"]

  func extract(_ file: String, _ groups: [MetaFeatureGroup] = [.landmarking, .modelBased]) throws -> MetaFeatureVector {
    let data = try Dataset.read(from: try fixturesDirectory().appendingPathComponent(file).path)
    return MetaFeatureExtractor(groups: groups).features(of: data)
  }

  @Test func namesAreExactlyPymfes() throws {
    let iris = try #require(PymfeAgreementTests.fixtures.first { $0.dataset == "iris" })
    let v = MetaFeatureExtractor(groups: [.landmarking, .modelBased]).features(of: try iris.loadDataset())
    let expected = Set(
      (Self.landmarking + Self.modelBasedVectors).flatMap { ["\($0).mean", "\($0).sd"] } + Self.modelBasedScalars)
    #expect(Set(v.names) == expected)
    let fromPymfe = Set(iris.features.keys.filter { expected.contains($0) })
    #expect(fromPymfe == expected)
  }

  @Test func threeRowsGiveNaNLandmarkingWithReasonAndATree() throws {
    let v = try extract("edge-three-rows.csv")
    for name in Self.landmarking {
      #expect(v["\(name).mean"]?.isNaN == true)
      #expect(v.reasons["\(name).mean"] == "3 rows: fewer than the 10 cross-validation folds")
    }
    #expect(v["leaves"] == 2)
    #expect(v["nodes"] == 1)
  }

  @Test func singleClassGivesPerfectLandmarkersAndARootLeaf() throws {
    let v = try extract("edge-single-class.csv")
    for name in Self.landmarking { #expect(v["\(name).mean"] == 1, "\(name)") }
    #expect(v["leaves"] == 1)
    #expect(v["nodes"] == 0)
    #expect(v["nodes_per_level.mean"]?.isNaN == true)
    #expect(v.reasons["nodes_per_level.mean"] == "a single-leaf tree has no internal nodes")
    #expect(v["leaves_homo.mean"]?.isNaN == true)
    #expect(v.reasons["leaves_homo.mean"] != nil)
  }

  @Test func constantColumnAndAllCategoricalGiveValues() throws {
    for file in ["edge-constant.csv", "edge-all-categorical.csv"] {
      let v = try extract(file)
      for name in Self.landmarking + Self.modelBasedVectors {
        #expect(v["\(name).mean"].map { !$0.isNaN } == true, "\(file): \(name)")
      }
    }
  }

  /// With `nJobs` > 1 the groups and the landmarking folds run in parallel; every value and
  /// reason must be the one-thread extraction's, bit for bit, for every group, including failing
  /// folds (three rows, one class).
  @Test(arguments: ["iris", "car-good", "german", "tic-tac-toe", "edge-three-rows", "edge-single-class", "edge-constant"])
  func parallelFoldsGiveTheSameValues(dataset: String) throws {
    let fixture = try #require(PymfeAgreementTests.fixtures.first { $0.dataset == dataset })
    let data = try fixture.loadDataset()
    let all = MetaFeatureGroup.allCases
    let serial = MetaFeatureExtractor(groups: all).features(of: data)
    #expect(serial.names.contains("one_nn.mean") && serial.names.contains("n1") && serial.names.contains("nr_inst"))
    for jobs in [2, 3, 16] {
      let parallel = MetaFeatureExtractor(groups: all, nJobs: jobs).features(of: data)
      #expect(parallel.names == serial.names)
      #expect(parallel.values.map(\.bitPattern) == serial.values.map(\.bitPattern), "\(dataset), nJobs \(jobs)")
      #expect(parallel.reasons == serial.reasons)
    }
  }

  @Test func scikitLearnSplitterSeed() {
    // np.random.RandomState(0).randint(0, 2**31 - 1) and RandomState(42).
    #expect(ModelBasedGroup.scikitLearnTreeSeed(0) == 209_652_396)
    #expect(ModelBasedGroup.scikitLearnTreeSeed(42) == 1_608_637_542)
  }
}
