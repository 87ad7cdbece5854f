import Datasets
import Foundation
import Linalg
import Search
import Storage

/// Generates a tabular benchmark of tuning logs: every configuration of every learner on every task
/// at every resource level, appended to a JSON Lines file as each evaluation finishes.
///
/// Resumable: a run first reads the file, skips the (task, learner, number, resource) keys it holds,
/// and evaluates only the rest; a line a killed run left incomplete is dropped first. The file must
/// come from the same settings (seed and configuration count): a stored configuration or seed that
/// differs from the planned one is an error rather than a silently mixed corpus.
///
/// Work is split into (task, learner) units run `jobs` at a time; with `jobs > 1` OpenBLAS runs one
/// thread per kernel for the duration of the run. Every value depends only on its key and the seed,
/// so the records are the same whatever `jobs` is (their order in the working file differs).
public struct CorpusGenerator: Sendable {
  /// The learners and their configurations.
  public var learners: [CorpusLearner]
  /// The resource levels (data fractions of the training split), each in (0, 1].
  public var levels: [Double]
  /// Units evaluated at once, ≥ 1.
  public var jobs: Int

  /// A generator.
  ///
  /// - Throws: ``CorpusError/invalidSettings(_:)`` for no learners, no levels, a level outside
  ///   (0, 1] or repeated, or `jobs < 1`.
  public init(learners: [CorpusLearner], levels: [Double], jobs: Int = 1) throws(CorpusError) {
    guard !learners.isEmpty else { throw .invalidSettings("no learners") }
    guard !levels.isEmpty else { throw .invalidSettings("no resource levels") }
    for level in levels where !(level > 0 && level <= 1) {
      throw .invalidSettings("resource level \(level) is outside (0, 1]")
    }
    guard Set(levels).count == levels.count else { throw .invalidSettings("repeated resource level in \(levels)") }
    guard jobs >= 1 else { throw .invalidSettings("jobs must be at least 1, got \(jobs)") }
    self.learners = learners
    self.levels = levels.sorted()
    self.jobs = jobs
  }

  /// Progress after a (task, learner) unit finishes.
  public struct Progress: Sendable {
    /// Units finished so far in this run, and in all.
    public var unitsDone: Int, unitsTotal: Int
    /// The unit that finished.
    public var task: String, learner: String
    /// Evaluations the unit ran now, of which failed, and their wall seconds.
    public var evaluated: Int, failed: Int, seconds: Double
    /// The best validation accuracy among the unit's new evaluations at the highest level, if any.
    public var bestValue: Double?
  }

  /// What a run did.
  public struct Summary: Sendable, Equatable {
    /// Evaluations run now.
    public var evaluated: Int
    /// Of those, FAIL records.
    public var failed: Int
    /// Keys already in the file and skipped.
    public var skipped: Int
    /// Wall time of the run in seconds.
    public var seconds: Double
  }

  /// Evaluates every key of `tasks` × learners × configurations × levels not yet in `log`.
  ///
  /// - Parameters:
  ///   - tasks: the tasks with their splits (see ``CorpusTask``).
  ///   - log: the JSON Lines file to read and append to.
  ///   - progress: called (from any thread) after each (task, learner) unit.
  /// - Returns: counts of evaluated, failed and skipped keys.
  /// - Throws: ``CorpusError`` when the log cannot be read or written, or holds records of other
  ///   settings. A failing fit never throws: it is recorded as FAIL.
  public func run(
    tasks: [CorpusTask], log: URL, progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) async throws(CorpusError) -> Summary {
    let start = DispatchTime.now().uptimeNanoseconds
    let existing = try CorpusLogFile.records(in: log, spaces: spaceMap)
    try checkConsistency(of: existing, tasks: tasks)
    let done = Set(existing.map { CorpusLogFile.Key(task: $0.task, learner: $0.learner, number: $0.number, resource: $0.resource) })
    try CorpusLogFile.truncateIncompleteTail(of: log)
    let writer = try CorpusLogWriter(appendingTo: log)

    var units = [(task: CorpusTask, learner: CorpusLearner, keys: [(number: Int, level: Double)])]()
    var skipped = 0
    for task in tasks {
      for learner in learners {
        var keys = [(number: Int, level: Double)]()
        for number in learner.configurations.indices {
          for level in levels {
            if done.contains(.init(task: task.name, learner: learner.name, number: number, resource: level)) {
              skipped += 1
            } else {
              keys.append((number, level))
            }
          }
        }
        if !keys.isEmpty { units.append((task, learner, keys)) }
      }
    }

    let parallel = jobs > 1 && units.count > 1
    let savedThreads = BLASThreads.count
    if parallel { BLASThreads.set(1) }
    defer { if parallel { BLASThreads.set(savedThreads) } }
    let topLevel = levels.last ?? 1
    let unitCount = units.count
    var totals = (evaluated: 0, failed: 0)
    let outcome: Result<Void, CorpusError> = await withTaskGroup(of: Result<Progress, CorpusError>.self) { group in
      var next = 0
      func addUnit() {
        let unit = units[next]
        next += 1
        group.addTask {
          let unitStart = DispatchTime.now().uptimeNanoseconds
          var report = Progress(
            unitsDone: 0, unitsTotal: unitCount, task: unit.task.name, learner: unit.learner.name, evaluated: 0,
            failed: 0, seconds: 0, bestValue: nil)
          for (number, level) in unit.keys {
            if Task.isCancelled { break }
            let record = unit.learner.evaluate(number: number, on: unit.task, level: level)
            do throws(CorpusError) {
              try await writer.append(record)
            } catch {
              return .failure(error)
            }
            report.evaluated += 1
            if record.state == .fail { report.failed += 1 }
            if level == topLevel, let v = record.value { report.bestValue = max(report.bestValue ?? v, v) }
          }
          report.seconds = Double(DispatchTime.now().uptimeNanoseconds - unitStart) / 1e9
          return .success(report)
        }
      }
      while next < min(jobs, units.count) { addUnit() }
      var finished = 0
      while let result = await group.next() {
        switch result {
        case .failure(let error):
          group.cancelAll()
          return .failure(error)
        case .success(var report):
          finished += 1
          report.unitsDone = finished
          totals.evaluated += report.evaluated
          totals.failed += report.failed
          progress(report)
          if next < units.count { addUnit() }
        }
      }
      return .success(())
    }
    await writer.close()
    if case .failure(let error) = outcome { throw error }
    return Summary(
      evaluated: totals.evaluated, failed: totals.failed, skipped: skipped,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }

  private var spaceMap: [String: SearchSpace] {
    var map = CorpusLogFile.defaultSpaces
    for learner in learners { map[learner.name] = learner.space.space }
    return map
  }

  /// Rejects a log written with other settings: a record of a planned task whose seed differs, or of
  /// a planned learner whose configuration differs from the planned one with its number.
  private func checkConsistency(of records: [TuningLogRecord], tasks: [CorpusTask]) throws(CorpusError) {
    let seeds = Dictionary(tasks.map { ($0.name, $0.seed) }, uniquingKeysWith: { a, _ in a })
    let plans = Dictionary(learners.map { ($0.name, $0.configurations) }, uniquingKeysWith: { a, _ in a })
    for r in records {
      if let seed = seeds[r.task], r.seed != seed {
        throw .invalidSettings(
          "the log holds task '\(r.task)' with seed \(r.seed.map(String.init) ?? "none"), this run uses \(seed) "
            + "(another --seed?); use another output file")
      }
      if let plan = plans[r.learner], r.number < plan.count, plan[r.number] != r.params {
        throw .invalidSettings(
          "the log holds \(r.learner) configuration \(r.number) as \(r.params), this run plans \(plan[r.number]) "
            + "(another --configs or --seed?); use another output file")
      }
    }
  }
}
