import Linalg
import Testing

/// Serialized: the OpenBLAS thread count is process-global.
@Suite(.serialized) struct BLASThreadsTests {
  @Test func setThenGetRoundTrips() {
    let original = BLASThreads.count
    #expect(original >= 1)
    BLASThreads.set(1)
    #expect(BLASThreads.count == 1)
    BLASThreads.set(2)
    #expect(BLASThreads.count == 2)
    BLASThreads.set(original)
    #expect(BLASThreads.count == original)
  }

  @Test func kernelsStayCorrectWithOneThread() throws {
    let original = BLASThreads.count
    defer { BLASThreads.set(original) }
    BLASThreads.set(1)
    var rng = SeededGenerator(seed: 61)
    let a = randomMatrix(Double.self, 64, 48, &rng)
    let b = randomMatrix(Double.self, 48, 32, &rng)
    let c = try a.multiplied(by: b)
    #expect(isClose(c.storage, naiveProduct(a, .none, b, .none, alpha: 1, beta: 0, c: c), tol: 1e-12))
  }
}
