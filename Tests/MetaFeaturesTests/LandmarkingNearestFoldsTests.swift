import Datasets
import Linalg
import Models
import Testing

@testable import MetaFeatures

/// ``NearestNeighbour/SharedTree`` (one tree over all rows, the fold's tree only for mixed-class
/// ties) against each fold's own tree: `KDTree(points: x.rows(train))`'s nearest row's label,
/// row for row, on every fold.
@Suite struct LandmarkingNearestFoldsTests {
  /// Per wanted fold, the labels as landmarking's one_nn computes them: the shared tree where
  /// there is one, else each fold's own prediction; `nil` when any fails.
  static func predictFolds(
    _ x: Matrix<Double>, _ y: [Int], folds: [(train: [Int], test: [Int])], wanted: [Int]
  ) -> [Int: [Int]]? {
    let shared = NearestNeighbour.SharedTree(x, folds: folds)
    var result: [Int: [Int]] = [:]
    for f in wanted {
      let (train, test) = folds[f]
      let labels =
        shared.map { $0.predict(x, y, fold: f, train: train, test: test) }
        ?? NearestNeighbour.predict(x, y, train: train, test: test)
      guard let labels else { return nil }
      result[f] = labels
    }
    return result
  }

  /// The labels each fold's own k-d tree predicts.
  static func foldTreeLabels(_ x: Matrix<Double>, _ y: [Int], _ folds: [(train: [Int], test: [Int])]) throws -> [[Int]] {
    try folds.map { fold in
      try KDTree(points: x.rows(fold.train)).nearest(to: x.rows(fold.test)).map { y[fold.train[$0]] }
    }
  }

  /// Tie-heavy kinds (duplicate 0/1 rows, independent 0/1, small integers, quarters, multiples of
  /// 3000, integers around 10⁸), reals, and a continuous set with duplicated rows; few and many
  /// columns (the latter take the per-fold path); 2 and 5 classes.
  @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7], [1, 2, 5, 13, 40])
  func labelsEqualFoldTrees(kind: Int, columns: Int) throws {
    let n = 360
    var x = LandmarkingNearestTests.tiedData(kind: kind == 7 ? 3 : kind, rows: n, columns: columns, seed: UInt64(7 * kind + columns))
    if kind == 7 {  // every third row a copy of an earlier one
      for i in stride(from: 3, to: n, by: 3) {
        for j in 0..<columns { x[i, j] = x[i / 3, j] }
      }
    }
    var g = SeededGenerator(seed: UInt64(100 + kind))
    for classes in [2, 5] {
      let y = (0..<n).map { _ in Int.random(in: 0..<classes, using: &g) }
      let folds = try StratifiedKFold(folds: 10).splits(for: y)
      let expected = try Self.foldTreeLabels(x, y, folds)
      let got = try #require(Self.predictFolds(x, y, folds: folds, wanted: Array(folds.indices)))
      for f in folds.indices {
        #expect(got[f] == expected[f], "kind \(kind), \(columns) columns, \(classes) classes, fold \(f)")
        #expect(got[f] == NearestNeighbour.predict(x, y, train: folds[f].train, test: folds[f].test))
      }
    }
  }

  /// Only the wanted folds are predicted, each as on its own.
  @Test func onlyWantedFolds() throws {
    let x = LandmarkingNearestTests.tiedData(kind: 2, rows: 200, columns: 3, seed: 5)
    let y = (0..<200).map { $0 % 3 }
    let folds = try StratifiedKFold(folds: 10).splits(for: y)
    let expected = try Self.foldTreeLabels(x, y, folds)
    let got = try #require(Self.predictFolds(x, y, folds: folds, wanted: [1, 4, 9]))
    #expect(got.keys.sorted() == [1, 4, 9])
    for f in [1, 4, 9] { #expect(got[f] == expected[f]) }
  }

  /// Where a fold's `KNeighborsClassifier` throws (a non-finite value, no columns), no labels.
  @Test func nonFiniteOrNoColumnsGivesNil() throws {
    var x = LandmarkingNearestTests.tiedData(kind: 3, rows: 40, columns: 2, seed: 3)
    let y = (0..<40).map { $0 % 2 }
    let folds = try StratifiedKFold(folds: 10).splits(for: y)
    #expect(Self.predictFolds(x, y, folds: folds, wanted: [0]) != nil)
    #expect(Self.predictFolds(Matrix(rows: 40, columns: 0), y, folds: folds, wanted: [0]) == nil)
    x[17, 1] = .nan
    #expect(Self.predictFolds(x, y, folds: folds, wanted: [0, 1]) == nil)
  }
}
