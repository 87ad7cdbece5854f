import Datasets
import Experiments
import Foundation
import Search
import Storage
import Testing

/// A method that fails when its context holds anything of the held-out task.
struct PeekingMethod: BenchmarkMethod {
  let name = "peek"
  func run(task: TabularTask, context: BenchmarkContext, budget: Double, seed: UInt64) async throws(ExperimentsError)
    -> BenchmarkTrace
  {
    let leaked =
      context.heldOutTask != task.task || context.priorRecords.contains { $0.task == task.task }
      || context.priorProblems.contains { $0.task == task.task }
    if leaked { throw .method(name: name, task: task.name, reason: "saw the held-out task") }
    guard !context.priorRecords.isEmpty else { throw .method(name: name, task: task.name, reason: "no prior records") }
    return try await RandomSearchMethod().run(task: task, context: context, budget: budget, seed: seed)
  }
}

func threeTaskSuite() throws -> TabularBenchmark {
  try TabularBenchmark(
    records: ["a", "b", "c"].enumerated().flatMap { i, name in
      tableRecords(task: name, configurations: 10, levels: [0.5, 1]) { c, l in Double((c * (i + 3)) % 10) + Double(l) }
    })
}

@Test func leaveOneTaskOutNeverExposesTheHeldOutTask() async throws {
  let suite = try threeTaskSuite()
  let loto = try LeaveOneTaskOut(suite: suite, methods: [PeekingMethod(), RandomSearchMethod()], budget: 3, seeds: 2)
  let result = try await loto.run(jobs: 2)
  #expect(result.problems == ["a", "b", "c"])
  #expect(result.runs.allSatisfy { $0.allSatisfy { $0.count == 2 } })
  // Same seed for both methods (common random numbers): the peeking method delegates to random.
  #expect(result.runs.allSatisfy { $0[0] == $0[1] })
  // The spy does fail when handed the held-out task's records.
  let leaky = BenchmarkContext(
    heldOutTask: "a", priorRecords: suite.records, priorProblems: suite.problems, taskFeatures: TaskFeatureTable(names: []))
  await #expect(throws: ExperimentsError.self) {
    _ = try await PeekingMethod().run(task: suite.problems[0], context: leaky, budget: 1, seed: 0)
  }
}

@Test func tabularTaskFeaturesUseSharedLandmarks() throws {
  let suite = try threeTaskSuite()
  let landmarks = TabularTaskFeatures.landmarks(of: suite, count: 4, seed: 3)
  #expect(landmarks["mlp"]?.count == 4)
  let table = try TabularTaskFeatures.table(for: suite, landmarks: 4, seed: 3)
  #expect(table.names == (landmarks["mlp"] ?? []).map { "landmark_\($0)" })
  for (i, name) in ["a", "b", "c"].enumerated() {
    let expected = (landmarks["mlp"] ?? []).map { Double(($0 * (i + 3)) % 10) + 1 }
    #expect(table[name] == expected)
  }
}

/// A fresh directory holding `files` (name -> text).
private func logDirectory(_ files: [String: String]) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("experiments-logs-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
  return dir
}

@Test func suiteReadsLogsWithTheStorageReaderNamingFileLineAndField() throws {
  let header = "task,learner,number,params_x,resource,seed,value,direction,cost_s,state\n"
  let dir = try logDirectory([
    "a.csv": header + "t,mlp,0,1,0.5,,0.7,maximize,,COMPLETE\nt,mlp,0,1.5,1,,0.8,maximize,,COMPLETE\n",
    "bad-value.csv": header + "t,mlp,0,1,1,,0.7,maximize,,COMPLETE\nt,mlp,1,1,1,,abc,maximize,,COMPLETE\n",
    "bad-resource.csv": header + "t,mlp,0,1,0,,0.7,maximize,,COMPLETE\n",
    "bad-header.csv": "task,number,resource,value\n",
    "mixed.csv": header + "t,mlp,0,1,1,,0.7,maximize,,COMPLETE\nt,mlp,1,2,1,,0.7,minimize,,COMPLETE\n",
  ])
  defer { try? FileManager.default.removeItem(at: dir) }
  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
  func read(_ name: String) throws(ExperimentsError) -> [TuningLogRecord] {
    try BenchmarkSuite(path(name), datasetsRoot: nil).records()
  }
  let good = try read("a.csv")
  #expect(good.count == 2)
  #expect(good[0].params["x"] == .float(1))  // a column with a non-integer is float throughout
  #expect(throws: ExperimentsError.log(TuningLogError(file: path("bad-value.csv"), line: 3, field: "value", .notANumber("abc")))) {
    try read("bad-value.csv")
  }
  #expect(throws: ExperimentsError.log(TuningLogError(file: path("bad-resource.csv"), line: 2, field: "resource", .resourceOutOfRange(0)))) {
    try read("bad-resource.csv")
  }
  #expect(throws: ExperimentsError.log(TuningLogError(file: path("bad-header.csv"), line: 1, field: "learner", .missingColumn))) {
    try read("bad-header.csv")
  }
  // The message names the file, line and field.
  do {
    _ = try read("bad-value.csv")
    Issue.record("a non-numeric value was accepted")
  } catch {
    #expect(error.description.hasPrefix(path("bad-value.csv") + ":3: field 'value': "), "\(error)")
  }
  // Mixed directions within a (task, learner): the reader refuses them on the later line, and
  // the look-up table refuses records built without the reader, naming the task.
  #expect(
    throws: ExperimentsError.log(
      TuningLogError(
        file: path("mixed.csv"), line: 3, field: "direction",
        .mixedDirections(task: "t", learner: "mlp", earlier: .maximize, earlierLine: 2, found: .minimize)))
  ) {
    try read("mixed.csv")
  }
  let mixed = [StudyDirection.maximize, .minimize].enumerated().map { n, d in
    TuningLogRecord(task: "t", learner: "mlp", number: n, params: ["x": .int(n)], resource: 1, value: 0.7, direction: d)
  }
  #expect(throws: ExperimentsError.table(task: "t", reason: "mixed directions (configuration 1)")) {
    try TabularBenchmark(records: mixed)
  }
}

@Test func suiteDirectoryReadsJSONLinesLogsToo() throws {
  let records = tableRecords(task: "j", configurations: 3, levels: [0.5, 1]) { c, l in Double(c + l) }
  let dir = try logDirectory([:])
  defer { try? FileManager.default.removeItem(at: dir) }
  try TuningLog(records: records).write(toFile: dir.appendingPathComponent("log.jsonl").path)
  let suite = try BenchmarkSuite(dir.path, datasetsRoot: nil)
  #expect(suite.logFiles == [dir.appendingPathComponent("log.jsonl").path])
  #expect(try suite.records() == records)
}

@Test func tabularTaskFeaturesAddBundledDatasetMetaFeatures() throws {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("datasets")
  let registry = try DatasetRegistry(root: root)
  let suite = try TabularBenchmark(
    records: ["australian", "credit_g", "no_such_dataset"].flatMap { name in
      tableRecords(task: name, configurations: 5, levels: [1]) { c, _ in Double(c) }
    })
  let table = try TabularTaskFeatures.table(for: suite, landmarks: 2, seed: 0, registry: registry)
  let column = try #require(table.names.firstIndex(of: "nr_inst"))
  #expect(table["australian"]?[column] == 690)
  #expect(table["credit_g"]?[column] == 1000)  // KEEL's german
  #expect(table["no_such_dataset"]?[column].isNaN == true)
  #expect(table.names.prefix(2).allSatisfy { $0.hasPrefix("landmark_") })
}
