import Foundation
import Linalg
import Testing

@testable import Datasets

@Suite struct StratifiedKFoldTests {
  struct Fixture: Decodable {
    struct Case: Decodable {
      var name: String
      var labels: [Int]
      var k: Int
      var testFold: [Int]

      enum CodingKeys: String, CodingKey {
        case name, labels, k
        case testFold = "test_fold"
      }
    }
    var sklearn: String
    var cases: [Case]
  }

  func loadFixture() throws -> Fixture {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture("stratified_kfold.json")))
    return try JSONDecoder().decode(Fixture.self, from: data)
  }

  @Test func unshuffledAssignmentMatchesScikitLearn() throws {
    let reference = try loadFixture()
    #expect(reference.cases.count >= 10)
    for item in reference.cases {
      let assignment = try StratifiedKFold(folds: item.k).foldAssignment(for: item.labels)
      #expect(assignment == item.testFold, "case \(item.name), k = \(item.k)")
    }
  }

  @Test func splitsAreSortedTestFoldsWithComplementaryTrainRows() throws {
    let reference = try loadFixture()
    for item in reference.cases {
      let splits = try StratifiedKFold(folds: item.k).splits(for: item.labels)
      #expect(splits.count == item.k)
      for (fold, split) in splits.enumerated() {
        let expectedTest = item.testFold.indices.filter { item.testFold[$0] == fold }
        #expect(split.test == expectedTest)
        #expect(split.train == item.testFold.indices.filter { item.testFold[$0] != fold })
      }
    }
  }

  @Test func shuffledAssignmentKeepsPerFoldClassCountsAndIsSeeded() throws {
    let labels = [
      "b", "b", "a", "c", "a", "a", "b", "c", "a", "a", "b", "a", "c", "a", "b", "b", "a",
    ]
    let kfold = StratifiedKFold(folds: 3)
    let plain = try kfold.foldAssignment(for: labels)
    var g1 = SeededGenerator(seed: 11)
    var g2 = SeededGenerator(seed: 11)
    let shuffled = try kfold.foldAssignment(for: labels, shuffledWith: &g1)
    #expect(try kfold.foldAssignment(for: labels, shuffledWith: &g2) == shuffled)
    for label in Set(labels) {
      let rows = labels.indices.filter { labels[$0] == label }
      #expect(rows.map { plain[$0] }.sorted() == rows.map { shuffled[$0] }.sorted())
    }
  }

  @Test func classSmallerThanKStillSplits() throws {
    let labels = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    let assignment = try StratifiedKFold(folds: 5).foldAssignment(for: labels)
    #expect(Set(assignment) == Set(0..<5))
  }

  /// sklearn: StratifiedKFold(3).split(X, [0,0,0,0,1,1,1,1,1,1]) test folds [0,1,4,5], [2,6,7], [3,8,9].
  @Test func unshuffledSplitsMatchScikitLearn() throws {
    let folds = try StratifiedKFold(folds: 3).splits(for: [0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
    #expect(folds.map(\.test) == [[0, 1, 4, 5], [2, 6, 7], [3, 8, 9]])
    #expect(folds[1].train == [0, 1, 3, 4, 5, 8, 9])
    #expect(throws: DatasetError.invalidSplit(reason: "every class has fewer than 3 rows (scikit-learn's StratifiedKFold raises)")) {
      try StratifiedKFold(folds: 3).splits(for: [0, 0, 1, 1, 2])
    }
  }

  @Test func invalidFoldCountsAreTypedErrors() {
    #expect(throws: DatasetError.invalidSplit(reason: "k-fold needs at least 2 folds, got 1")) {
      try StratifiedKFold(folds: 1).foldAssignment(for: [0, 1, 0, 1])
    }
    #expect(throws: DatasetError.invalidSplit(reason: "4 rows: fewer than the 5 cross-validation folds")) {
      try StratifiedKFold(folds: 5).foldAssignment(for: [0, 1, 0, 1])
    }
    #expect(throws: DatasetError.self) {
      try StratifiedKFold(folds: 3).foldAssignment(for: [0, 1, 2, 0, 1, 2])
    }
  }
}
