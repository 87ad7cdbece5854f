import Foundation

extension Study {
  /// The system attribute holding the iteration (0, 1, …) of the bracket a trial ran in.
  public static let bracketIterationKey = "bracket_iteration"
  /// The system attribute holding s, the bracket's number of halvings.
  public static let bracketKey = "bracket"

  /// A trial alive in the running bracket: its context and the evaluation time it used so far.
  private struct Member: Sendable {
    var context: TrialContext
    var elapsed: Duration
  }

  /// Runs synchronous successive-halving brackets (plain, Hyperband's, or BOHB's when the study's
  /// sampler is a ``BOHBSampler``) until the study holds `trials` finished trials.
  ///
  /// Bracket after bracket of `plan` (continuing after the highest ``bracketIterationKey``
  /// stored, so a resumed study goes on with the next bracket): the first rung's configurations
  /// come from ``ask()`` (WAITING trials first, then the sampler), asked one at a time as a slot
  /// frees, so a model-based sampler sees every result finished before it proposes. Each
  /// configuration is one trial, evaluated by `evaluate(context, resource)` at each rung it
  /// reaches; every value is reported as the trial's intermediate value at that resource. A rung
  /// completes (all its evaluations return) before the best `max(⌊n/η⌋, 1)` move on
  /// (``BracketPlan/promote(_:direction:)``); the others are told PRUNED. Trials of the last rung
  /// are told COMPLETE with their value. A bracket is cut to the trials still missing, so the
  /// study ends with exactly `trials` finished trials.
  ///
  /// An evaluation that throws, returns a non-finite value or runs past what is left of
  /// `trialTimeout` (summed over the trial's rungs) ends its trial as FAIL with the reason; a
  /// failed trial is never promoted and the bracket goes on. Evaluations run as child tasks,
  /// up to `jobs` at once, with OpenBLAS at one thread while `jobs > 1` (``BLASThreads``).
  ///
  /// - Parameters:
  ///   - plan: the brackets.
  ///   - trials: the number of finished trials the study should reach (≥ 0).
  ///   - jobs: the most evaluations running at once (≥ 1).
  ///   - trialTimeout: the wall time a trial may use over all its rungs.
  ///   - callbacks: called in order after each finished trial.
  ///   - showProgress: draw a progress bar on stderr when it is a terminal.
  ///   - evaluate: the objective at one resource (the rung's, in the plan's units).
  /// - Returns: the trials finished by this call and why it stopped.
  /// - Throws: `unsupported` for bad arguments or a multi-objective study; sampler and storage errors.
  @discardableResult
  public func optimize(
    brackets plan: BracketPlan, trials target: Int, jobs: Int, trialTimeout: Duration? = nil,
    callbacks: [TrialCallback] = [], showProgress: Bool = true,
    evaluate: @escaping @Sendable (TrialContext, Double) async throws -> Double
  ) async throws(SearchError) -> OptimizationReport {
    guard directions.count == 1 else {
      throw .unsupported("optimize with brackets needs a single-objective study")
    }
    guard target >= 0 else { throw .unsupported("trials must be ≥ 0, got \(target)") }
    guard jobs >= 1 else { throw .unsupported("jobs must be ≥ 1, got \(jobs)") }
    if let t = trialTimeout, t <= .zero { throw .unsupported("trialTimeout must be positive, got \(t)") }

    let parallel = jobs > 1 && target - finishedTrialCount > 1
    if parallel { ParallelBLASScope.enter() }
    defer { if parallel { ParallelBLASScope.exit() } }

    var progress = ProgressBar(total: target, enabled: showProgress)
    progress.update(done: min(finishedTrialCount, target), best: bestTrial?.value)
    var done: [Trial] = []
    var stop: OptimizationStop?
    var iteration =
      (cache.compactMap { $0.systemAttributes[Self.bracketIterationKey]?.number }.max().map { Int($0) + 1 })
      ?? 0

    while stop == nil, finishedTrialCount < target {
      if Task.isCancelled {
        stop = .cancelled
        break
      }
      let bracket = plan.bracket(forIteration: iteration)
      var size = min(bracket.rungs[0].configurations, target - finishedTrialCount)
      var members: [Member] = []
      for (i, rung) in bracket.rungs.enumerated() {
        let isFirst = i == 0
        let results = try await runRung(
          members: isFirst ? nil : members, count: isFirst ? size : members.count,
          resource: rung.resource, jobs: jobs, timeout: trialTimeout,
          attributes: [
            Self.bracketIterationKey: .number(Double(iteration)), Self.bracketKey: .number(Double(bracket.s)),
          ],
          evaluate: evaluate)
        if results.exhausted { stop = .exhausted }
        if isFirst { size = results.outcomes.count }
        let isLast = i == bracket.rungs.count - 1
        var ranked: [(number: Int, value: Double)] = []
        var survivors: [Int: Member] = [:]
        for (member, outcome) in results.outcomes.sorted(by: { $0.0.context.number < $1.0.context.number }) {
          let number = member.context.number
          switch outcome {
          case .value(let v) where v.isFinite && !isLast:
            try await report(number: number, value: v, resource: rung.resource)
            ranked.append((number, v))
            survivors[number] = member
          case .value(let v):
            if v.isFinite { try await report(number: number, value: v, resource: rung.resource) }
            await conclude(try await tell(number, value: v), &done, &progress, target, callbacks)
            if !v.isFinite { ranked.append((number, .nan)) }
          case .pruned:
            await conclude(try await tell(number, state: .pruned), &done, &progress, target, callbacks)
          case .failed(let reason):
            await conclude(try await tell(number, state: .fail, failReason: reason), &done, &progress, target, callbacks)
            ranked.append((number, .nan))
          }
        }
        if isLast { break }
        let promoted = Set(plan.promote(ranked, direction: directions[0]))
        for (number, _) in ranked where !promoted.contains(number) && survivors[number] != nil {
          await conclude(try await tell(number, state: .pruned), &done, &progress, target, callbacks)
        }
        members = survivors.keys.sorted().filter(promoted.contains).compactMap { survivors[$0] }
        if Task.isCancelled {
          stop = .cancelled
          for m in members {
            let t = try await tell(m.context.number, state: .fail, failReason: "cancelled before its next rung")
            await conclude(t, &done, &progress, target, callbacks)
          }
          break
        }
        if members.isEmpty { break }
      }
      iteration += 1
      if size == 0 { break }
    }
    progress.finish()
    return OptimizationReport(
      trials: done, stop: stop ?? .reachedTrials, finishedTrialCount: finishedTrialCount)
  }

  /// Evaluates one rung: `members` at `resource`, or (members nil) `count` new trials asked one
  /// at a time as slots free. Returns each member with its outcome, and whether the sampler ran out.
  private func runRung(
    members: [Member]?, count: Int, resource: Double, jobs: Int, timeout: Duration?,
    attributes: [String: AttributeValue],
    evaluate: @escaping @Sendable (TrialContext, Double) async throws -> Double
  ) async throws(SearchError) -> (outcomes: [(Member, TrialOutcome)], exhausted: Bool) {
    var outcomes: [(Member, TrialOutcome)] = []
    var exhausted = false
    var errorSeen: SearchError?
    await withTaskGroup(of: (Member, TrialOutcome, Duration).self) { group in
      var next = 0
      var running = 0
      while true {
        while errorSeen == nil, !exhausted, running < jobs, next < count {
          var member: Member
          if let members {
            member = members[next]
          } else {
            do throws(SearchError) {
              let t = try await ask()
              for (k, v) in attributes.sorted(by: { $0.key < $1.key }) {
                try await setSystemAttribute(number: t.number, key: k, value: v)
              }
              member = Member(context: TrialContext(number: t.number, params: t.params, study: self), elapsed: .zero)
            } catch {
              if case .gridExhausted = error { exhausted = true } else { errorSeen = error }
              break
            }
          }
          next += 1
          running += 1
          let remaining = timeout.map { $0 - member.elapsed }
          group.addTask {
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = await TrialRunner.run(
              member.context, timeout: remaining, timeoutLabel: timeout
            ) { context in try await evaluate(context, resource) }
            return (member, outcome, clock.now - start)
          }
        }
        guard running > 0, let (member, outcome, took) = await group.next() else { break }
        running -= 1
        var m = member
        m.elapsed += took
        outcomes.append((m, outcome))
      }
    }
    if let errorSeen {
      // Trials already asked must not stay RUNNING: record what they returned as failures.
      for (m, _) in outcomes {
        _ = try? await tell(m.context.number, state: .fail, failReason: "stopped: \(errorSeen)")
      }
      throw errorSeen
    }
    return (outcomes, exhausted)
  }

  /// Appends a finished trial, runs the callbacks and updates the progress bar.
  private func conclude(
    _ t: Trial, _ list: inout [Trial], _ progress: inout ProgressBar, _ target: Int, _ callbacks: [TrialCallback]
  ) async {
    list.append(t)
    for callback in callbacks { await callback(self, t) }
    progress.update(done: min(finishedTrialCount, target), best: bestTrial?.value)
  }

  /// Writes a system attribute on a trial (storage first, then the study's view).
  func setSystemAttribute(number: Int, key: String, value: AttributeValue) async throws(SearchError) {
    _ = try trial(number)
    try await storage.setSystemAttribute(studyID: id, number: number, key: key, value: value)
    var t = try trial(number)
    t.systemAttributes[key] = value
    store(t)
  }
}
