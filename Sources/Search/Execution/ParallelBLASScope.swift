import Linalg
import Synchronization

/// One OpenBLAS thread while any parallel optimisation runs in the process, restored after the last.
///
/// OpenBLAS's thread count is process-global, so two studies optimising at once must not each
/// save and restore it: the first parallel run saves the count and sets 1, the last to leave
/// restores the saved count. Entered only at phase boundaries (start and end of a run).
enum ParallelBLASScope {
  /// The nesting bookkeeping, separate from OpenBLAS so it can be tested alone.
  struct State: Equatable {
    /// How many parallel runs are inside the scope.
    var depth = 0
    /// The thread count to restore when the last run leaves.
    var saved = 1

    /// Enters with OpenBLAS at `current` threads; returns the count to set, if any.
    mutating func enter(current: Int) -> Int? {
      depth += 1
      guard depth == 1 else { return nil }
      saved = current
      return 1
    }

    /// Leaves; returns the count to restore when this was the last run inside, else nil.
    mutating func exit() -> Int? {
      depth = Swift.max(0, depth - 1)
      return depth == 0 ? Swift.max(1, saved) : nil
    }
  }

  private static let state = Mutex(State())

  /// Enters a parallel phase: the first entry saves ``BLASThreads/count`` and sets it to 1.
  static func enter() {
    state.withLock { s in
      if let n = s.enter(current: BLASThreads.count) { BLASThreads.set(n) }
    }
  }

  /// Leaves a parallel phase: the last exit restores the saved thread count.
  static func exit() {
    state.withLock { s in
      if let n = s.exit() { BLASThreads.set(n) }
    }
  }
}
