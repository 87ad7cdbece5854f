import Foundation
import Testing

/// A small tuning log and features table in a fresh folder: tasks iris, wine, glass-like names
/// with features nr_inst and nr_attr; value = −(x − nr_attr/20)² + 0.1·[k = a], maximised.
private func writeCorpus(missingTask: Bool = false) throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metaprobe-meta-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let tasks: [(String, Double, Double)] = [("iris", 150, 4), ("wine", 178, 13), ("sonar", 208, 60), ("pima", 768, 8)]
  var log = "task,learner,number,params_k,params_x,resource,seed,value,direction,cost_s,state\n"
  var features = "task,nr_inst,nr_attr\n"
  for (t, (name, n, d)) in tasks.enumerated() {
    if !(missingTask && t == 3) { features += "\(name),\(n),\(d)\n" }
    for number in 0..<12 {
      let x = Double((number * 7 + t) % 12) / 11
      let k = number % 2 == 0 ? "a" : "b"
      for r in [0.5, 1.0] {
        let v = -(x - min(d, 20) / 20) * (x - min(d, 20) / 20) + (k == "a" ? 0.1 : 0) - 0.1 * (1 - r)
        log += "\(name),toy,\(number),\(k),\(x),\(r),,\(v),maximize,0.1,COMPLETE\n"
      }
    }
  }
  try log.write(to: folder.appendingPathComponent("log.csv"), atomically: true, encoding: .utf8)
  try features.write(to: folder.appendingPathComponent("features.csv"), atomically: true, encoding: .utf8)
  return folder
}

extension CLITests {
  @Test func metaTrainPredictAndEvaluateRunEndToEnd() throws {
    let folder = try writeCorpus()
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("log.csv").path
    let features = folder.appendingPathComponent("features.csv").path
    let model = folder.appendingPathComponent("m.json").path
    let train = try metaprobe(
      "meta", "train", "--log", log, "--features", features, "--learner", "toy", "--model", "forest", "--out", model)
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.contains("96 rows, 4 tasks"))
    let predict = try metaprobe("meta", "predict", "iris", "--learner", "toy", "--meta-model", model, "--top", "3", "--json")
    #expect(predict.status == 0, "\(predict.stderr)")
    let report = try #require(try predict.json() as? [String: Any])
    let configurations = try #require(report["configurations"] as? [[String: Any]])
    #expect(configurations.count == 3)
    #expect((report["task_features"] as? [String: Any])?["nr_inst"] as? Double == 150)
    let predicted = configurations.compactMap { $0["predicted"] as? Double }
    #expect(predicted == predicted.sorted(by: >))
    let wrongLearner = try metaprobe("meta", "predict", "iris", "--learner", "mlp", "--meta-model", model)
    #expect(wrongLearner.status == 1 && wrongLearner.stderr.contains("'toy'"))
    let evaluate = try metaprobe(
      "meta", "evaluate", "--log", log, "--features", features, "--learner", "toy", "--folds", "2", "--json")
    #expect(evaluate.status == 0, "\(evaluate.stderr)")
    let evaluation = try #require(try evaluate.json() as? [String: Any])
    let models = try #require(evaluation["models"] as? [[String: Any]])
    #expect(models.compactMap { $0["kind"] as? String } == ["mlp", "forest", "ensemble"])
  }

  @Test func metaErrorsNameTheTaskAndTheFileVersion() throws {
    let folder = try writeCorpus(missingTask: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("log.csv").path
    let features = folder.appendingPathComponent("features.csv").path
    let model = folder.appendingPathComponent("m.json").path
    let missing = try metaprobe(
      "meta", "train", "--log", log, "--features", features, "--learner", "toy", "--model", "forest", "--out", model)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("task 'pima' has no row in the task meta-features table"))
    try #"{"format_version": 9, "kind": "forest"}"#.write(toFile: model, atomically: true, encoding: .utf8)
    let version = try metaprobe("meta", "predict", "iris", "--learner", "toy", "--meta-model", model)
    #expect(version.status == 1)
    #expect(version.stderr.contains("meta-model format version 9, this build reads version 1"))
    // A malformed log: the Storage reader's error names the file, line and field.
    let bad = folder.appendingPathComponent("bad.csv").path
    try "task,learner,number,params_x,resource,value,direction,state\niris,toy,0,0.5,1,high,maximize,COMPLETE\n"
      .write(toFile: bad, atomically: true, encoding: .utf8)
    let malformed = try metaprobe("meta", "evaluate", "--log", bad, "--features", features, "--learner", "toy")
    #expect(malformed.status == 1)
    #expect(malformed.stderr.contains("bad.csv:2: field 'value': 'high' is not a number"), "\(malformed.stderr)")
    // JSON Lines logs are read too (here: one with no rows for the learner asked for).
    let jsonl = folder.appendingPathComponent("log.jsonl").path
    try #"{"task": "iris", "learner": "other", "number": 0, "params_x": 0.5, "resource": 1, "value": 0.3, "direction": "maximize", "state": "COMPLETE"}"#
      .write(toFile: jsonl, atomically: true, encoding: .utf8)
    let noRows = try metaprobe("meta", "evaluate", "--log", jsonl, "--features", features, "--learner", "toy")
    #expect(noRows.status == 1)
    #expect(noRows.stderr.contains("log.jsonl: no rows for learner 'toy'"), "\(noRows.stderr)")
  }
}
