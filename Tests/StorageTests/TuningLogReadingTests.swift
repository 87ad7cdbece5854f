import Foundation
import Search
import Testing

@testable import Storage

/// Records exercising every field kind: categoricals with commas, quotes and line breaks,
/// seedless rows, FAIL and PRUNED rows, several resource levels, user attributes.
func sampleRecords() -> [TuningLogRecord] {
  [
    TuningLogRecord(
      task: "iris", learner: "mlp", number: 0,
      params: ["activation": .categorical("relu, leaky"), "lr": .float(0.001), "layers": .int(2)],
      resource: 1.0 / 3.0, seed: 7, value: 0.8125, direction: .maximize, costSeconds: 1.25,
      userAttributes: ["note": "say \"hi\""]),
    TuningLogRecord(
      task: "iris", learner: "mlp", number: 0,
      params: ["activation": .categorical("relu, leaky"), "lr": .float(0.001), "layers": .int(2)],
      resource: 1, seed: 7, value: 0.9, direction: .maximize, costSeconds: 3.5),
    TuningLogRecord(
      task: "iris", learner: "mlp", number: 1,
      params: ["activation": .categorical("tan\"h\"\nx"), "lr": .float(1e-05), "layers": .int(-3)],
      resource: 1, seed: nil, value: nil, direction: .maximize, state: .fail,
      userAttributes: ["fail_reason": "diverged, NaN loss"]),
    TuningLogRecord(
      task: "wine", learner: "svm", number: 0, params: ["C": .float(3.0), "kernel": .categorical("rbf")],
      resource: 0.25, seed: nil, value: 0.5, direction: .minimize, state: .pruned),
    TuningLogRecord(
      task: "wine", learner: "svm", number: 1, params: ["kernel": .categorical("linear")],
      resource: 0.25, seed: 0, value: -2.5e-07, direction: .minimize, costSeconds: 0),
  ]
}

@Suite struct TuningLogReadingTests {
  @Test func csvRoundTripIsExact() throws {
    let records = sampleRecords()
    let text = TuningLogFormat.csv(records)
    let log = try TuningLog(csv: text)
    #expect(log.records == records)
    #expect(log.text(.csv) == text)
  }

  @Test func jsonLinesRoundTripIsExact() throws {
    let records = sampleRecords()
    let text = TuningLogFormat.jsonLines(records)
    let log = try TuningLog(jsonLines: text)
    #expect(log.records == records)
    #expect(log.text(.jsonLines) == text)
  }

  @Test func parameterKindsAreInferredPerColumn() throws {
    let log = try TuningLog(
      csv: """
        task,learner,number,params_a,params_b,params_c,params_d,resource,value,direction,state
        t,l,0,3,3,x,1e3,1,0.5,maximize,COMPLETE
        t,l,1,-4,4.5,7,2E-2,1,0.25,maximize,COMPLETE
        t,l,2,,5,,,1,0.75,maximize,COMPLETE
        """)
    #expect(log.records[0].params["a"] == .int(3))
    #expect(log.records[1].params["a"] == .int(-4))
    #expect(log.records[0].params["b"] == .float(3))
    #expect(log.records[1].params["b"] == .float(4.5))
    #expect(log.records[1].params["c"] == .categorical("7"))
    #expect(log.records[0].params["d"] == .float(1000))
    #expect(log.records[2].params["a"] == nil && log.records[2].params.count == 1)
  }

  @Test func jsonStringsStayCategorical() throws {
    let log = try TuningLog(
      jsonLines: """
        {"task":"t","learner":"l","number":0,"params_k":"3","params_n":3,"resource":1,"value":1,"direction":"minimize","state":"COMPLETE"}

        {"task":"t","learner":"l","number":1,"params_k":"4","params_n":4.0,"resource":0.5,"value":NaN,"direction":"minimize","state":"FAIL"}
        """)
    #expect(log.records.map { $0.params["k"] } == [.categorical("3"), .categorical("4")])
    #expect(log.records.map { $0.params["n"] } == [.float(3), .float(4)])
    #expect(log.records[1].value == nil && log.records[1].state == .fail)
  }

  @Test func searchSpaceTypesParameters() throws {
    let space = try SearchSpace(.int("n", 1, 10), .categorical("k", ["1", "2"]), .float("x", 0, 1))
    let log = try TuningLog(
      csv: """
        task,learner,number,params_k,params_n,params_x,resource,value,direction,state
        t,l,0,1,3.0,1,1,0.5,maximize,COMPLETE
        """, space: space)
    #expect(log.records[0].params == ["k": .categorical("1"), "n": .int(3), "x": .float(1)])
  }

  @Test func optunaColumnsAreAccepted() throws {
    let log = try TuningLog(
      csv: """
        number,value,values_0,datetime_start,datetime_complete,duration,params_x,system_attrs_s,user_attrs_u,state,task,learner,resource,direction
        0,0.5,0.5,2026-01-01 00:00:00,2026-01-01 00:00:01,0 days 00:00:01,0.1,abc,v,COMPLETE,t,l,1,minimize
        """)
    #expect(log.records.count == 1)
    #expect(log.records[0].userAttributes == ["u": "v"])
    #expect(log.records[0].params == ["x": .float(0.1)])
  }

  @Test func helpersListTasksLearnersLevelsAndStates() throws {
    let log = TuningLog(records: sampleRecords())
    #expect(log.tasks == ["iris", "wine"])
    #expect(log.learners == ["mlp", "svm"])
    #expect(log.learners(of: "wine") == ["svm"])
    #expect(log.resourceLevels(of: "iris") == [1.0 / 3.0, 1])
    #expect(log.resourceLevelsByTask == ["iris": [1.0 / 3.0, 1], "wine": [0.25]])
    #expect(log.stateCounts == [.complete: 3, .fail: 1, .pruned: 1])
    #expect(log.direction(task: "wine", learner: "svm") == .minimize)
    #expect(log.records(task: "iris", learner: "mlp").count == 3)
  }

  @Test func filesAreReadAndWrittenByExtension() throws {
    let dir = try temporaryDirectory()
    let log = TuningLog(records: sampleRecords())
    for name in ["log.csv", "sub/log.jsonl"] {
      let path = dir.appendingPathComponent(name).path
      try log.write(toFile: path)
      #expect(try TuningLog(contentsOfFile: path) == log)
    }
    #expect(throws: TuningLogError(file: "log.txt", line: nil, .unsupportedFormat(".txt"))) {
      try TuningLog(contentsOfFile: "log.txt")
    }
  }
}
