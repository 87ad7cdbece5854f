import Foundation
import Search
import Testing

@testable import Storage

/// Bad tuning logs: each error names the file, the line and the field at fault.
@Suite struct TuningLogErrorTests {
  static let header = "task,learner,number,params_x,resource,seed,value,direction,cost_s,state"

  func csvError(_ rows: [String], header: String = header) -> TuningLogError? {
    do {
      _ = try TuningLog(csv: ([header] + rows).joined(separator: "\n") + "\n", file: "bad.csv")
      return nil
    } catch {
      return error
    }
  }

  func jsonError(_ lines: [String]) -> TuningLogError? {
    do {
      _ = try TuningLog(jsonLines: lines.joined(separator: "\n"), file: "bad.jsonl")
      return nil
    } catch {
      return error
    }
  }

  let good = "iris,mlp,0,0.5,1,0,0.9,maximize,1.5,COMPLETE"

  @Test func unknownColumnIsNamed() {
    let e = csvError([good + ",1"], header: Self.header + ",colour")
    #expect(e == TuningLogError(file: "bad.csv", line: 1, field: "colour", .unknownColumn))
    #expect(e?.description.hasPrefix("bad.csv:1: field 'colour': unknown column") == true)
  }

  @Test func missingResourceColumnIsNamed() {
    let e = csvError(["iris,mlp,0,0.9,maximize,COMPLETE"], header: "task,learner,number,value,direction,state")
    #expect(e == TuningLogError(file: "bad.csv", line: 1, field: "resource", .missingColumn))
  }

  @Test func emptyRequiredFieldIsNamed() {
    let e = csvError([good, "iris,,1,0.5,1,0,0.9,maximize,1.5,COMPLETE"])
    #expect(e == TuningLogError(file: "bad.csv", line: 3, field: "learner", .emptyField))
  }

  @Test func resourceOutsideUnitIntervalIsRejected() {
    #expect(
      csvError(["iris,mlp,0,0.5,1.5,0,0.9,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "resource", .resourceOutOfRange(1.5)))
    #expect(
      csvError([good, "iris,mlp,1,0.5,0,0,0.9,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 3, field: "resource", .resourceOutOfRange(0)))
    #expect(
      csvError(["iris,mlp,1,0.5,half,0,0.9,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "resource", .notANumber("half")))
  }

  @Test func completeRowsNeedFiniteValues() {
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,nan,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "value", .missingValue("nan")))
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,inf,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "value", .missingValue("inf")))
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "value", .missingValue("")))
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,high,maximize,1.5,FAIL"])
        == TuningLogError(file: "bad.csv", line: 2, field: "value", .notANumber("high")))
    // FAIL rows may have an empty value.
    #expect(csvError(["iris,mlp,0,0.5,1,0,,maximize,1.5,FAIL"]) == nil)
  }

  @Test func mixedDirectionsNameBothLines() {
    let e = csvError([good, "iris,svm,0,0.5,1,0,0.9,minimize,1.5,COMPLETE", "iris,mlp,1,0.5,1,0,0.2,minimize,1.5,COMPLETE"])
    #expect(
      e
        == TuningLogError(
          file: "bad.csv", line: 4, field: "direction",
          .mixedDirections(task: "iris", learner: "mlp", earlier: .maximize, earlierLine: 2, found: .minimize)))
  }

  @Test func unknownStateAndDirectionAreNamed() {
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,0.9,maximize,1.5,DONE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "state", .unknownState("DONE")))
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,0.9,maximize,1.5,RUNNING"])
        == TuningLogError(file: "bad.csv", line: 2, field: "state", .unknownState("RUNNING")))
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,0.9,up,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "direction", .unknownDirection("up")))
  }

  @Test func duplicatedEvaluationNamesTheEarlierLine() {
    #expect(
      csvError([good, "iris,mlp,0,0.7,1,1,0.9,maximize,1.5,COMPLETE", "iris,mlp,0,0.7,1,0,0.8,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 4, .duplicateRecord(earlierLine: 2)))
    // Seedless rows are keyed by the missing seed.
    #expect(
      csvError(["iris,mlp,0,0.5,1,,0.9,maximize,1.5,COMPLETE", "iris,mlp,0,0.5,1,,0.9,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 3, .duplicateRecord(earlierLine: 2)))
  }

  @Test func raggedRowsAndBadQuotesAreNamed() {
    #expect(
      csvError([good, "iris,mlp,1,0.5,1,0,0.9,maximize,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 3, .raggedRow(found: 9, expected: 10)))
    #expect(
      csvError([good, "iris,mlp,1,\"0.5,1,0,0.9,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 3, .malformedCSV("a quoted field is never closed")))
  }

  @Test func badIntegersAndCostsAreNamed() {
    #expect(
      csvError(["iris,mlp,zero,0.5,1,0,0.9,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "number", .notAnInteger("zero")))
    #expect(
      csvError(["iris,mlp,0,0.5,1,0.5,0.9,maximize,1.5,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "seed", .notAnInteger("0.5")))
    #expect(
      csvError(["iris,mlp,0,0.5,1,0,0.9,maximize,-2,COMPLETE"])
        == TuningLogError(file: "bad.csv", line: 2, field: "cost_s", .invalidCost(-2)))
  }

  @Test func unknownHyperparameterOfTheSpaceIsNamed() throws {
    let space = try SearchSpace(.float("lr", 0, 1))
    let text = Self.header + "\n" + good + "\n"
    #expect(throws: TuningLogError(file: "s.csv", line: 2, field: "params_x", .unknownParameter("x"))) {
      try TuningLog(csv: text, file: "s.csv", space: space)
    }
    let narrow = try SearchSpace(.float("x", 0, 0.1))
    #expect(
      throws: TuningLogError(
        file: "s.csv", line: 2, field: "params_x", .invalidParameter(value: "0.5", parameter: "x", kind: "float"))
    ) { try TuningLog(csv: text, file: "s.csv", spaces: ["mlp": narrow]) }
  }

  @Test func badJSONLinesNameTheLine() {
    let ok = #"{"task":"t","learner":"l","number":0,"resource":1,"value":1,"direction":"minimize","state":"COMPLETE"}"#
    if case .badJSON? = jsonError([ok, "", "{\"task\": \"t\",}"])?.problem {
    } else {
      Issue.record("expected badJSON")
    }
    #expect(jsonError([ok, "", "{\"task\": \"t\",}"])?.line == 3)
    #expect(jsonError([ok, "[1, 2]"])?.line == 2)
    #expect(jsonError([#"{"task":{"a":1}}"#])?.problem == .badJSON("key 'task' holds a nested object"))
    #expect(jsonError([ok, #"{"task":"t","task":"u"}"#])?.problem == .badJSON("key 'task' appears twice"))
    #expect(
      jsonError([ok, #"{"task":"t","learner":"l","number":1,"value":1,"direction":"minimize","state":"COMPLETE"}"#])
        == TuningLogError(file: "bad.jsonl", line: 2, field: "resource", .missingColumn))
    #expect(
      jsonError([#"{"task":"t","learner":"l","number":1,"resource":1,"value":null,"direction":"minimize","state":"COMPLETE"}"#])
        == TuningLogError(file: "bad.jsonl", line: 1, field: "value", .missingValue("")))
    #expect(
      jsonError([ok, #"{"task":"t","learner":"l","number":1,"resource":1,"value":1,"direction":"minimize","state":"COMPLETE","speed":3}"#])
        == TuningLogError(file: "bad.jsonl", line: 2, field: "speed", .unknownColumn))
  }

  @Test func emptyFilesAreRejected() {
    #expect(csvError([], header: "") == TuningLogError(file: "bad.csv", line: nil, .empty))
    #expect(jsonError(["", "  "]) == TuningLogError(file: "bad.jsonl", line: nil, .empty))
  }
}
