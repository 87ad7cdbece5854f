import Learners
import Linalg
@testable import MetaFeatures
import Testing

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

  /// Where `KNeighborsClassifier` throws, no prediction.
  @Test func nonFiniteOrEmptyInputGivesNil() {
    let x = Matrix(rows: 4, columns: 2, storage: [0, 1, 2, .infinity, 4, 5, 6, 7])
    let y = [0, 1, 0, 1]
    #expect(NearestNeighbour.predict(x, y, train: [0, 1, 2], test: [3]) == nil)
    #expect(NearestNeighbour.predict(x, y, train: [0, 2], test: [3]) != nil)
    #expect(NearestNeighbour.predict(x, y, train: [], test: [3]) == nil)
    #expect(NearestNeighbour.predict(Matrix(rows: 4, columns: 0), y, train: [0], test: [1]) == nil)
  }
}
