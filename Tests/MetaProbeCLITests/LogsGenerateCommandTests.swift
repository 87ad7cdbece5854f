import Foundation
import Testing

extension CLITests {
  @Test func logsGenerateWritesResumableLogSortedCSVAndFeatures() throws {
    let dir = try temporaryDirectory(files: [:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let arguments = [
      "logs", "generate", "--learners", "knn,logistic_regression", "--tasks", "iris,wine", "--configs", "2",
      "--levels", "0.5,1", "--jobs", "2", "--out", "log.jsonl", "--csv", "log.csv", "--features", "features.csv",
    ]
    let run = try metaprobe(arguments, directory: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("16 evaluated (0 failed), 0 already in the log"))
    let csv = try String(contentsOf: dir.appendingPathComponent("log.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 17)
    #expect(lines.first?.hasPrefix("task,learner,number,params_") == true)
    #expect(lines.dropFirst().first?.hasPrefix("iris,knn,0,") == true)
    #expect(lines.last?.hasPrefix("wine,logistic_regression,1,") == true)
    let features = try String(contentsOf: dir.appendingPathComponent("features.csv"), encoding: .utf8)
    let featureLines = features.split(separator: "\n")
    #expect(featureLines.count == 3)
    #expect(featureLines.first?.contains("nr_inst") == true)
    #expect(featureLines.dropFirst().map { $0.prefix { $0 != "," } } == ["iris", "wine"])

    let again = try metaprobe(arguments, directory: dir)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("0 evaluated (0 failed), 16 already in the log"))

    // A rerun on one task writes only that task's records to the CSV, in the same bytes.
    var subset = arguments
    subset[5] = "iris"
    subset[subset.count - 3] = "iris.csv"
    let irisOnly = try metaprobe(subset, directory: dir)
    #expect(irisOnly.status == 0, "\(irisOnly.stderr)")
    let irisCSV = try String(contentsOf: dir.appendingPathComponent("iris.csv"), encoding: .utf8)
    #expect(irisCSV.split(separator: "\n").count == 9)
    #expect(csv.hasPrefix(irisCSV))
  }

  @Test func logsGenerateReportsBadInput() throws {
    let dir = try temporaryDirectory(files: [:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let unknown = try metaprobe(["logs", "generate", "--learners", "boosting", "--tasks", "iris", "--out", "x.jsonl"], directory: dir)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("unknown learner 'boosting'"), "\(unknown.stderr)")
    let level = try metaprobe(["logs", "generate", "--tasks", "iris", "--levels", "0.5,2", "--out", "x.jsonl"], directory: dir)
    #expect(level.status == 1)
    #expect(level.stderr.contains("resource level 2.0 is outside (0, 1]"))
    let noTasks = try metaprobe(["logs", "generate", "--out", "x.jsonl"], directory: dir)
    #expect(noTasks.status == 1)
    #expect(noTasks.stderr.contains("--tasks"))
    let missing = try metaprobe(["logs", "generate", "--tasks", "no_such_dataset", "--out", "x.jsonl"], directory: dir)
    #expect(missing.status == 1)
  }
}
