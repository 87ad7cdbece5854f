import Foundation

extension Study {
  /// Runs trials, up to `jobs` at once, until the study holds `trials` finished trials.
  ///
  /// The target counts the study's finished trials (``finishedTrialCount``), not this call's, so
  /// a resumed study completes to `trials` rather than adding `trials` more. WAITING trials
  /// (enqueued, or retries of stale trials) are run first. Trials run as child tasks of a
  /// `TaskGroup` of width `jobs`; while `jobs > 1` and more than one trial remains, OpenBLAS
  /// runs one thread per call (``BLASThreads``), restored when the call returns (or when the
  /// last of several concurrent parallel runs in the process returns).
  ///
  /// Each trial ends COMPLETE with the objective's value, PRUNED when the objective throws
  /// ``TrialPruned`` (see ``TrialContext/shouldPrune()``), or FAIL: the objective threw (the
  /// reason is the error's description), returned NaN or an infinity, or ran past
  /// `trialTimeout` ("timed out after … s"). Timeouts are cooperative: the trial's task is
  /// cancelled, and the FAIL is recorded when the objective returns, so CPU-bound objectives
  /// should call ``TrialContext/checkCancellation()`` between units of work. A failure never
  /// stops the others; each state change is written to storage as it happens.
  ///
  /// Run one `optimize` per study at a time in a process. Workers sharing a storage (several
  /// processes on one SQLite file) see each other's trials: the study reloads them before each
  /// new trial, so each stops once the shared count reaches `trials`, overshooting by at most
  /// the trials the other workers are running at that moment (as Optuna's `MaxTrialsCallback`).
  ///
  /// - Parameters:
  ///   - trials: the number of finished trials the study should reach (≥ 0).
  ///   - jobs: the most trials running at once (≥ 1).
  ///   - trialTimeout: wall time after which a trial is cancelled and recorded FAIL.
  ///   - studyTimeout: wall time after which no new trial starts (running ones finish, as Optuna).
  ///   - maxFailures: stop starting trials once this many have failed in this call (≥ 1).
  ///   - retries: how many times a failed configuration is enqueued again (≥ 0); each retry is
  ///     a new WAITING trial with system attribute `retry_of`.
  ///   - callbacks: called in order after each finished trial, one trial at a time.
  ///   - heartbeatInterval: when set, each running trial's heartbeat is written to storage this
  ///     often (``StudyStorage/recordHeartbeat(studyID:number:)``), so other workers can tell
  ///     a live trial from one left RUNNING by a killed process (Optuna's heartbeat).
  ///   - showProgress: draw a progress bar on stderr when it is a terminal.
  ///   - objective: evaluates `context.params` and returns the value to optimise.
  /// - Returns: the trials finished by this call and why it stopped.
  /// - Throws: `unsupported` for bad arguments or a multi-objective study; sampler and storage
  ///   errors (after the running trials have finished and been recorded).
  @discardableResult
  public func optimize(
    trials target: Int, jobs: Int, trialTimeout: Duration? = nil, studyTimeout: Duration? = nil,
    maxFailures: Int? = nil, retries: Int = 0, callbacks: [TrialCallback] = [],
    heartbeatInterval: Duration? = nil, showProgress: Bool = true,
    objective: @escaping @Sendable (TrialContext) async throws -> Double
  ) async throws(SearchError) -> OptimizationReport {
    guard directions.count == 1 else {
      throw .unsupported("optimize with a Double objective needs a single-objective study")
    }
    guard target >= 0 else { throw .unsupported("trials must be ≥ 0, got \(target)") }
    guard jobs >= 1 else { throw .unsupported("jobs must be ≥ 1, got \(jobs)") }
    guard retries >= 0 else { throw .unsupported("retries must be ≥ 0, got \(retries)") }
    if let m = maxFailures, m < 1 { throw .unsupported("maxFailures must be ≥ 1, got \(m)") }
    if let h = heartbeatInterval, h <= .zero {
      throw .unsupported("heartbeatInterval must be positive, got \(h)")
    }

    let parallel = jobs > 1 && target - finishedTrialCount > 1
    if parallel { ParallelBLASScope.enter() }
    defer { if parallel { ParallelBLASScope.exit() } }

    let clock = ContinuousClock()
    let started = clock.now
    var progress = ProgressBar(total: target, enabled: showProgress)
    progress.update(done: min(finishedTrialCount, target), best: bestTrial?.value)
    var finished: [Trial] = []
    var failures = 0
    var stop: OptimizationStop?
    var errorSeen: SearchError?

    await withTaskGroup(of: (Int, TrialOutcome).self) { group in
      var running = 0
      while true {
        while stop == nil, errorSeen == nil, running < jobs {
          // Other workers on a shared storage may have finished or claimed trials meanwhile.
          do throws(SearchError) { try await refresh() } catch {
            errorSeen = error
            break
          }
          guard finishedTrialCount + running < target else { break }
          if Task.isCancelled {
            stop = .cancelled
          } else if let limit = studyTimeout, clock.now - started >= limit {
            stop = .studyTimeout
          } else {
            do throws(SearchError) {
              let t = try await askRefreshing()
              let context = TrialContext(number: t.number, params: t.params, study: self)
              let (storage, studyID, number) = (self.storage, self.id, t.number)
              group.addTask {
                let outcome = await TrialRunner.run(
                  context, timeout: trialTimeout, heartbeat: heartbeatInterval,
                  beat: { try? await storage.recordHeartbeat(studyID: studyID, number: number) },
                  objective)
                return (number, outcome)
              }
              running += 1
            } catch {
              if case .gridExhausted = error { stop = .exhausted } else { errorSeen = error }
            }
          }
        }
        guard running > 0, let (number, outcome) = await group.next() else { break }
        running -= 1
        do throws(SearchError) {
          let t = try await record(number, outcome)
          finished.append(t)
          if t.state == .fail {
            failures += 1
            if retryDepth(of: t) < retries { try await enqueueRetry(of: t) }
            if let m = maxFailures, failures >= m, stop == nil { stop = .maxFailures }
          }
          for callback in callbacks { await callback(self, t) }
        } catch {
          if errorSeen == nil { errorSeen = error }
        }
        progress.update(done: min(finishedTrialCount, target), best: bestTrial?.value)
      }
    }
    progress.finish()
    if let errorSeen { throw errorSeen }
    return OptimizationReport(
      trials: finished, stop: stop ?? .reachedTrials, finishedTrialCount: finishedTrialCount)
  }

  /// ``ask()``, retried after a refresh when it fails for another reason than an exhausted
  /// grid: another worker may have claimed a WAITING trial this study's view still showed. Each
  /// lost claim is a different WAITING trial taken by another worker (the refresh shows it), so
  /// there are at most as many as were WAITING at the start, plus slack for trials enqueued
  /// meanwhile. (The limit was once recounted after each loss; losing every claim in a row then
  /// ran out of attempts while a WAITING trial was left.)
  private func askRefreshing() async throws(SearchError) -> Trial {
    let limit = cache.filter { $0.state == .waiting }.count + 2
    var attempts = 0
    while true {
      do {
        return try await ask()
      } catch {
        if case .gridExhausted = error { throw error }
        attempts += 1
        if attempts > limit { throw error }
        try await refresh()
      }
    }
  }

  private func record(_ number: Int, _ outcome: TrialOutcome) async throws(SearchError) -> Trial {
    switch outcome {
    case .value(let v): return try await tell(number, value: v)
    case .pruned: return try await tell(number, state: .pruned)
    case .failed(let reason): return try await tell(number, state: .fail, failReason: reason)
    }
  }
}
