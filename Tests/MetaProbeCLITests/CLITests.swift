import Foundation
import Testing

/// End-to-end tests of the `metaprobe` binary: output format, exit status, error messages.
@Suite struct CLITests {}

/// The result of one `metaprobe` run.
struct Run {
  var status: Int32
  var stdout: String
  var stderr: String

  /// stdout parsed as JSON.
  func json() throws -> Any {
    try JSONSerialization.jsonObject(with: Data(stdout.utf8))
  }
}

/// The package root (this file is Tests/MetaProbeCLITests/CLITests.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// Runs the `metaprobe` executable built next to the test bundle.
func metaprobe(_ arguments: String..., directory: URL = packageRoot) throws -> Run {
  try metaprobe(arguments, directory: directory)
}

/// Runs the `metaprobe` executable built next to the test bundle, with `environment` added to
/// this process's environment.
func metaprobe(_ arguments: [String], directory: URL = packageRoot, environment extra: [String: String] = [:]) throws -> Run {
  let candidates = [
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    packageRoot.appendingPathComponent(".build/debug"),
  ].map { $0.appendingPathComponent("metaprobe") }
  let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var environment = ProcessInfo.processInfo.environment
  environment["METAPROBE_DATASETS"] = packageRoot.appendingPathComponent("datasets").path
  environment.merge(extra) { _, new in new }
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read before waiting so a large output cannot fill the pipe and block the child.
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// A temporary directory holding the given files.
func temporaryDirectory(files: [String: String]) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("metaprobe-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  for (name, text) in files {
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }
  return dir
}

extension CLITests {
  // MARK: - datasets list

  @Test func listJSONHasOneObjectPerBundledDataset() throws {
    let run = try metaprobe("datasets", "list", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let array = try #require(try run.json() as? [[String: Any]])
    #expect(array.count >= 30)
    let names = Set(array.compactMap { $0["name"] as? String })
    for name in ["iris", "wine", "breast_cancer", "digits", "keel/iris", "crx", "yeast4"] {
      #expect(names.contains(name), "missing \(name)")
    }
    let digits = try #require(array.first { $0["name"] as? String == "digits" })
    #expect(digits["rows"] as? Int == 1797)
    #expect(digits["features"] as? Int == 64)
    #expect(digits["classes"] as? Int == 10)
    #expect(array.allSatisfy { ($0["licence"] as? String).map { !$0.isEmpty } ?? false })
  }

  @Test func listPrintsATableAndTheCount() throws {
    let run = try metaprobe("datasets", "list")
    #expect(run.status == 0)
    #expect(run.stdout.contains("breast_cancer"))
    #expect(run.stdout.contains("datasets in"))
  }

  // MARK: - datasets describe

  @Test func describeIrisJSONMatchesScikitLearn() throws {
    let run = try metaprobe("datasets", "describe", "iris", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["name"] as? String == "iris")
    #expect(object["rows"] as? Int == 150)
    #expect(object["features"] as? Int == 4)
    #expect(object["classes"] as? Int == 3)
    #expect(object["missing"] as? Int == 0)
    let counts = try #require(object["class_counts"] as? [String: Int])
    #expect(counts == ["setosa": 50, "versicolor": 50, "virginica": 50])
    let kinds = try #require(object["feature_kinds"] as? [String: Int])
    #expect(kinds == ["numeric": 4, "categorical": 0])
  }

  @Test func describeCountsCategoricalFeaturesOfAKEELFile() throws {
    // KEEL crx: 15 attributes, 9 nominal (a1 a4 a5 a6 a7 a9 a10 a12 a13), 653 rows, 2 classes.
    let run = try metaprobe("datasets", "describe", "crx", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["rows"] as? Int == 653)
    #expect(object["features"] as? Int == 15)
    let kinds = try #require(object["feature_kinds"] as? [String: Int])
    #expect(kinds["categorical"] == 9)
    #expect(kinds["numeric"] == 6)
  }

  @Test func describeAPathWithMissingValuesAndANamedTarget() throws {
    let dir = try temporaryDirectory(files: [
      "toy.csv": "label,x,colour\na,1.5,red\nb,?,blue\na,2.5,\nb,NA,red\n"
    ])
    let run = try metaprobe("datasets", "describe", dir.appendingPathComponent("toy.csv").path, "--target", "label", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["rows"] as? Int == 4)
    #expect(object["features"] as? Int == 2)
    #expect(object["missing"] as? Int == 3)
    #expect(object["class_counts"] as? [String: Int] == ["a": 2, "b": 2])
  }

  // MARK: - Errors: exit 1, message on stderr naming file and line, stdout clean

  @Test func raggedRowExitsOneNamingFileAndLine() throws {
    let dir = try temporaryDirectory(files: ["ragged.csv": "x,y,class\n1,2,a\n3,b\n5,6,a\n"])
    let run = try metaprobe("datasets", "describe", dir.appendingPathComponent("ragged.csv").path, "--json")
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("ragged.csv"))
    #expect(run.stderr.contains("3"))
  }

  @Test func unknownDatasetExitsOne() throws {
    let run = try metaprobe("datasets", "describe", "no-such-dataset")
    #expect(run.status == 1)
    #expect(run.stderr.contains("no-such-dataset"))
  }

  @Test func missingTargetColumnExitsOne() throws {
    let run = try metaprobe("datasets", "describe", "iris", "--target", "species")
    #expect(run.status == 1)
    #expect(run.stderr.contains("species"))
  }

  @Test func emptyFileExitsOne() throws {
    let dir = try temporaryDirectory(files: ["empty.csv": ""])
    let run = try metaprobe("datasets", "describe", dir.appendingPathComponent("empty.csv").path)
    #expect(run.status == 1)
    #expect(run.stderr.contains("empty.csv"))
  }
}
