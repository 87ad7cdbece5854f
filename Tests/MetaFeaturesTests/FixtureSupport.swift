import Datasets
import Foundation
import MetaFeatures

/// One pymfe 0.4.4 reference file written by scripts/make_metafeatures_fixtures.py.
struct PymfeFixture: Decodable {
  let dataset: String
  let path: String
  let groups: [String]
  let summary: [String]
  let features: [String: Double?]
  let pymfeError: String?
  /// Independent references where pymfe gives none (see the fixture script's `independent`).
  let independent: [String: Double?]?

  enum CodingKeys: String, CodingKey {
    case dataset, path, groups, summary, features, independent
    case pymfeError = "pymfe_error"
  }

  /// Every `pymfe-*.json` in the test bundle's Fixtures folder, sorted by dataset name.
  static func all() throws -> [PymfeFixture] {
    let dir = try fixturesDirectory()
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { $0.hasPrefix("pymfe-") && $0.hasSuffix(".json") }.sorted()
    return try files.map { try JSONDecoder().decode(PymfeFixture.self, from: Data(contentsOf: dir.appendingPathComponent($0))) }
  }

  /// The dataset the fixture was computed on, read with the `Datasets` readers.
  func loadDataset() throws -> Dataset {
    try Dataset.read(from: repositoryRoot.appendingPathComponent(path).path)
  }

  var metaFeatureGroups: [MetaFeatureGroup] { groups.compactMap(MetaFeatureGroup.init(rawValue:)) }
  var summaryFunctions: [SummaryFunction] { summary.compactMap(SummaryFunction.init(rawValue:)) }
}

let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixturesDirectory() throws -> URL {
  guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
    throw CocoaError(.fileNoSuchFile)
  }
  return url
}

/// The pymfe feature name without its summary suffix (`cor.mean` → `cor`).
func baseName(_ name: String) -> String {
  String(name.split(separator: ".", maxSplits: 1).first ?? Substring(name))
}

/// `true` when `ours` matches `reference` within `relative` (or 1e-9 absolute near zero);
/// NaN matches a missing (null) reference.
func agrees(_ ours: Double, _ reference: Double?, relative: Double) -> Bool {
  guard let r = reference else { return ours.isNaN }
  guard !ours.isNaN else { return false }
  return abs(ours - r) <= Swift.max(1e-9, relative * abs(r))
}
