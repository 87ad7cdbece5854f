import Linalg
import Testing

@testable import Models

/// ``KDTree/SmallIntegerLanes``: the batched query's `Float` lane sums against the single query,
/// which always sums in `Double` in feature order (scikit-learn's sums). On tie-heavy integer
/// data any difference in a point's or a box's distance changes which tied point is met first,
/// so equal answers on every query check both sums.
@Suite struct KDTreeLanesTests {
  /// n × d integers in `range`, drawn from a few distinct rows when `repeated` (exact ties).
  static func integers(rows n: Int, columns d: Int, in range: ClosedRange<Int>, repeated: Bool, seed: UInt64)
    -> Matrix<Double>
  {
    var g = SeededGenerator(seed: seed)
    let distinct = (0..<12).map { _ in (0..<d).map { _ in Double(Int.random(in: range, using: &g)) } }
    var storage: [Double] = []
    for _ in 0..<n {
      storage +=
        repeated
        ? distinct[Int.random(in: 0..<distinct.count, using: &g)]
        : (0..<d).map { _ in Double(Int.random(in: range, using: &g)) }
    }
    return Matrix(rows: n, columns: d, storage: storage)
  }

  static func singleQueries(_ tree: KDTree, _ queries: Matrix<Double>) throws -> [Int] {
    try (0..<queries.rows).map { try tree.nearest(to: queries.row($0)).index }
  }

  @Test(arguments: [2, 3, 4, 5, 8, 9, 13, 16])
  func lanesGiveTheColumnOrderAnswer(columns d: Int) throws {
    for (range, repeated) in [(0...1, false), (-3...3, false), (1...9, false), (0...2, true)] {
      let points = Self.integers(rows: 1200, columns: d, in: range, repeated: repeated, seed: UInt64(d))
      let queries = Self.integers(rows: 300, columns: d, in: range, repeated: false, seed: UInt64(100 + d))
      let tree = try KDTree(points: points)
      let lanes = try #require(tree.lanes)
      #expect(lanes.width == (d <= 4 ? 4 : d <= 8 ? 8 : 16))
      #expect(lanes.exact(forQueries: queries.storage, columns: d))
      #expect(try tree.nearest(to: queries) == Self.singleQueries(tree, queries), "d \(d), values \(range)")
    }
  }

  @Test func lanesAreRefusedWhereFloatIsNotExact() throws {
    // Non-integer points: no lanes.
    #expect(try KDTree(points: Matrix([[0.5, 1], [2, 3], [4, 5]])).lanes == nil)
    // One feature: no lanes (a single subtraction either way); more than 16: none.
    #expect(try KDTree(points: Matrix([[1.0], [2], [3]])).lanes == nil)
    #expect(try KDTree(points: Self.integers(rows: 50, columns: 17, in: 0...1, repeated: false, seed: 1)).lanes == nil)
    // Magnitudes above 2^12: none.
    #expect(try KDTree(points: Matrix([[5000.0, 1], [2, 3], [4, 5]])).lanes == nil)

    let points = Self.integers(rows: 600, columns: 16, in: -3000...3000, repeated: false, seed: 2)
    let tree = try KDTree(points: points)
    let lanes = try #require(tree.lanes)
    // 16 · 6000² > 2^24: the batch falls back to the Double sums, with the same answers.
    let queries = Self.integers(rows: 100, columns: 16, in: -3000...3000, repeated: false, seed: 3)
    #expect(!lanes.exact(forQueries: queries.storage, columns: 16))
    #expect(try tree.nearest(to: queries) == Self.singleQueries(tree, queries))
    // Small integer points but a fractional query: the batch falls back too.
    let small = try KDTree(points: Self.integers(rows: 300, columns: 3, in: 0...4, repeated: false, seed: 4))
    let fractional = Matrix([[0.5, 1, 2], [1, 1, 1], [4, 0, 3.25]])
    #expect(try #require(small.lanes).exact(forQueries: fractional.storage, columns: 3) == false)
    #expect(try small.nearest(to: fractional) == Self.singleQueries(small, fractional))
  }
}
