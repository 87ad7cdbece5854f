import Foundation
import Testing

/// `metaprobe logs import|export|validate` end to end.
@Suite struct LogsCommandTests {
  static let header = "task,learner,number,params_x,resource,seed,value,direction,cost_s,state"

  @Test func validateSummarisesAGoodLog() throws {
    let dir = try temporaryDirectory(files: [
      "good.csv": Self.header + """

        iris,mlp,0,"a,b",0.5,1,0.9,maximize,1.5,COMPLETE
        iris,mlp,0,"a,b",1,1,,maximize,,FAIL
        wine,svm,3,c,1,,0.2,minimize,,PRUNED

        """
    ])
    let run = try metaprobe("logs", "validate", "good.csv", "--json", directory: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(try run.json() as? [String: Any])
    #expect(json["rows"] as? Int == 3)
    #expect(json["tasks"] as? [String] == ["iris", "wine"])
    #expect(json["learners"] as? [String] == ["mlp", "svm"])
    #expect((json["resource_levels"] as? [String: [Double]])?["iris"] == [0.5, 1])
    #expect(json["states"] as? [String: Int] == ["COMPLETE": 1, "FAIL": 1, "PRUNED": 1])
    let text = try metaprobe("logs", "validate", "good.csv", directory: dir)
    #expect(text.stdout.contains("rows: 3") && text.stdout.contains("resource levels (2): 0.5, 1"))
  }

  @Test func validateRejectsABadLogWithLineAndField() throws {
    let dir = try temporaryDirectory(files: [
      "bad.csv": Self.header + "\niris,mlp,0,a,1,1,0.9,maximize,1.5,COMPLETE\niris,mlp,1,a,1,1,0.8,minimize,1.5,COMPLETE\n",
      "nores.jsonl": #"{"task":"t","learner":"l","number":0,"value":1,"direction":"minimize","state":"COMPLETE"}"# + "\n",
      "nan.csv": Self.header + "\niris,mlp,0,a,1,1,nan,maximize,1.5,COMPLETE\n",
    ])
    let mixed = try metaprobe("logs", "validate", "bad.csv", directory: dir)
    #expect(mixed.status == 1)
    #expect(mixed.stdout.isEmpty)
    #expect(mixed.stderr.contains("bad.csv:3: field 'direction': task 'iris', learner 'mlp' is minimize here but maximize on line 2"))
    let missing = try metaprobe("logs", "validate", "nores.jsonl", "--json", directory: dir)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("nores.jsonl:1: field 'resource': required column is missing"))
    let nan = try metaprobe("logs", "validate", "nan.csv", directory: dir)
    #expect(nan.status == 1)
    #expect(nan.stderr.contains("nan.csv:2: field 'value': a COMPLETE row needs a finite value, got 'nan'"))
    let absent = try metaprobe("logs", "validate", "absent.csv", directory: dir)
    #expect(absent.status == 1 && absent.stderr.contains("absent.csv"))
  }

  @Test func importOptunaCSVThenConvertToJSONLines() throws {
    let csv = try String(
      contentsOf: packageRoot.appendingPathComponent("Tests/StorageTests/Fixtures/optuna_trials_dataframe.csv"),
      encoding: .utf8)
    let dir = try temporaryDirectory(files: ["optuna.csv": csv])
    let run = try metaprobe(
      "logs", "import", "optuna.csv", "--from", "optuna", "--task", "quad", "--learner", "toy",
      "--direction", "minimize", "--resource", "0.5", "--out", "quad.csv", directory: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let again = try metaprobe("logs", "import", "quad.csv", "--from", "log", "--out", "quad.jsonl", directory: dir)
    #expect(again.status == 0, "\(again.stderr)")
    let check = try metaprobe("logs", "validate", "quad.jsonl", "--json", directory: dir)
    let json = try #require(try check.json() as? [String: Any])
    #expect(json["rows"] as? Int == 24)
    #expect((json["resource_levels"] as? [String: [Double]])?["quad"] == [0.5])
    #expect(json["states"] as? [String: Int] == ["COMPLETE": 18, "FAIL": 3, "PRUNED": 3])
    let noTask = try metaprobe("logs", "import", "optuna.csv", "--from", "optuna", "--out", "x.csv", directory: dir)
    #expect(noTask.status == 1 && noTask.stderr.contains("--task"))
    let badOut = try metaprobe("logs", "import", "quad.csv", "--from", "log", "--out", "x.txt", directory: dir)
    #expect(badOut.status == 1 && badOut.stderr.contains("unsupported tuning-log format '.txt'"))
  }

  @Test func exportATunedStudyAtEveryResourceLevel() throws {
    let dir = try temporaryDirectory(files: [:])
    let url = "sqlite:///" + dir.appendingPathComponent("s.db").path
    let tune = try metaprobe(
      "tune", "iris", "--learner", "knn", "--sampler", "random", "--cv", "3", "--seed", "1", "--trials", "4",
      "--range", "n_neighbors=1:30", "--scheduler", "sh", "--min-resource", "0.25", "--reduction-factor", "2",
      "--study", "iris-knn", "--storage", url, directory: dir)
    #expect(tune.status == 0, "\(tune.stderr)")
    let export = try metaprobe("logs", "export", "--study", "iris-knn", "--storage", url, "--out", "iris.jsonl", directory: dir)
    #expect(export.status == 0, "\(export.stderr)")
    let check = try metaprobe("logs", "validate", "iris.jsonl", "--json", directory: dir)
    #expect(check.status == 0, "\(check.stderr)")
    let json = try #require(try check.json() as? [String: Any])
    #expect(json["tasks"] as? [String] == ["iris"])
    #expect(json["learners"] as? [String] == ["knn"])
    // The first trial of a study is never pruned, so it reaches every level.
    #expect((json["resource_levels"] as? [String: [Double]])?["iris"] == [0.25, 0.5, 1])
    let rows = try #require(json["rows"] as? Int)
    #expect(rows >= 4 + 2 && rows <= 12)
    // `import --from study` on the file picks its only study and gives the same log.
    let imported = try metaprobe("logs", "import", "s.db", "--from", "study", "--out", "iris2.jsonl", directory: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(
      try String(contentsOf: dir.appendingPathComponent("iris2.jsonl"), encoding: .utf8)
        == String(contentsOf: dir.appendingPathComponent("iris.jsonl"), encoding: .utf8))
    let noFile = try metaprobe("logs", "import", "none.db", "--from", "study", "--out", "x.csv", directory: dir)
    #expect(noFile.status == 1 && noFile.stderr.contains("none.db: no such SQLite file"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.db").path))
    let missing = try metaprobe("logs", "export", "--study", "nope", "--storage", url, "--out", "x.csv", directory: dir)
    #expect(missing.status == 1 && missing.stderr.contains("no study named 'nope'"))
  }
}
