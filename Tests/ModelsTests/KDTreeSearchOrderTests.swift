import Linalg
import Models
import Testing

/// ``KDTreeSearchOrder`` against the tree's own query and against an independent depth-first
/// enumeration built from the public node ranges and the points.
@Suite struct KDTreeSearchOrderTests {
  /// Seeded data full of ties: 0/1 with duplicate rows, small integers, or reals.
  static func data(kind: Int, rows n: Int, columns d: Int, seed: UInt64) -> Matrix<Double> {
    var g = SeededGenerator(seed: seed)
    let distinct = (0..<8).map { _ in (0..<d).map { _ in Double(Int.random(in: 0...1, using: &g)) } }
    var storage: [Double] = []
    for _ in 0..<n {
      switch kind {
      case 0: storage += distinct[Int.random(in: 0..<distinct.count, using: &g)]
      case 1: storage += (0..<d).map { _ in Double(Int.random(in: 0...1, using: &g)) }
      case 2: storage += (0..<d).map { _ in Double(Int.random(in: -2...2, using: &g)) }
      default: storage += (0..<d).map { _ in Double.random(in: -1...1, using: &g) }
      }
    }
    return Matrix(rows: n, columns: d, storage: storage)
  }

  static func distance(_ a: [Double], _ b: ArraySlice<Double>) -> Double {
    var s = 0.0
    for (x, y) in zip(a, b) {
      let t = x - y
      s += t * t
    }
    return s
  }

  /// scikit-learn's `min_rdist` from `q` to the bounding box of `points` (rows of `x`).
  static func boxDistance(_ q: [Double], _ x: Matrix<Double>, _ points: ArraySlice<Int>) -> Double {
    var rdist = 0.0
    for j in 0..<x.columns {
      let values = points.map { x[$0, j] }
      let dLo = (values.min() ?? 0) - q[j]
      let dHi = q[j] - (values.max() ?? 0)
      let half = 0.5 * ((dLo + abs(dLo)) + (dHi + abs(dHi)))
      rdist += half * half
    }
    return rdist
  }

  /// Every point in the order the unpruned depth-first query visits them.
  static func visitOrder(_ tree: KDTree, _ x: Matrix<Double>, _ q: [Double], node: Int = 0) -> [Int] {
    let left = 2 * node + 1
    guard left < tree.nodeCount else { return Array(tree.indexOrder[tree.nodeRange(node)]) }
    let right = left + 1
    let dl = boxDistance(q, x, tree.indexOrder[tree.nodeRange(left)])
    let dr = boxDistance(q, x, tree.indexOrder[tree.nodeRange(right)])
    let (first, second) = dl <= dr ? (left, right) : (right, left)
    return visitOrder(tree, x, q, node: first) + visitOrder(tree, x, q, node: second)
  }

  /// With the candidates the points at the smallest distance, the walk returns the tree's
  /// nearest point, on data where most queries have many such points.
  @Test(arguments: [(0, 5), (0, 70), (1, 4), (1, 40), (2, 3), (2, 20), (3, 6)])
  func exactTiesGiveTheQueriedPoint(kind: Int, columns: Int) throws {
    let x = Self.data(kind: kind, rows: 400, columns: columns, seed: UInt64(100 + kind * 7 + columns))
    let queries = Self.data(kind: kind, rows: 60, columns: columns, seed: UInt64(200 + kind * 7 + columns))
    var g = SeededGenerator(seed: UInt64(columns))
    for leafSize in [1, 5, 30] {
      let tree = try KDTree(points: x, leafSize: leafSize)
      let order = KDTreeSearchOrder(tree: tree)
      var tied = 0
      for r in 0..<queries.rows {
        let q = Array(queries.storage[(r * columns)..<((r + 1) * columns)])
        let distances = (0..<x.rows).map { Self.distance(q, x.storage[($0 * columns)..<(($0 + 1) * columns)]) }
        let smallest = try #require(distances.min())
        let ties = distances.indices.filter { distances[$0] == smallest }.shuffled(using: &g)
        if ties.count > 1 { tied += 1 }
        #expect(try order.first(of: ties, query: q) == tree.nearest(to: q).index, "query \(r)")
      }
      if kind < 2 || (kind == 2 && columns < 10) { #expect(tied > 10) }
    }
  }

  /// Arbitrary candidate sets: the first of them in the independent visit order.
  @Test(arguments: [0, 2, 3])
  func arbitraryCandidatesFollowTheVisitOrder(kind: Int) throws {
    let columns = 4
    let x = Self.data(kind: kind, rows: 150, columns: columns, seed: UInt64(300 + kind))
    let queries = Self.data(kind: kind, rows: 20, columns: columns, seed: UInt64(400 + kind))
    var g = SeededGenerator(seed: UInt64(500 + kind))
    let tree = try KDTree(points: x, leafSize: 4)
    let order = KDTreeSearchOrder(tree: tree)
    for r in 0..<queries.rows {
      let q = Array(queries.storage[(r * columns)..<((r + 1) * columns)])
      let visits = Self.visitOrder(tree, x, q)
      #expect(visits.sorted() == Array(0..<x.rows))
      for size in [1, 2, 3, 10, 60] {
        let candidates = Array((0..<x.rows).shuffled(using: &g).prefix(size))
        let expected = visits.first { candidates.contains($0) }
        #expect(try order.first(of: candidates, query: q) == expected)
      }
    }
  }

  @Test func badInputThrows() throws {
    let tree = try KDTree(points: Matrix([[0.0, 1], [2, 3], [4, 5]]))
    let order = KDTreeSearchOrder(tree: tree)
    #expect(throws: ModelError.emptyInput(field: "candidates")) { try order.first(of: [], query: [0, 0]) }
    #expect(throws: ModelError.self) { try order.first(of: [0, 3], query: [0, 0]) }
    #expect(throws: ModelError.self) { try order.first(of: [-1], query: [0, 0]) }
    #expect(throws: ModelError.featureCountMismatch(expected: 2, got: 3)) { try order.first(of: [0], query: [0, 0, 0]) }
    #expect(throws: ModelError.nonFiniteValue(field: "query", row: 0, column: 1)) {
      try order.first(of: [0, 1], query: [0, .nan])
    }
    #expect(try order.first(of: [1, 0], query: [1, 2]) == tree.nearest(to: [1, 2]).index)
  }
}
