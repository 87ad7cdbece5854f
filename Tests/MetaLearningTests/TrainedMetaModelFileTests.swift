import Foundation
import Linalg
import MetaLearning
import Search
import Testing

private func temporaryPath(_ name: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("metaprobe-meta-\(UUID().uuidString)-\(name)").path
}

private func smallModel(_ kind: MetaModelKind) throws -> (TrainedMetaModel, MetaDataset) {
  let (records, table) = try SyntheticLog.make(tasks: 4, configurations: 10)
  let data = try MetaDataset(records: records, space: SyntheticLog.space, features: table)
  var mlp = MLPMetaRegressor.Settings()
  mlp.maxEpochs = 5
  var forest = ForestMetaRegressor.Settings()
  forest.nEstimators = 8
  let model = try TrainedMetaModel(
    training: data, space: SyntheticLog.space, learner: "toy", kind: kind, seed: 3, mlp: mlp, forest: forest)
  return (model, data)
}

@Test(arguments: MetaModelKind.allCases)
func savedModelLoadsAndPredictsIdentically(kind: MetaModelKind) throws {
  let (model, data) = try smallModel(kind)
  let path = temporaryPath("model.json")
  defer { try? FileManager.default.removeItem(atPath: path) }
  try model.save(to: path)
  let loaded = try TrainedMetaModel.load(from: path)
  #expect(loaded.kind == kind)
  #expect(loaded.featureNames == data.featureNames)
  #expect(loaded.space == SyntheticLog.space)
  #expect(try loaded.predict(data.x) == model.predict(data.x))
  let a = try model.suggestions(taskFeatures: [0.3, 1], count: 3, randomCandidates: 50)
  let b = try loaded.suggestions(taskFeatures: [0.3, 1], count: 3, randomCandidates: 50)
  #expect(a == b)
  #expect(a.count == 3)
  // Same model, same bytes.
  let again = temporaryPath("again.json")
  defer { try? FileManager.default.removeItem(atPath: again) }
  try loaded.save(to: again)
  #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: path))
}

@Test func loadingAnotherVersionOrACorruptFileIsATypedError() throws {
  let (model, _) = try smallModel(.forest)
  let path = temporaryPath("v.json")
  defer { try? FileManager.default.removeItem(atPath: path) }
  try model.save(to: path)
  let text = try String(contentsOfFile: path, encoding: .utf8)
  try text.replacingOccurrences(of: "\"format_version\":1", with: "\"format_version\":2")
    .write(toFile: path, atomically: true, encoding: .utf8)
  #expect(throws: MetaLearningError.formatVersion(path: path, found: 2, supported: 1)) {
    try TrainedMetaModel.load(from: path)
  }
  for corrupt in ["not json at all", "{\"tasks\": []}", String(text.prefix(text.count / 2))] {
    try corrupt.write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try TrainedMetaModel.load(from: path)
      Issue.record("a corrupt file loaded")
    } catch {
      guard case .io(let p, _) = error else {
        Issue.record("expected io, got \(error)")
        continue
      }
      #expect(p == path)
    }
  }
  // A well-formed header over a broken body: names where it broke.
  try text.replacingOccurrences(of: "\"learner\":\"toy\"", with: "\"learner\":7").write(toFile: path, atomically: true, encoding: .utf8)
  do {
    _ = try TrainedMetaModel.load(from: path)
    Issue.record("a broken body loaded")
  } catch {
    #expect(error.description.contains("learner"))
  }
  #expect(throws: MetaLearningError.self) { try TrainedMetaModel.load(from: path + ".missing") }
}
