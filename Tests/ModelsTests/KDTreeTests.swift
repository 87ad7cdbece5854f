import Foundation
import Linalg
import Models
import Testing

/// One case of scripts/make_kdtree_fixtures.py: scikit-learn 1.9.1's KD-tree neighbours.
struct KDTreeFixture: Decodable {
  struct Split: Decodable {
    var test: [Int]
    var neighbors: [Int]
  }
  struct KNeighbors: Decodable {
    var indices: [[Int]]
    var distances: [[Double]]
  }
  var name: String
  var leafSize: Int
  var x: [[Double]]
  var splits: [Split]
  var treeOrder: [Int]
  var nodeCount: Int
  var k5: KNeighbors

  static func load(_ name: String) throws -> KDTreeFixture {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: "json", subdirectory: "Fixtures/kdtree")
    else { throw CocoaError(.fileNoSuchFile) }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(KDTreeFixture.self, from: Data(contentsOf: url))
  }

  /// Split `s`'s training rows (ascending, as the fixture script) and test rows as matrices.
  func matrices(_ s: Int) -> (train: Matrix<Double>, test: Matrix<Double>) {
    let test = splits[s].test
    let inTest = Set(test)
    let train = x.indices.filter { !inTest.contains($0) }
    return (Matrix(train.map { x[$0] }), Matrix(test.map { x[$0] }))
  }
}

/// The squared Euclidean distance summed in feature order, as scikit-learn's `euclidean_rdist`.
private func reducedDistance(_ a: [Double], _ b: [Double]) -> Double {
  var s = 0.0
  for (u, v) in zip(a, b) { s += (u - v) * (u - v) }
  return s
}

private let fixtureCases = [
  "random_3d", "random_8d", "random_leaf5", "grid_4d", "binary_12", "duplicated_rows",
  "constant_column", "small_61", "single_leaf", "introselect_killer", "car_good_ordinal",
  "tic_tac_toe_ordinal",
  "tic_tac_toe_onehot", "banana", "phoneme", "marketing",
]

@Suite("KDTree against scikit-learn 1.9.1")
struct KDTreeTests {
  @Test("1-NN indices equal KNeighborsClassifier.kneighbors on every split", arguments: fixtureCases)
  func nearestMatchesScikitLearn(name: String) throws {
    let fixture = try KDTreeFixture.load(name)
    for s in fixture.splits.indices {
      let (train, test) = fixture.matrices(s)
      let tree = try KDTree(points: train, leafSize: fixture.leafSize)
      let found = try tree.nearest(to: test)
      let expected = fixture.splits[s].neighbors
      let mismatches = zip(found, expected).filter { $0 != $1 }.count
      #expect(found.count == expected.count)
      #expect(mismatches == 0, "\(name) split \(s): \(mismatches) of \(expected.count) differ")
    }
  }

  @Test("Tree order and node count equal scikit-learn's idx_array", arguments: fixtureCases)
  func constructionMatchesScikitLearn(name: String) throws {
    let fixture = try KDTreeFixture.load(name)
    let tree = try KDTree(points: fixture.matrices(0).train, leafSize: fixture.leafSize)
    #expect(tree.nodeCount == fixture.nodeCount)
    #expect(tree.indexOrder.count == fixture.treeOrder.count)
    let firstDifference = tree.indexOrder.indices.first {
      $0 >= fixture.treeOrder.count || tree.indexOrder[$0] != fixture.treeOrder[$0]
    }
    #expect(firstDifference == nil, "\(name): tree order differs from position \(firstDifference ?? -1)")
  }

  @Test("Node boxes are the per-feature min and max of each node's points", arguments: fixtureCases)
  func nodeBoxesBoundTheirPoints(name: String) throws {
    let fixture = try KDTreeFixture.load(name)
    let train = fixture.matrices(0).train
    let tree = try KDTree(points: train, leafSize: fixture.leafSize)
    var wrong = [Int]()
    for node in 0..<tree.nodeCount {
      let rows = tree.nodeRange(node).map { train.row(tree.indexOrder[$0]) }
      let lower = (0..<train.columns).map { j in rows.map { $0[j] }.min() ?? .infinity }
      let upper = (0..<train.columns).map { j in rows.map { $0[j] }.max() ?? -.infinity }
      let box = tree.nodeBox(node)
      if box.lower != lower || box.upper != upper { wrong.append(node) }
    }
    #expect(wrong.isEmpty, "\(name): nodes \(wrong) have other bounds")
  }

  @Test("k = 5 indices and distances equal kneighbors(n_neighbors=5)", arguments: fixtureCases)
  func fiveNeighboursMatchScikitLearn(name: String) throws {
    let fixture = try KDTreeFixture.load(name)
    let (train, test) = fixture.matrices(0)
    let tree = try KDTree(points: train, leafSize: fixture.leafSize)
    let found = try tree.neighbors(of: test, k: 5)
    #expect(found.count == fixture.k5.indices.count)
    let badIndices = zip(found, fixture.k5.indices).filter { $0.map(\.index) != $1 }.count
    // Same sums in the same order and one square root: the distances agree to the bit.
    let badDistances = zip(found, fixture.k5.distances).filter { $0.map(\.distance) != $1 }.count
    #expect(badIndices == 0, "\(name): \(badIndices) queries with other k = 5 indices")
    #expect(badDistances == 0, "\(name): \(badDistances) queries with other k = 5 distances")
  }

  @Test("Nearest distance equals the brute-force minimum", arguments: fixtureCases)
  func distancesMatchBruteForce(name: String) throws {
    let fixture = try KDTreeFixture.load(name)
    let (train, test) = fixture.matrices(0)
    let tree = try KDTree(points: train, leafSize: fixture.leafSize)
    let rows = (0..<train.rows).map { train.row($0) }
    for r in 0..<test.rows {
      let query = test.row(r)
      let all = rows.map { reducedDistance(query, $0) }
      let minimum = all.min() ?? .infinity
      let (index, distance) = try tree.nearest(to: query)
      #expect(distance == minimum.squareRoot())
      #expect(all[index] == minimum)
      // With a unique minimum the row is determined; with ties scikit-learn's choice may be
      // any of the tied rows (checked against the fixture above).
      if all.filter({ $0 == minimum }).count == 1 {
        #expect(index == all.firstIndex(of: minimum))
      }
    }
  }

  @Test("Single and batched queries agree")
  func singleAndBatchedAgree() throws {
    let fixture = try KDTreeFixture.load("grid_4d")
    let (train, test) = fixture.matrices(0)
    let tree = try KDTree(points: train)
    let batched = try tree.nearest(to: test)
    let single = try (0..<test.rows).map { try tree.nearest(to: test.row($0)).index }
    #expect(single == batched)
    #expect(try tree.neighbors(of: test, k: 1).map { $0[0].index } == batched)
  }

  @Test("Bad input throws typed errors")
  func badInput() throws {
    let points = Matrix([[0.0, 1], [2, 3], [4, 5]])
    #expect(throws: ModelError.emptyInput(field: "points")) {
      try KDTree(points: Matrix(rows: 0, columns: 2))
    }
    #expect(throws: ModelError.nonFiniteValue(field: "points", row: 1, column: 0)) {
      try KDTree(points: Matrix([[0.0, 1], [.nan, 3]]))
    }
    #expect(throws: ModelError.self) { try KDTree(points: points, leafSize: 0) }
    let tree = try KDTree(points: points)
    #expect(throws: ModelError.featureCountMismatch(expected: 2, got: 3)) {
      try tree.nearest(to: [1.0, 2, 3])
    }
    #expect(throws: ModelError.featureCountMismatch(expected: 2, got: 1)) {
      try tree.nearest(to: Matrix([[1.0], [2]]))
    }
    #expect(throws: ModelError.nonFiniteValue(field: "query", row: 0, column: 1)) {
      try tree.nearest(to: [1.0, .infinity])
    }
    #expect(throws: ModelError.nonFiniteValue(field: "query", row: 1, column: 0)) {
      try tree.nearest(to: Matrix([[1.0, 2], [.nan, 0]]))
    }
    #expect(throws: ModelError.self) { try tree.neighbors(of: Matrix([[1.0, 2]]), k: 4) }
    #expect(throws: ModelError.self) { try tree.neighbors(of: Matrix([[1.0, 2]]), k: 0) }
    #expect(try tree.nearest(to: Matrix(rows: 0, columns: 2)) == [])
    let message = "\(ModelError.nonFiniteValue(field: "query", row: 1, column: 0))"
    #expect(message.contains("query") && message.contains("row 1"))
  }
}
