import Linalg
import Models
import Testing

@testable import MetaFeatures

/// ``NearestNeighbour`` (the k-d tree 1-NN of `one_nn` and `elite_nn`) against brute force:
/// the row it picks is at the smallest Σ(aⱼ − bⱼ)² over the training rows. Which of several
/// equally near rows it picks is scikit-learn's k-d tree's choice, checked by `KDTreeTests`
/// against scikit-learn and by `PymfeAgreementTests` (one_nn equal to pymfe's on every fixture).
@Suite struct LandmarkingNearestTests {
  /// The smallest squared distance from each test row to the training rows.
  static func smallestDistances(_ x: Matrix<Double>, train: [Int], test: [Int]) -> [Double] {
    test.map { t in
      train.map { i in (0..<x.columns).reduce(0.0) { s, j in s + (x[t, j] - x[i, j]) * (x[t, j] - x[i, j]) } }.min() ?? .nan
    }
  }

  static func distance(_ x: Matrix<Double>, _ a: Int, _ b: Int) -> Double {
    (0..<x.columns).reduce(0.0) { s, j in s + (x[a, j] - x[b, j]) * (x[a, j] - x[b, j]) }
  }

  /// Real values, integers full of ties, one column, and 0/1 one-hot-like data: labels equal to
  /// the row number, so the predicted label is the chosen row.
  @Test(arguments: [0, 1, 2, 3])
  func pickedRowIsANearestOne(kind: Int) throws {
    var g = SeededGenerator(seed: UInt64(11 + kind))
    let (n, d) = [(300, 7), (400, 4), (500, 1), (300, 40)][kind]
    let storage: [Double] = (0..<(n * d)).map { _ in
      switch kind {
      case 0: Double.random(in: -3...3, using: &g)
      case 1: Double(Int.random(in: 0...2, using: &g))
      case 2: Double(Int.random(in: 0...30, using: &g)) / 2
      default: Double(Int.random(in: 0...1, using: &g))
      }
    }
    let x = Matrix(rows: n, columns: d, storage: storage)
    let train = (0..<n).filter { $0 % 3 != 0 }
    let test = (0..<n).filter { $0 % 3 == 0 }
    let got = try #require(NearestNeighbour.predict(x, Array(0..<n), train: train, test: test))
    let smallest = Self.smallestDistances(x, train: train, test: test)
    for (r, t) in test.enumerated() {
      #expect(train.contains(got[r]))
      #expect(Self.distance(x, t, got[r]) == smallest[r], "test row \(t)")
    }
  }

  /// Seeded data full of ties, by kind: 0/1 with many duplicate rows, independent 0/1, small
  /// integers, reals, small integers around 10⁸ (where ‖a‖² + ‖b‖² − 2a·b cancels), quarters,
  /// and multiples of 3000 (integers too large for the exact `Float` path).
  static func tiedData(kind: Int, rows n: Int, columns d: Int, seed: UInt64) -> Matrix<Double> {
    var g = SeededGenerator(seed: seed)
    let distinct = (0..<12).map { _ in (0..<d).map { _ in Double(Int.random(in: 0...1, using: &g)) } }
    var storage: [Double] = []
    for _ in 0..<n {
      switch kind {
      case 0: storage += distinct[Int.random(in: 0..<distinct.count, using: &g)]
      case 1: storage += (0..<d).map { _ in Double(Int.random(in: 0...1, using: &g)) }
      case 2: storage += (0..<d).map { _ in Double(Int.random(in: 0...3, using: &g)) }
      case 3: storage += (0..<d).map { _ in Double.random(in: -2...2, using: &g) }
      case 5: storage += (0..<d).map { _ in Double(Int.random(in: 0...6, using: &g)) / 4 }
      case 6: storage += (0..<d).map { _ in Double(Int.random(in: 0...2, using: &g)) * 3000 }
      default: storage += (0..<d).map { _ in 1e8 + Double(Int.random(in: -2...2, using: &g)) }
      }
    }
    return Matrix(rows: n, columns: d, storage: storage)
  }

  /// The brute-force path (exact tie sets, then the tree's search order) returns the row the
  /// k-d tree search returns, row for row, in few and many columns.
  @Test(arguments: [0, 1, 2, 3, 4, 5, 6], [2, 7, 24, 70, 130])
  func bruteForceEqualsTreeSearch(kind: Int, columns: Int) throws {
    let n = 420
    let x = Self.tiedData(kind: kind, rows: n, columns: columns, seed: UInt64(31 * kind + columns))
    for fold in 0..<3 {
      let train = (0..<n).filter { $0 % 3 != fold }
      let test = (0..<n).filter { $0 % 3 == fold }
      let tree = try #require(NearestNeighbour.nearestRows(x, train: train, test: test, path: .tree))
      let brute = try #require(NearestNeighbour.nearestRows(x, train: train, test: test, path: .bruteForce))
      let direct = try KDTree(points: x.rows(train)).nearest(to: x.rows(test))
      #expect(tree == direct)
      #expect(brute == direct, "kind \(kind), \(columns) columns, fold \(fold)")
      #expect(NearestNeighbour.nearestRows(x, train: train, test: test, path: .fastest) == direct)
      // With labels, ties whose rows share a label skip the tree; the labels stay the tree's.
      // Labels by row pattern (tied duplicate rows share them) and by position (they differ).
      for labels in [(0..<n).map { i in Int(x[i, 0]) % 2 }, (0..<n).map { $0 % 3 }] {
        let labelled = try #require(
          NearestNeighbour.nearestRows(x, train: train, test: test, path: .bruteForce, labels: labels))
        #expect(labelled.map { labels[train[$0]] } == direct.map { labels[train[$0]] }, "kind \(kind), fold \(fold)")
        #expect(NearestNeighbour.predict(x, labels, train: train, test: test) == direct.map { labels[train[$0]] })
      }
    }
  }

  /// 0/1 training rows with a non-binary test row, and values too large for the gemm path (the
  /// tree is searched): still the tree's rows.
  @Test func mixedAndHugeValuesEqualTreeSearch() throws {
    var x = Self.tiedData(kind: 1, rows: 90, columns: 20, seed: 9)
    x[5, 3] = 0.5
    var huge = Self.tiedData(kind: 2, rows: 90, columns: 20, seed: 10)
    huge[7, 2] = 1e300
    for data in [x, huge] {
      let train = (0..<90).filter { $0 % 4 != 1 }
      let test = (0..<90).filter { $0 % 4 == 1 }
      let direct = try KDTree(points: data.rows(train)).nearest(to: data.rows(test))
      #expect(NearestNeighbour.nearestRows(data, train: train, test: test, path: .bruteForce) == direct)
    }
  }

  /// Where `KNeighborsClassifier` throws, no prediction.
  @Test func nonFiniteOrEmptyInputGivesNil() {
    let x = Matrix(rows: 4, columns: 2, storage: [0, 1, 2, .infinity, 4, 5, 6, 7])
    let y = [0, 1, 0, 1]
    #expect(NearestNeighbour.predict(x, y, train: [0, 1, 2], test: [3]) == nil)
    #expect(NearestNeighbour.predict(x, y, train: [0, 2], test: [3]) != nil)
    #expect(NearestNeighbour.predict(x, y, train: [], test: [3]) == nil)
    #expect(NearestNeighbour.predict(Matrix(rows: 4, columns: 0), y, train: [0], test: [1]) == nil)
    for path in [NearestNeighbour.Path.tree, .bruteForce, .fastest] {
      #expect(NearestNeighbour.nearestRows(x, train: [0, 1, 2], test: [3], path: path) == nil)
      #expect(NearestNeighbour.nearestRows(x, train: [1], test: [0], path: path) == nil)
      #expect(NearestNeighbour.nearestRows(x, train: [], test: [0], path: path) == nil)
    }
  }
}
