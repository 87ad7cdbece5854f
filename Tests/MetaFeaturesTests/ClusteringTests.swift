import Datasets
import Foundation
import Linalg
import MetaFeatures
import Testing

/// One dataset of `clustering.json`, written by scripts/make_clustering_fixtures.py.
struct ClusteringFixture: Decodable, Sendable, CustomStringConvertible {
  let dataset: String
  let path: String
  let rows: Int
  let seconds: Double
  let features: [String: Double?]
  let pymfeError: String?

  enum CodingKeys: String, CodingKey {
    case dataset, path, rows, seconds, features
    case pymfeError = "pymfe_error"
  }

  var description: String { dataset }

  static func all() throws -> [ClusteringFixture] {
    let url = try fixturesDirectory().appendingPathComponent("clustering.json")
    return try JSONDecoder().decode([ClusteringFixture].self, from: Data(contentsOf: url))
  }

  static func named(_ name: String) throws -> ClusteringFixture {
    guard let f = try all().first(where: { $0.dataset == name }) else { throw CocoaError(.fileNoSuchFile) }
    return f
  }

  func extract() throws -> MetaFeatureVector {
    let data = try Dataset.read(from: repositoryRoot.appendingPathComponent(path).path)
    return MetaFeatureExtractor(groups: [.clustering]).features(of: data)
  }
}

@Suite struct ClusteringTests {
  /// pymfe 0.4.4's `clustering` features; all are deterministic single values.
  static let names = ["ch", "int", "nre", "pb", "sc", "sil", "vdb", "vdu"]

  static let fixtures: [ClusteringFixture] = (try? ClusteringFixture.all()) ?? []

  @Test func fixtureCoversEveryDatasetAndFeature() throws {
    let fixtures = try ClusteringFixture.all()
    #expect(fixtures.count == 22)
    for f in fixtures {
      #expect(f.pymfeError == nil, "\(f.dataset): \(f.pymfeError ?? "")")
      #expect(f.features.keys.sorted() == Self.names, "\(f.dataset)")
    }
  }

  /// ch, int, nre, pb, sc, sil, vdb and vdu against pymfe within 1e-6 relative; a null
  /// (NaN or ±inf in pymfe) must be NaN here with a reason.
  @Test(arguments: fixtures) func agreesWithPymfe(_ f: ClusteringFixture) throws {
    let v = try f.extract()
    #expect(v.names == Self.names, "\(f.dataset)")
    for name in Self.names {
      let ours = try #require(v[name], "\(f.dataset): \(name) missing")
      let reference = try #require(f.features[name], "\(f.dataset): \(name) not in fixture")
      #expect(agrees(ours, reference, relative: 1e-6), "\(f.dataset) \(name): ours \(ours), pymfe \(String(describing: reference))")
      if ours.isNaN { #expect(v.reasons[name] != nil, "\(f.dataset) \(name) NaN without a reason") }
    }
  }

  @Test func singleClassIsNaNWithReasons() throws {
    let v = try ClusteringFixture.named("edge-single-class").extract()
    for name in ["ch", "int", "pb", "sil", "vdb", "vdu"] {
      #expect(v[name]?.isNaN == true, "\(name)")
      #expect(v.reasons[name] != nil, "\(name)")
    }
    #expect(v.reasons["ch"] == "needs 2 to n − 1 classes (scikit-learn raises); got 1 for 20 rows")
    #expect(v["nre"] == 0)
    #expect(v["sc"] == 0)
  }

  @Test func threeRowsWithASingletonClass() throws {
    let v = try ClusteringFixture.named("edge-three-rows").extract()
    #expect(v["vdu"]?.isNaN == true)
    #expect(v.reasons["vdu"] == "class 1 has a single row, so no intra-class distance (pymfe raises)")
    #expect(v["sc"] == 2)
    // One class of two rows and one singleton: silhouette of the singleton is 0.
    #expect(v["sil"]?.isNaN == false)
  }

  @Test func constantColumnAndAllCategoricalAreFinite() throws {
    for name in ["edge-constant", "edge-all-categorical"] {
      let v = try ClusteringFixture.named(name).extract()
      for feature in Self.names where feature != "vdu" || name == "edge-constant" {
        #expect(v[feature]?.isFinite == true, "\(name) \(feature)")
      }
    }
  }

  /// Two classes on a line, {0, 1} and {3, 5}: inter-class distances 3, 5, 2, 4; intra 1, 2.
  @Test func closedFormOnALine() throws {
    let v = Self.line([0, 1, 3, 5], offset: 0)
    // int = (3 + 5 + 2 + 4)/(2·2) · 2/(2·1); vdu = (2/4)/2; nre = ln 2.
    #expect(abs((v["int"] ?? .nan) - 3.5) < 1e-12)
    #expect(abs((v["vdu"] ?? .nan) - 0.25) < 1e-12)
    #expect(abs((v["nre"] ?? .nan) - log(2)) < 1e-12)
    #expect(v["sc"] == 2)
    // ch: means 0.5, 4, overall 2.25; extra = 2·1.75² + 2·1.75² = 12.25; intra = 0.5 + 2 = 2.5.
    #expect(abs((v["ch"] ?? .nan) - 12.25 * 2 / 2.5) < 1e-12)
    // vdb: spreads 0.5, 1; centroid distance 3.5 → (1.5/3.5 + 1.5/3.5)/2.
    #expect(abs((v["vdb"] ?? .nan) - 1.5 / 3.5) < 1e-12)
    // sil: a = 1, 1, 2, 2; b = mean(3, 5), mean(2, 4), mean(3, 2), mean(5, 4).
    let a: [Double] = [1, 1, 2, 2]
    let b: [Double] = [4, 3, 2.5, 4.5]
    let sil = zip(a, b).reduce(0.0) { $0 + ($1.1 - $1.0) / $1.1 } / 4
    #expect(abs((v["sil"] ?? .nan) - sil) < 1e-12)
    // pb: same-class indicator (1,0,0,0,0,1) against d (1,3,5,2,4,2).
    let d = [1.0, 3, 5, 2, 4, 2]
    let x = [1.0, 0, 0, 0, 0, 1]
    let (md, mx) = (d.reduce(0, +) / 6, x.reduce(0, +) / 6)
    let cov = zip(x, d).reduce(0.0) { $0 + ($1.0 - mx) * ($1.1 - md) }
    let r = cov / (x.reduce(0.0) { $0 + ($1 - mx) * ($1 - mx) } * d.reduce(0.0) { $0 + ($1 - md) * ($1 - md) }).squareRoot()
    #expect(abs((v["pb"] ?? .nan) - r) < 1e-12)
  }

  /// A far-away origin does not cost precision: identical rows in different classes give a
  /// Dunn index of exactly 0, and the other distances keep 1e-9 relative accuracy.
  @Test func largeOffsetKeepsPrecision() throws {
    let near = Self.line([0, 1, 3, 5], offset: 0)
    let far = Self.line([0, 1, 3, 5], offset: 1e7)
    for name in ["int", "vdu", "pb", "sil"] {
      let (a, b) = (near[name] ?? .nan, far[name] ?? .nan)
      #expect(abs(a - b) <= 1e-9 * abs(a), "\(name): \(a) vs \(b)")
    }
    let duplicated = Self.line([1e8 + 0.1, 1e8 + 0.3, 1e8 + 0.1, 1e8 + 0.7], offset: 0)
    #expect(duplicated["vdu"] == 0)
  }

  /// One column `values + offset`, rows 0–1 in class a and 2–3 in class b.
  static func line(_ values: [Double], offset: Double) -> MetaFeatureVector {
    let data = Dataset(
      name: "line", source: "test", features: Matrix(values.map { [$0 + offset] }), featureNames: ["x"],
      featureKinds: [.numeric], targetName: "y", classNames: ["a", "b"], target: [0, 0, 1, 1])
    return MetaFeatureExtractor(groups: [.clustering]).features(of: data)
  }
}
