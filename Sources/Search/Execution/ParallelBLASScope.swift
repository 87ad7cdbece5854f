import Linalg
import Synchronization

/// One OpenBLAS thread while any parallel optimisation runs in the process, restored after the last.
///
/// OpenBLAS's thread count is process-global, so two studies optimising at once must not each
/// save and restore it: the first parallel run saves the count and sets 1, the last to leave
/// restores the saved count. Entered only at phase boundaries (start and end of a run).
enum ParallelBLASScope {
  private struct State {
    var depth = 0
    var saved = 1
  }

  private static let state = Mutex(State())

  /// Enters a parallel phase: the first entry saves ``BLASThreads/count`` and sets it to 1.
  static func enter() {
    state.withLock { s in
      if s.depth == 0 {
        s.saved = BLASThreads.count
        BLASThreads.set(1)
      }
      s.depth += 1
    }
  }

  /// Leaves a parallel phase: the last exit restores the saved thread count.
  static func exit() {
    state.withLock { s in
      s.depth -= 1
      if s.depth == 0 { BLASThreads.set(max(1, s.saved)) }
    }
  }
}
