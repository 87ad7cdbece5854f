/// How one evaluation of an objective ended, before it is told to the study.
enum TrialOutcome: Sendable {
  /// The objective returned a value (which may still be NaN; the study then records FAIL).
  case value(Double)
  /// The objective threw ``TrialPruned``.
  case pruned
  /// The objective threw, or timed out; the text is the fail reason.
  case failed(String)
}

/// Runs one objective call, racing it against a timeout when one is given.
enum TrialRunner {
  private enum Race: Sendable {
    case finished(TrialOutcome)
    case timerFired
    case helperStopped
  }

  /// The outcome of `objective(context)`.
  ///
  /// After `timeout` the objective's task is cancelled and the outcome, once the objective
  /// returns, is a failure "timed out after … s" (naming `timeoutLabel` when given: the trial's
  /// whole timeout when `timeout` is what is left of it). Every `heartbeat` interval while the
  /// objective runs, `beat` is called (to record the trial's heartbeat in storage).
  static func run(
    _ context: TrialContext, timeout: Duration?, timeoutLabel: Duration? = nil, heartbeat: Duration? = nil,
    beat: @escaping @Sendable () async -> Void = {},
    _ objective: @escaping @Sendable (TrialContext) async throws -> Double
  ) async -> TrialOutcome {
    guard timeout != nil || heartbeat != nil else { return await call(context, objective) }
    let clock = ContinuousClock()
    let start = clock.now
    let timedOut = TrialOutcome.failed("timed out after \(describe(timeoutLabel ?? timeout ?? .zero))")
    return await withTaskGroup(of: Race.self) { group in
      group.addTask { .finished(await call(context, objective)) }
      if let timeout {
        group.addTask {
          do {
            try await Task.sleep(for: timeout)
            return .timerFired
          } catch {
            return .helperStopped
          }
        }
      }
      if let heartbeat {
        group.addTask {
          await beat()
          while (try? await Task.sleep(for: heartbeat)) != nil { await beat() }
          return .helperStopped
        }
      }
      var result: TrialOutcome?
      while let race = await group.next() {
        switch race {
        case .timerFired:
          if result == nil {
            result = timedOut
            group.cancelAll()
          }
        case .finished(let outcome):
          if result == nil {
            // A busy thread pool can delay the timer past the objective's return: what counts
            // is the time the objective took.
            if let timeout, clock.now - start >= timeout {
              result = timedOut
            } else {
              result = outcome
            }
            group.cancelAll()
          }
        case .helperStopped:
          break
        }
      }
      return result ?? timedOut
    }
  }

  private static func call(
    _ context: TrialContext, _ objective: @Sendable (TrialContext) async throws -> Double
  ) async -> TrialOutcome {
    do {
      return .value(try await objective(context))
    } catch is TrialPruned {
      return .pruned
    } catch is CancellationError {
      return .failed("cancelled")
    } catch {
      return .failed(String(describing: error))
    }
  }

  /// `d` in seconds with up to three decimals, e.g. `0.25 s`, `30 s`.
  static func describe(_ d: Duration) -> String {
    let c = d.components
    let s = Double(c.seconds) + Double(c.attoseconds) * 1e-18
    let ms = (s * 1000).rounded() / 1000
    return ms == ms.rounded() ? "\(Int(ms)) s" : "\(ms) s"
  }
}
