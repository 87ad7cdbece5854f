import Datasets
import Experiments
import Foundation
import Learners
import Linalg
import Search
import Storage
import Testing

@Suite struct CorpusGenerationTests {
  @Test func tinyGenerationWritesEveryKeyOnce() async throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    let summary = try await tinyGenerator().run(tasks: try smallCorpusTasks(), log: log)
    #expect(summary.evaluated == 2 * 2 * 3 * 2)
    #expect(summary.skipped == 0)
    let records = try CorpusLogFile.records(in: log)
    #expect(records.count == 24)
    let keys = Set(records.map { CorpusLogFile.Key(task: $0.task, learner: $0.learner, number: $0.number, resource: $0.resource) })
    #expect(keys.count == 24)
    for r in records {
      #expect(r.state == .complete, "\(r)")
      #expect(r.direction == .maximize)
      let value = try #require(r.value)
      #expect(value >= 0 && value <= 1)
      #expect((r.costSeconds ?? -1) >= 0)
      #expect([0.5, 1].contains(r.resource))
      #expect(try r.params == TuningSpace.named(r.learner).configurations(count: 3, seed: 7)[r.number])
    }
    // Both tasks get the same configurations; each task has its own seed.
    #expect(Set(records.filter { $0.task == "iris" }.map(\.seed)).count == 1)
    #expect(Set(records.map(\.seed)).count == 2)
  }

  @Test func rerunAddsNothing() async throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    let tasks = try smallCorpusTasks()
    _ = try await tinyGenerator().run(tasks: tasks, log: log)
    let before = try Data(contentsOf: log)
    let again = try await tinyGenerator().run(tasks: tasks, log: log)
    #expect(again.evaluated == 0)
    #expect(again.skipped == 24)
    #expect(try Data(contentsOf: log) == before)
  }

  @Test func deletedAndTruncatedLinesAreRegeneratedExactly() async throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    let tasks = try smallCorpusTasks()
    _ = try await tinyGenerator().run(tasks: tasks, log: log)
    let lines = try fileLines(log)
    let original = try CorpusLogFile.records(in: log)
    // Keep all but the last 5 lines, and leave half of the 6th-from-last as a killed run would.
    let kept = lines.dropLast(6).joined(separator: "\n") + "\n"
    let cut = lines[lines.count - 6]
    try (kept + cut.prefix(cut.count / 2)).write(to: log, atomically: true, encoding: .utf8)
    #expect(try CorpusLogFile.records(in: log).count == lines.count - 6)
    let summary = try await tinyGenerator().run(tasks: tasks, log: log)
    #expect(summary.evaluated == 6)
    #expect(summary.skipped == 18)
    let regenerated = try CorpusLogFile.records(in: log)
    #expect(regenerated.count == 24)
    #expect(Set(withoutCost(regenerated)) == Set(withoutCost(original)))
  }

  @Test func recordedValueEqualsIndependentPipelineFit() async throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    _ = try await tinyGenerator().run(tasks: try smallCorpusTasks(), log: log)
    let registry = try DatasetRegistry(root: corpusDatasetsRoot)
    let records = try CorpusLogFile.records(in: log).filter { $0.task == "wine" && $0.number == 1 }
    #expect(records.count == 4)
    for record in records {
      let data = try registry.load(record.task)
      let seed = UInt64(try #require(record.seed))
      var generator = SeededGenerator(seed: seed)
      let split = try StratifiedSplit(labels: data.target, trainFraction: 0.7, validationFraction: 0.3, using: &generator)
      var config = Configuration()
      let learner: any Learner
      if record.learner == "svm" {
        learner = SVMLearner()
        config["kernel"] = .categorical("rbf")
        config["C"] = record.params["C"]
        config["gamma"] = .categorical("value")
        config["gamma_value"] = record.params["gamma"]
      } else {
        learner = KNeighborsLearner()
        for (name, value) in record.params.pairs { config[name] = value }
      }
      let fitted = try Pipeline(learner).fit(
        on: data, rows: split.train, config: config, budget: try Budget(dataFraction: record.resource), seed: seed)
      let accuracy = try fitted.accuracy(on: data, rows: split.validation)
      #expect(record.value == accuracy, "\(record.learner) #\(record.number) at \(record.resource)")
    }
  }

  @Test func smallerFractionsTrainOnSubsetsOfLargerOnes() throws {
    let task = try #require(try smallCorpusTasks().last)
    let pipeline = Pipeline(KNeighborsLearner())
    var previous: Set<Int>? = nil
    for level in [0.125, 0.25, 0.5, 1.0] {
      let fitted = try pipeline.fit(
        on: task.data, rows: task.trainRows, budget: try Budget(dataFraction: level), seed: UInt64(task.seed))
      let rows = Set(fitted.trainingRows)
      #expect(rows.isSubset(of: Set(task.trainRows)))
      #expect(Set(task.data.target.indices.filter { rows.contains($0) }.map { task.data.target[$0] }).count == task.data.classCount)
      #expect(abs(Double(rows.count) - level * Double(task.trainRows.count)) <= Double(task.data.classCount))
      if let previous { #expect(previous.isSubset(of: rows) && previous.count < rows.count) }
      previous = rows
    }
    #expect(Set(task.trainRows).isDisjoint(with: task.validationRows))
    #expect(task.trainRows.count + task.validationRows.count == task.data.rowCount)
  }

  @Test func failingLearnerIsRecordedAndDoesNotStopTheRun() async throws {
    let log = temporaryLogURL()
    defer { try? FileManager.default.removeItem(at: log) }
    let failing = TuningSpace(learner: "always_fails", space: AlwaysFailingLearner().searchSpace)
    let learners = [
      CorpusLearner(pipeline: Pipeline(AlwaysFailingLearner()), space: failing, configurations: failing.configurations(count: 2, seed: 1)),
      try CorpusLearner(space: .knn, count: 2, seed: 1),
    ]
    let summary = try await CorpusGenerator(learners: learners, levels: [1], jobs: 2).run(tasks: try smallCorpusTasks(), log: log)
    #expect(summary.evaluated == 8)
    #expect(summary.failed == 4)
    let records = try CorpusLogFile.records(in: log)
    for r in records where r.learner == "always_fails" {
      #expect(r.state == .fail)
      #expect(r.value == nil)
      #expect(r.userAttributes["fail_reason"]?.contains("deliberate failure") == true)
    }
    #expect(records.filter { $0.learner == "knn" && $0.state == .complete }.count == 4)
    #expect(TuningLogFormat.csv(records).contains("user_attrs_fail_reason"))
  }

  @Test func parallelRunGivesTheSameRecordsAndSortedCSV() async throws {
    let (one, two) = (temporaryLogURL(), temporaryLogURL())
    defer { for url in [one, two] { try? FileManager.default.removeItem(at: url) } }
    let tasks = try smallCorpusTasks()
    _ = try await tinyGenerator(jobs: 1).run(tasks: tasks, log: one)
    _ = try await tinyGenerator(jobs: 2).run(tasks: tasks, log: two)
    let (a, b) = (try CorpusLogFile.records(in: one), try CorpusLogFile.records(in: two))
    #expect(CorpusTables.sortedCSV(withoutCost(a)) == CorpusTables.sortedCSV(withoutCost(b)))
    let csvLines = CorpusTables.sortedCSV(a).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let header = CorpusTables.sortedCSV(a).prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    #expect(Array(header.prefix(3)) == ["task", "learner", "number"])
    let r = try #require(header.firstIndex(of: "resource"))
    let keys = csvLines.map {
      CorpusLogFile.Key(task: String($0[0]), learner: String($0[1]), number: Int($0[2]) ?? -1, resource: Double($0[r]) ?? -1)
    }
    #expect(keys == keys.sorted())
    #expect(keys.count == 24)
  }
}
