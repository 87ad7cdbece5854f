import Experiments
import Foundation
import Learners
import Search
import Storage
import Testing

/// Corpus generation settings and the corpus log reader.
@Suite struct CorpusLogTests {
  @Test func badGeneratorSettingsAreNamed() {
    #expect(throws: CorpusError.self) { try CorpusGenerator(learners: [], levels: [1]) }
    #expect(throws: CorpusError.invalidSettings("resource level 1.5 is outside (0, 1]")) {
      try CorpusGenerator(learners: [try CorpusLearner(space: .knn, count: 1, seed: 0)], levels: [0.5, 1.5])
    }
  }

  @Test func logOfOtherSettingsIsRejected() async throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    let tasks = try smallCorpusTasks()
    _ = try await tinyGenerator(configs: 3).run(tasks: tasks, log: log)
    await #expect(throws: CorpusError.self) { _ = try await tinyGenerator(configs: 4).run(tasks: tasks, log: log) }
    await #expect(throws: CorpusError.self) { _ = try await tinyGenerator(seed: 8).run(tasks: try smallCorpusTasks(seed: 8), log: log) }
  }

  @Test func malformedLineIsReportedWithItsNumber() throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    let good = TuningLogFormat.jsonLine(
      TuningLogRecord(task: "t", learner: "knn", number: 0, params: ["n_neighbors": .int(3)], resource: 1, seed: 1, value: 0.5, direction: .maximize))
    try (good + "\n{\"task\": 3}\n" + good + "\n").write(to: log, atomically: true, encoding: .utf8)
    #expect(throws: CorpusError.malformedLog(path: log.path, line: 2, reason: "field 'learner' is missing or not a string")) {
      try CorpusLogFile.records(in: log)
    }
  }

  @Test func jsonLinesRoundTripThroughTheResumeReader() throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    let records = TuningSpace.mlp.configurations(count: 5, seed: 9).enumerated().map { i, c in
      TuningLogRecord(
        task: "keel/iris", learner: "mlp", number: i, params: c, resource: 0.125, seed: 42, value: 0.1 * Double(i) + 1e-17,
        direction: .maximize, costSeconds: 0.123456789, state: .complete, userAttributes: ["epochs": "17"])
    }
    try TuningLogFormat.jsonLines(records).write(to: log, atomically: true, encoding: .utf8)
    let read = try CorpusLogFile.records(in: log)
    #expect(read == records)
    #expect(TuningLogFormat.csv(read) == TuningLogFormat.csv(records))
  }
}
