import Foundation
import Search
import Testing

@testable import Storage

@Suite struct TrialsCSVTests {
  func optunaFixture() throws -> String {
    try String(contentsOfFile: fixture("optuna_trials_dataframe.csv"), encoding: .utf8)
  }

  /// The summary Optuna printed when it wrote the fixture.
  struct Summary: Decodable {
    var states: [String: Int]
    var bestNumber: Int
    var bestValue: Double

    enum CodingKeys: String, CodingKey {
      case states
      case bestNumber = "best_number"
      case bestValue = "best_value"
    }
  }

  @Test func optunaExportImportsWithCountsKindsAndValues() async throws {
    let text = try optunaFixture()
    let summary = try JSONDecoder().decode(
      Summary.self,
      from: Data(contentsOf: URL(fileURLWithPath: fixture("optuna_trials_dataframe.json"))))
    let imported = try TrialsCSV.parse(text)
    var counts: [String: Int] = [:]
    for t in imported.trials { counts[t.state.rawValue, default: 0] += 1 }
    #expect(counts == summary.states)
    #expect(imported.trials.map(\.number) == Array(0..<imported.trials.count))
    let kinds = Dictionary(uniqueKeysWithValues: imported.space.parameters.map { ($0.name, $0.domain) })
    guard case .float(_, _, let xLog, _)? = kinds["x"], case .float(_, _, let lrLog, _)? = kinds["lr"],
      case .int? = kinds["layers"], case .categorical(let choices)? = kinds["activation"]
    else {
      Issue.record("unexpected kinds \(kinds)")
      return
    }
    #expect(!xLog && lrLog)
    #expect(choices == ["gelu", "relu", "tanh"])
    let best = imported.trials.filter { $0.state == .complete }.min { $0.values[0] < $1.values[0] }
    #expect(best?.number == summary.bestNumber)
    #expect(best?.values == [summary.bestValue])
    // FAIL rows have no value; PRUNED rows keep theirs; every row has dates and user attributes.
    for t in imported.trials {
      if t.state == .fail { #expect(t.values.isEmpty) } else { #expect(t.values.count == 1) }
      #expect(t.startDate != nil && t.completeDate != nil)
      #expect(t.userAttributes["fold"] == .number(Double(t.number % 3)))
      #expect(t.userAttributes["note"] == .string("run-\(t.number)"))
      #expect(t.params.count == 4)
    }
    // The quoted JSON of Optuna's system attribute reads back whole.
    let relative = imported.trials.compactMap { $0.systemAttributes["tpe:relative_params:0"] }
    #expect(!relative.isEmpty)
    #expect(relative.allSatisfy { "\($0)".hasPrefix("{\"activation\"") })
  }

  @Test func anOptunaExportImportsIntoAStoredStudy() async throws {
    let storage = try SQLiteStorage.inMemory()
    let (summary, imported) = try await storage.importTrialsCSV(
      try optunaFixture(), studyName: "optuna")
    #expect(summary.directions == [.minimize])
    let stored = try await storage.trials(studyName: "optuna")
    #expect(stored.count == imported.trials.count)
    for (a, b) in zip(stored, imported.trials) { #expect(sameTrial(a, b)) }
    let overview = try await storage.overview(studyName: "optuna")
    #expect(overview.space == imported.space)
    #expect(overview.counts[.complete] == 18)
    // The name is taken now.
    await #expect(throws: StorageError.search(.study(name: "optuna", reason: "already exists"))) {
      try await storage.importTrialsCSV(try optunaFixture(), studyName: "optuna")
    }
  }

  @Test func exportThenImportPreservesTrials() async throws {
    let dir = try temporaryDirectory()
    let storage = try SQLiteStorage(path: dir.appendingPathComponent("rt.db").path)
    let space = try mixedSpace()
    let study = try await Study(
      name: "rt", space: space, sampler: RandomSampler(seed: 11), pruner: NopPruner(),
      storage: storage)
    for i in 0..<8 {
      let t = try await study.ask()
      try await study.setUserAttribute(number: t.number, key: "note", value: .string("a, \"b\" \(i)"))
      try await study.setUserAttribute(number: t.number, key: "flag", value: .bool(i % 2 == 0))
      switch i % 4 {
      case 0, 1: try await study.tell(t.number, value: Double(i) / 3)
      case 2:
        try await study.report(number: t.number, value: 7.5, resource: 0.25)
        try await study.tell(t.number, state: .pruned)
      default: try await study.tell(t.number, state: .fail, failReason: "x")
      }
    }
    _ = try await study.ask()  // one RUNNING trial, with no completion date
    let csv = try await storage.exportTrialsCSV(studyName: "rt")
    let header = csv.split(separator: "\n")[0]
    #expect(
      header
        == "number,value,datetime_start,datetime_complete,duration,params_activation,params_layers,params_lr,params_x,user_attrs_flag,user_attrs_note,state,resource,cost_s"
    )
    let back = try TrialsCSV.parse(csv, space: space)
    let original = await study.trials
    #expect(back.trials.count == original.count)
    for (a, b) in zip(back.trials, original) {
      var expected = b
      expected.failReason = nil  // not a trials_dataframe column
      #expect(sameTrial(a, expected), "\(a) != \(expected)")
    }
    // Inferred kinds agree with the space's kinds for this data.
    let inferred = try TrialsCSV.parse(csv).space
    let kinds = { (s: SearchSpace) in Dictionary(uniqueKeysWithValues: s.parameters.map { ($0.name, $0.kind) }) }
    #expect(kinds(inferred) == kinds(space))
  }

  @Test func timestampsUsePandasFormats() throws {
    let d = try #require(TimestampFormat.date(from: "2026-01-01 12:00:00.123456"))
    #expect(TimestampFormat.string(from: d) == "2026-01-01 12:00:00.123456")
    #expect(TimestampFormat.durationString(seconds: 1.234567) == "0 days 00:00:01.234567")
    #expect(TimestampFormat.durationString(seconds: 90_061) == "1 days 01:01:01")
    #expect(TimestampFormat.duration(from: "0 days 00:00:01.234567") == 1.234567)
    #expect(TimestampFormat.duration(from: "1 day 01:01:01") == 90_061)
    #expect(TimestampFormat.date(from: "1969-12-31 23:59:59.5")?.timeIntervalSince1970 == -0.5)
    #expect(TimestampFormat.date(from: "2026-13-01 00:00:00") == nil)
  }

  func csvError(_ text: String) -> StorageError? {
    do {
      _ = try TrialsCSV.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func badCSVNamesLineAndColumn() {
    let header = "number,value,params_x,state\n"
    #expect(
      csvError(header + "0,1.0,0.5,COMPLETE\n1,2.0,COMPLETE\n")
        == .csv(line: 3, column: nil, reason: "ragged row: 3 fields, the header has 4"))
    #expect(
      csvError(header + "0,abc,0.5,COMPLETE\n")
        == .csv(line: 2, column: "value", reason: "'abc' is not a number"))
    #expect(
      csvError(header + "0,1.0,0.5,COMPLETE\n1,1.0,0.5,DONE\n")
        == .csv(
          line: 3, column: "state",
          reason: "unknown state 'DONE'; expected COMPLETE, PRUNED, FAIL, RUNNING or WAITING"))
    #expect(
      csvError(header + "0,nan,0.5,COMPLETE\n")
        == .csv(line: 2, column: "value", reason: "a COMPLETE trial needs a finite value, got nan"))
    #expect(
      csvError(header + "0,,0.5,COMPLETE\n")
        == .csv(line: 2, column: "value", reason: "a COMPLETE trial needs a value"))
    // A quoted field spanning lines shifts the line numbers of the records after it.
    #expect(
      csvError("number,value,user_attrs_n,state\n0,1,\"a\nb\",COMPLETE\n1,x,c,COMPLETE\n")
        == .csv(line: 4, column: "value", reason: "'x' is not a number"))
    #expect(csvError("") == .csv(line: 1, column: nil, reason: "the file is empty; expected a header row"))
    #expect(
      csvError(header + "0,1.0,\"0.5,COMPLETE\n")
        == .csv(line: 2, column: nil, reason: "a quoted field is never closed"))
    let described = StorageError.csv(line: 3, column: "state", reason: "r").description
    #expect(described == "line 3, column 'state': r")
    // A NaN value is fine on a FAIL row, and a given space checks parameter values.
    #expect(csvError(header + "0,nan,0.5,FAIL\n") == nil)
    let space = try? SearchSpace(.float("x", 0, 1))
    #expect(throws: StorageError.csv(line: 2, column: "params_x", reason: "'7' is not a value of float parameter 'x'")) {
      _ = try TrialsCSV.parse(header + "0,1,7,COMPLETE\n", space: space)
    }
  }

  @Test func multiObjectiveStudiesExportValuesColumnsAndAppendOnImport() async throws {
    let storage = try SQLiteStorage.inMemory()
    let s = try await storage.createStudy(name: "mo", directions: [.minimize, .maximize])
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    _ = try await storage.createTrial(
      studyID: s.id,
      Trial(
        state: .complete, params: ["c": .categorical("a")], values: [1, 2], startDate: start,
        completeDate: start.addingTimeInterval(2)))
    let csv = try await storage.exportTrialsCSV(studyName: "mo")
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "number,values_0,values_1,datetime_start,datetime_complete,duration,params_c,state,resource,cost_s")
    #expect(
      lines[1]
        == "0,1.0,2.0,2023-11-14 22:13:20.000000,2023-11-14 22:13:22.000000,0 days 00:00:02,a,COMPLETE,,2.0")
    // Appending the export to the same study doubles it; a direction count mismatch is refused.
    try await storage.importTrialsCSV(
      csv, studyName: "mo", directions: [.minimize, .maximize], append: true)
    #expect(try await storage.trials(studyName: "mo").map(\.number) == [0, 1])
    await #expect(throws: StorageError.self) {
      try await storage.importTrialsCSV(csv, studyName: "other", directions: [.minimize])
    }
    let overviews = try await storage.overviews()
    #expect(overviews.map(\.summary.name) == ["mo"])
    #expect(overviews[0].counts == [.complete: 2] && overviews[0].bestTrial == nil)
  }

  @Test func kindsAreInferredFromPandasCellsOrTakenFromASpace() throws {
    // pandas writes an int column with gaps as floats; numeric-looking choices stay categorical
    // only when a space says so.
    let csv = """
      number,value,params_n,params_c,params_lr,state
      0,1.0,3.0,16,0.001,COMPLETE
      1,2.0,,32,0.5,FAIL
      2,0.5,5.0,16,0.00002,COMPLETE

      """
    let inferred = try TrialsCSV.parse(csv)
    #expect(inferred.space.parameter(named: "n")?.domain == .int(low: 3, high: 5, log: false, step: 1))
    #expect(inferred.space.parameter(named: "c")?.domain == .int(low: 16, high: 32, log: false, step: 1))
    #expect(
      inferred.space.parameter(named: "lr")?.domain == .float(low: 0.00002, high: 0.5, log: true, step: nil))
    #expect(inferred.trials[1].params.names == ["c", "lr"] && inferred.trials[1].values.isEmpty)
    let space = try SearchSpace(
      .int("n", 1, 10), .categorical("c", ["16", "32", "64"]), .float("lr", 1e-5, 1, log: true))
    let given = try TrialsCSV.parse(csv, space: space)
    #expect(given.trials[0].params == ["n": .int(3), "c": .categorical("16"), "lr": .float(0.001)])
    #expect(given.space == space)
  }
}
