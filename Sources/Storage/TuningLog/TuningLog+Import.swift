import Foundation
import Search

/// Tuning logs from MetaProbe studies (SQLite) and Optuna `trials_dataframe()` CSV files.
extension TuningLog {
  /// User-attribute keys that name the task of a study or trial (`tune` stores `dataset`).
  static let taskKeys = ["task", "dataset"]

  /// The log of the study called `name` in `storage`: one record per finished trial and per
  /// resource level it reached.
  ///
  /// Resource levels are the trial's intermediate-value steps: as they are when every step is a
  /// fraction in (0, 1] (as `metaprobe tune` records them), else divided by the study's largest
  /// step (epochs, say). Rows below a trial's last level are COMPLETE with the intermediate
  /// value; the last row carries the trial's state — a COMPLETE trial's last row is at
  /// resource 1 with the trial's value, a PRUNED trial's last row is at its last level, a FAIL
  /// trial's at resource 1 without a value (unless it recorded one there). PRUNED trials with no
  /// intermediate value, and RUNNING or WAITING trials, give no record. The trial's wall time
  /// goes on its last row; its user attributes (except task, learner and seed) and fail reason
  /// become `user_attrs_`; an integral `seed` user attribute becomes the seed.
  ///
  /// Task and learner: `task` and `learner` when given; else the study's user attributes
  /// `task` (or `dataset`) and `learner`; else the same attributes on its trials (as
  /// `metaprobe tune` stores them).
  ///
  /// - Throws: `unknownStudy`, `database`; `logImport` for a multi-objective study, a missing
  ///   task or learner, or a non-positive step.
  public static func importStudy(
    _ name: String, from storage: SQLiteStorage, task: String? = nil, learner: String? = nil
  ) async throws(StorageError) -> TuningLog {
    let overview = try await storage.overview(studyName: name)
    let source = "study '\(name)' in \(storage.path)"
    guard overview.summary.directions.count == 1 else {
      throw .logImport(source: source, reason: "the study has \(overview.summary.directions.count) objectives; a tuning log holds one")
    }
    let direction = overview.summary.directions[0]
    let trials = try await storage.trials(studyName: name)
    let studyAttrs = try await storage.studyUserAttributes(studyName: name)
    func attribute(_ keys: [String]) -> String? {
      for k in keys { if case .string(let s)? = studyAttrs[k] { return s } }
      for t in trials {
        for k in keys { if case .string(let s)? = t.userAttributes[k] { return s } }
      }
      return nil
    }
    guard let taskName = task ?? attribute(taskKeys) else {
      throw .logImport(source: source, reason: "no 'task' or 'dataset' user attribute; give the task (--task)")
    }
    guard let learnerName = learner ?? attribute(["learner"]) else {
      throw .logImport(source: source, reason: "no 'learner' user attribute; give the learner (--learner)")
    }
    let finished = trials.filter(\.state.isFinished)
    let steps = finished.flatMap(\.intermediateValues.keys)
    let scale = steps.allSatisfy { $0 > 0 && $0 <= 1 } ? 1 : (steps.max() ?? 1)
    var records: [TuningLogRecord] = []
    for t in finished {
      if let bad = t.intermediateValues.keys.first(where: { $0 <= 0 }) {
        throw .logImport(source: source, reason: "trial \(t.number) has an intermediate value at step \(bad); resource levels must be positive")
      }
      let base = TuningLogRecord(
        task: taskName, learner: learnerName, number: t.number, params: t.params, resource: 1,
        seed: seedAttribute(t.userAttributes), value: nil, direction: direction,
        userAttributes: textAttributes(t.userAttributes, failReason: t.failReason))
      records += levelRecords(of: t, base: base, scale: scale)
    }
    return TuningLog(records: records)
  }

  /// The records of one finished trial, lowest resource first (see ``importStudy(_:from:task:learner:)``).
  static func levelRecords(of t: Trial, base: TuningLogRecord, scale: Double) -> [TuningLogRecord] {
    var levels = t.intermediateValues.sorted { $0.key < $1.key }.map { (resource: min($0.key / scale, 1), value: $0.value) }
    switch t.state {
    case .complete:
      let final = t.value ?? levels.last(where: { $0.resource == 1 })?.value ?? .nan
      levels.removeAll { $0.resource == 1 }
      levels.append((1, final))
    case .fail:
      let atFull = levels.last(where: { $0.resource == 1 })?.value
      levels.removeAll { $0.resource == 1 }
      levels.append((1, atFull ?? .nan))
    default:
      guard !levels.isEmpty else { return [] }
    }
    var out: [TuningLogRecord] = []
    for (i, level) in levels.enumerated() {
      var r = base
      r.resource = level.resource
      r.value = level.value.isFinite ? level.value : nil
      let isLast = i == levels.count - 1
      r.state = isLast ? t.state : .complete
      if r.state == .complete, r.value == nil { r.state = .fail }
      if !isLast {
        r.userAttributes["fail_reason"] = nil
      } else {
        r.costSeconds = seconds(from: t.startDate, to: t.completeDate)
      }
      out.append(r)
    }
    return out
  }

  /// An attribute as text: integral numbers without a fraction (`3`), others as Python writes them.
  static func text(_ v: AttributeValue) -> String {
    if case .number(let x) = v, let s = TuningLogFormat.number(x) { return s }
    return TrialsCSV.text(v)
  }

  /// Seconds from `start` to `end`, rounded to the microsecond (the storage's resolution).
  static func seconds(from start: Date?, to end: Date?) -> Double? {
    guard let start, let end else { return nil }
    return max(0, (end.timeIntervalSince(start) * 1e6).rounded() / 1e6)
  }

  /// An integral `seed` attribute, or nil.
  static func seedAttribute(_ attrs: [String: AttributeValue]) -> Int? {
    guard let x = attrs["seed"]?.number else { return nil }
    return TrialsCSV.exactInt(x)
  }

  /// User attributes as text (`True`/`False`, numbers as Python writes them), without the
  /// task, learner and seed keys; `failReason` as `fail_reason`.
  static func textAttributes(_ attrs: [String: AttributeValue], failReason: String?) -> [String: String] {
    var out: [String: String] = [:]
    for (k, v) in attrs where !(taskKeys + ["learner", "seed"]).contains(k) { out[k] = text(v) }
    if let failReason { out["fail_reason"] = failReason }
    return out
  }

  /// The log of an Optuna `study.trials_dataframe().to_csv()` file (or `studies export`
  /// output): one record per finished trial, at the resource of its `resource` column when
  /// present, else at `resource` (default 1). Parameter kinds are inferred as
  /// ``TrialsCSV/parse(_:space:)`` infers them; `user_attrs_` become text attributes, a
  /// `user_attrs_seed` integer the seed, and `datetime_complete - datetime_start` the cost.
  ///
  /// - Parameters:
  ///   - text: the CSV text.
  ///   - file: the file name used in errors.
  ///   - task, learner, direction: what the file does not say.
  ///   - resource: the resource level of rows without a `resource` cell, in (0, 1].
  /// - Throws: `tuningLog` (a ``TuningLogError`` naming the file, line and column) for CSV the
  ///   trials reader rejects; `logImport` for several objectives or a resource outside (0, 1].
  public static func importOptunaCSV(
    _ text: String, file: String? = nil, task: String, learner: String, direction: StudyDirection,
    resource: Double? = nil
  ) throws(StorageError) -> TuningLog {
    let source = file ?? "Optuna CSV"
    let imported: ImportedTrials
    do {
      imported = try TrialsCSV.parse(text)
    } catch {
      if case .csv(let line, let column, let reason) = error {
        throw .tuningLog(TuningLogError(file: file, line: line, field: column, .malformedCSV(reason)))
      }
      throw error
    }
    guard imported.objectives == 1 else {
      throw .logImport(source: source, reason: "\(imported.objectives) objective columns; a tuning log holds one value")
    }
    if let r = resource, !(r > 0 && r <= 1) {
      throw .logImport(source: source, reason: "resource \(r) is outside (0, 1]")
    }
    var records: [TuningLogRecord] = []
    for t in imported.trials where t.state.isFinished {
      let level = t.lastResource ?? resource ?? 1
      guard level > 0, level <= 1 else {
        throw .logImport(source: source, reason: "trial \(t.number): resource \(level) is outside (0, 1]")
      }
      let cost = seconds(from: t.startDate, to: t.completeDate)
      var attrs: [String: String] = [:]
      for (k, v) in t.userAttributes where k != "seed" { attrs[k] = Self.text(v) }
      records.append(
        TuningLogRecord(
          task: task, learner: learner, number: t.number, params: t.params, resource: level,
          seed: seedAttribute(t.userAttributes), value: t.value.flatMap { $0.isFinite ? $0 : nil },
          direction: direction, costSeconds: cost, state: t.state, userAttributes: attrs))
    }
    return TuningLog(records: records)
  }
}
