import Linalg
@testable import MetaFeatures
import Testing

/// ``NearestNeighbour`` against brute force: every training row's Σ(aⱼ − bⱼ)² summed in column
/// order, the smallest taken, ties to the lowest training row.
@Suite struct LandmarkingNearestTests {
  /// The brute-force reference.
  static func bruteForce(_ x: Matrix<Double>, _ y: [Int], train: [Int], test: [Int]) -> [Int] {
    test.map { t in
      var best = Double.infinity
      var label = -1
      for i in train {
        var s = 0.0
        for j in 0..<x.columns {
          let r = x[t, j] - x[i, j]
          s += r * r
        }
        if s < best {
          best = s
          label = y[i]
        }
      }
      return label
    }
  }

  /// Rows 0, 3, 6, … test; the others train.
  static func split(_ n: Int) -> (train: [Int], test: [Int]) {
    ((0..<n).filter { $0 % 3 != 0 }, (0..<n).filter { $0 % 3 == 0 })
  }

  /// Labels equal to the row number, so a wrong tie-break changes the prediction.
  static func rowLabels(_ n: Int) -> [Int] { Array(0..<n) }

  @Test func realValuedRowsMatchBruteForce() throws {
    var g = SeededGenerator(seed: 11)
    let (n, d) = (300, 7)
    let x = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in Double.random(in: -3...3, using: &g) })
    let (train, test) = Self.split(n)
    let y = Self.rowLabels(n)
    let got = try #require(NearestNeighbour.predict(x, y, train: train, test: test, binary: false))
    #expect(got == Self.bruteForce(x, y, train: train, test: test))
  }

  /// Small integers: many exact ties, which must go to the lowest training row.
  @Test func integerTiesGoToTheLowestRow() throws {
    var g = SeededGenerator(seed: 5)
    let (n, d) = (400, 4)
    let x = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in Double(Int.random(in: 0...2, using: &g)) })
    let (train, test) = Self.split(n)
    let y = Self.rowLabels(n)
    let got = try #require(NearestNeighbour.predict(x, y, train: train, test: test, binary: false))
    #expect(got == Self.bruteForce(x, y, train: train, test: test))
  }

  /// Values near 1e8 differing by about 1: the expansion ‖a‖² + ‖b‖² − 2a·b loses everything
  /// below ~2 to cancellation, so it picks other neighbours than the exact distances.
  @Test func cancellationDoesNotChangeTheNeighbour() throws {
    var g = SeededGenerator(seed: 3)
    let (n, d) = (240, 3)
    let x = Matrix(
      rows: n, columns: d, storage: (0..<(n * d)).map { _ in 1e8 + Double(Int.random(in: 0...40, using: &g)) / 8 })
    let (train, test) = Self.split(n)
    let y = Self.rowLabels(n)
    let expected = Self.bruteForce(x, y, train: train, test: test)
    let got = try #require(NearestNeighbour.predict(x, y, train: train, test: test, binary: false))
    #expect(got == expected)
    // The naive expansion does differ here, so the exact recomputation is exercised.
    let naive = test.map { t in
      var best = Double.infinity
      var label = -1
      for i in train {
        var dot = 0.0
        var aa = 0.0
        var bb = 0.0
        for j in 0..<d {
          dot += x[t, j] * x[i, j]
          aa += x[t, j] * x[t, j]
          bb += x[i, j] * x[i, j]
        }
        let v = aa + bb - 2 * dot
        if v < best {
          best = v
          label = y[i]
        }
      }
      return label
    }
    #expect(naive != expected)
  }

  @Test func binaryRowsMatchBruteForce() throws {
    var g = SeededGenerator(seed: 8)
    for d in [5, 64, 65, 150] {
      let n = 200
      let x = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in Double(Int.random(in: 0...3, using: &g) == 0 ? 1 : 0) })
      #expect(NearestNeighbour.isBinary(x))
      let (train, test) = Self.split(n)
      let y = Self.rowLabels(n)
      let got = try #require(NearestNeighbour.predict(x, y, train: train, test: test, binary: true))
      #expect(got == Self.bruteForce(x, y, train: train, test: test), "d = \(d)")
    }
  }

  /// One column: exact ties (repeated values, points midway) and rounding ties far from 0.
  @Test func oneColumnMatchesBruteForce() throws {
    var g = SeededGenerator(seed: 21)
    let n = 500
    let samples: [[Double]] = [
      (0..<n).map { _ in Double(Int.random(in: 0...30, using: &g)) / 2 },
      (0..<n).map { _ in Double.random(in: -1...1, using: &g) },
      (0..<n).map { _ in 1e16 + Double(Int.random(in: 0...12, using: &g)) * 2 },
    ]
    for values in samples {
      let x = Matrix(rows: n, columns: 1, storage: values)
      let (train, test) = Self.split(n)
      let y = Self.rowLabels(n)
      let expected = Self.bruteForce(x, y, train: train, test: test)
      #expect(NearestNeighbour.predict(x, y, train: train, test: test, binary: false) == expected)
    }
  }

  /// Where `KNeighborsClassifier` throws, no prediction.
  @Test func nonFiniteOrEmptyInputGivesNil() {
    let x = Matrix(rows: 4, columns: 2, storage: [0, 1, 2, .infinity, 4, 5, 6, 7])
    let y = [0, 1, 0, 1]
    #expect(NearestNeighbour.predict(x, y, train: [0, 1, 2], test: [3], binary: false) == nil)
    #expect(NearestNeighbour.predict(x, y, train: [0, 2], test: [3], binary: false) != nil)
    #expect(NearestNeighbour.predict(x, y, train: [], test: [3], binary: false) == nil)
    #expect(NearestNeighbour.predict(Matrix(rows: 4, columns: 0), y, train: [0], test: [1], binary: false) == nil)
  }
}
