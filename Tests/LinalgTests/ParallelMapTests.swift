import Linalg
import Synchronization
import Testing

@Suite struct ParallelMapTests {
  @Test(arguments: [1, 2, 3, 64])
  func resultsAreInIndexOrderAndEachIndexRunsOnce(jobs: Int) {
    for count in [0, 1, 2, 7, 100] {
      let calls = Mutex<[Int]>([])
      let values = parallelMap(count, jobs: jobs) { i in
        calls.withLock { $0.append(i) }
        return i * i + 1
      }
      #expect(values == (0..<count).map { $0 * $0 + 1 }, "count \(count), jobs \(jobs)")
      #expect(calls.withLock { $0.sorted() } == Array(0..<count))
    }
  }

  @Test func jobsBelowOneRunInOrderOnTheCallingThread() {
    let order = Mutex<[Int]>([])
    let values = parallelMap(5, jobs: 0) { i in
      order.withLock { $0.append(i) }
      return "\(i)"
    }
    #expect(values == ["0", "1", "2", "3", "4"])
    #expect(order.withLock { $0 } == [0, 1, 2, 3, 4])
  }

  @Test func optionalResultsKeepTheirNils() {
    let values = parallelMap(6, jobs: 2) { i -> Int? in i.isMultiple(of: 2) ? i : nil }
    #expect(values == [0, nil, 2, nil, 4, nil])
  }
}
