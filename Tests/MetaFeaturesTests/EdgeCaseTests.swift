import Datasets
import Foundation
import Linalg
import MetaFeatures
import Testing

@Suite struct EdgeCaseTests {
  static let allGroups: [MetaFeatureGroup] = [
    .general, .statistical, .infoTheory, .complexity, .landmarking, .modelBased,
  ]

  func extract(_ file: String) throws -> MetaFeatureVector {
    let data = try Dataset.read(from: try fixturesDirectory().appendingPathComponent(file).path)
    return MetaFeatureExtractor(groups: Self.allGroups).features(of: data)
  }

  /// Every NaN carries a reason.
  func expectReasons(_ v: MetaFeatureVector) {
    for (name, value) in zip(v.names, v.values) where value.isNaN {
      #expect(v.reasons[name] != nil, "\(name) is NaN without a reason")
    }
  }

  @Test func constantColumnGivesNaNSkewnessWithReason() throws {
    let v = try extract("edge-constant.csv")
    #expect(v["skewness.mean"]?.isNaN == true)
    #expect(v.reasons["skewness.mean"] == "constant column")
    #expect(v["nr_inst"] == 30)
    expectReasons(v)
  }

  @Test func singleClassGivesNaNForClassDependentFeatures() throws {
    let v = try extract("edge-single-class.csv")
    #expect(v["nr_class"] == 1)
    #expect(v["gravity"]?.isNaN == true)
    #expect(v.reasons["gravity"] == "fewer than two classes")
    #expect(v["c1"]?.isNaN == true)
    expectReasons(v)
  }

  @Test func threeRowsGiveDefinedCountsAndNoCrash() throws {
    let v = try extract("edge-three-rows.csv")
    #expect(v["nr_inst"] == 3)
    #expect(v["attr_to_inst"] == 2.0 / 3.0)
    expectReasons(v)
  }

  @Test func allCategoricalHasNoNumericRatio() throws {
    let v = try extract("edge-all-categorical.csv")
    #expect(v["nr_num"] == 0)
    #expect(v["cat_to_num"]?.isNaN == true)
    #expect(v.reasons["cat_to_num"] == "no numeric attributes")
    expectReasons(v)
  }

  @Test func missingValuesAreImputedAndReported() throws {
    let features = Matrix<Double>([[1, .nan], [2, 0], [3, 1], [.nan, 1], [5, 0], [6, 1]])
    let data = Dataset(
      name: "missing", source: "test", features: features, featureNames: ["a", "b"],
      featureKinds: [.numeric, .categorical(categories: ["u", "v"])], targetName: "y",
      classNames: ["p", "q"], target: [0, 1, 0, 1, 0, 1])
    let v = MetaFeatureExtractor(groups: Self.allGroups).features(of: data)
    #expect(v.reasons["imputed"] == "2 missing values imputed (median / most frequent)")
    #expect(v["mean.mean"]?.isNaN == false)
  }

  @Test func emptyDatasetGivesEmptyVectorWithReason() {
    let data = Dataset(
      name: "empty", source: "test", features: Matrix(rows: 0, columns: 2), featureNames: ["a", "b"],
      featureKinds: [.numeric, .numeric], targetName: "y", classNames: ["p"], target: [])
    let v = MetaFeatureExtractor(groups: Self.allGroups).features(of: data)
    #expect(v.count == 0)
    #expect(v.reasons["dataset"] != nil)
  }
}
