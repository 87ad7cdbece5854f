import Linalg
import Models
import Testing

/// ``KDTree/nearestTies(to:groups:excluded:_:)`` against brute force: exactly the points of the
/// other groups at the smallest distance `Σⱼ (qⱼ − xⱼ)²`.
@Suite struct KDTreeNearestTiesTests {
  @Test(arguments: [0, 1, 2, 3], [1, 3, 6])
  func tiesEqualBruteForce(kind: Int, columns: Int) throws {
    let n = 250
    let x = KDTreeSearchOrderTests.data(kind: kind, rows: n, columns: columns, seed: UInt64(40 + 3 * kind + columns))
    let groups = (0..<n).map { ($0 * 7) % 5 }
    let tree = try KDTree(points: x, leafSize: 8)
    let queries = Array(stride(from: 0, to: n, by: 4))
    let q = x.rows(queries)
    for excluded in 0..<5 {
      var got: [[Int]] = []
      try tree.nearestTies(to: q, groups: groups, excluded: excluded) { r, ties in
        #expect(r == got.count)
        got.append(ties.sorted())
        return true
      }
      #expect(got.count == queries.count)
      for (r, t) in queries.enumerated() {
        let query = (0..<columns).map { x[t, $0] }
        let others = (0..<n).filter { groups[$0] != excluded }
        let d = others.map { KDTreeSearchOrderTests.distance(query, x.storage[($0 * columns)..<(($0 + 1) * columns)]) }
        let smallest = try #require(d.min())
        let expected = zip(others, d).filter { $0.1 == smallest }.map(\.0)
        #expect(got[r] == expected, "kind \(kind), query \(t), excluded \(excluded)")
      }
    }
  }

  /// Over `limit` ties the row gets none; `body` returning false stops the rows.
  @Test func limitAndStop() throws {
    let x = Matrix(rows: 6, columns: 1, storage: [0, 1, 1, 1, 2, 3])
    let tree = try KDTree(points: x, leafSize: 1)
    let q = Matrix(rows: 2, columns: 1, storage: [1, 3])
    var seen: [[Int]] = []
    try tree.nearestTies(to: q, groups: [0, 0, 0, 0, 0, 0], excluded: 1, limit: 2) { _, ties in
      seen.append(ties.sorted())
      return true
    }
    #expect(seen == [[], [5]])
    seen = []
    try tree.nearestTies(to: q, groups: [0, 0, 0, 0, 0, 0], excluded: 1, limit: 3) { _, ties in
      seen.append(ties.sorted())
      return false
    }
    #expect(seen == [[1, 2, 3]])
  }

  /// Every point excluded: no ties; bad input: typed errors.
  @Test func emptyAndBadInput() throws {
    let x = Matrix(rows: 3, columns: 2, storage: [0, 0, 1, 1, 2, 2])
    let tree = try KDTree(points: x)
    try tree.nearestTies(to: x, groups: [1, 1, 1], excluded: 1) { _, ties in
      #expect(ties.isEmpty)
      return true
    }
    #expect(throws: ModelError.featureCountMismatch(expected: 2, got: 1)) {
      try tree.nearestTies(to: Matrix(rows: 1, columns: 1, storage: [0]), groups: [0, 0, 0], excluded: 1) { _, _ in true }
    }
    #expect(throws: ModelError.rowCountMismatch(field: "groups", expected: 3, got: 2)) {
      try tree.nearestTies(to: x, groups: [0, 0], excluded: 1) { _, _ in true }
    }
    #expect(throws: ModelError.nonFiniteValue(field: "query", row: 1, column: 0)) {
      try tree.nearestTies(to: Matrix(rows: 2, columns: 2, storage: [0, 0, .nan, 1]), groups: [0, 0, 0], excluded: 1) { _, _ in true }
    }
  }
}
