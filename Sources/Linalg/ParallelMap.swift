import Dispatch
import Synchronization

/// `(0..<count).map(body)` spread over up to `jobs` threads, results in index order.
///
/// Workers take indices from a shared counter (`DispatchQueue.concurrentPerform` with
/// `min(jobs, count)` iterations), so unequal items balance out. The result does not depend on
/// `jobs` or on scheduling as long as `body(i)` depends on `i` only (derive any generator from
/// `i`, never share one). With `jobs ≤ 1` or fewer than two items the calls run in order on the
/// calling thread.
///
/// OpenBLAS calls from `body` are safe (the pthreads build serialises its own pool); set
/// ``BLASThreads`` to 1 around such a map when each item is small, so the jobs do not also
/// split every kernel.
///
/// - Parameters:
///   - count: the number of items, ≥ 0.
///   - jobs: the most threads to use; values below 1 count as 1.
///   - body: the work for one item, called exactly once per index.
/// - Returns: `[body(0), body(1), …, body(count − 1)]`.
public func parallelMap<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
  let workers = min(max(jobs, 1), count)
  guard workers > 1 else { return (0..<max(count, 0)).map(body) }
  let results = Mutex<[T?]>(Array(repeating: nil, count: count))
  let next = Atomic<Int>(0)
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while true {
      let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard index < count else { return }
      let value = body(index)
      results.withLock { $0[index] = value }
    }
  }
  let values = results.withLock { $0.compactMap { $0 } }
  precondition(values.count == count, "parallelMap: a worker did not deliver its item")
  return values
}
