import Linalg
import Testing

@testable import Datasets

@Suite struct ResamplingTests {
  /// 3 classes of 40, 25 and 7 rows, interleaved.
  static let labels: [Int] = (0..<72).map { i in i % 3 == 0 && i < 21 ? 2 : (i % 2 == 0 ? 0 : 1) }

  func counts(_ rows: [Int], _ labels: [Int]) -> [Int: Int] {
    rows.reduce(into: [:]) { $0[labels[$1], default: 0] += 1 }
  }
}

// MARK: - Nested subsamples

extension ResamplingTests {
  @Test(arguments: [1, 2, 3, 42, 2026] as [UInt64])
  func smallerFractionsAreSubsetsOfLargerOnes(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    let subsample = NestedSubsample(labels: Self.labels, using: &generator)
    let fractions = [0.01, 0.05, 0.1, 0.2, 0.3, 1.0 / 3, 0.5, 0.75, 0.99, 1]
    var previous = Set<Int>()
    for fraction in fractions {
      let rows = subsample.rows(fraction: fraction)
      #expect(rows == rows.sorted() && Set(rows).count == rows.count)
      #expect(previous.isSubset(of: Set(rows)), "fraction \(fraction)")
      previous = Set(rows)
    }
    #expect(subsample.rows(fraction: 1) == Array(0..<Self.labels.count))
  }

  @Test(arguments: [0.05, 0.1, 0.3, 0.5, 0.8])
  func eachClassContributesCeilingOfItsShare(fraction: Double) {
    let classSizes = counts(Array(Self.labels.indices), Self.labels)
    for seed in 1...4 as ClosedRange<UInt64> {
      var generator = SeededGenerator(seed: seed)
      let rows = NestedSubsample(labels: Self.labels, using: &generator).rows(fraction: fraction)
      let got = counts(rows, Self.labels)
      for (label, size) in classSizes {
        let expected = max(1, Int((fraction * Double(size) - 1e-9).rounded(.up)))
        #expect(got[label] == expected, "class \(label), fraction \(fraction)")
      }
    }
  }

  @Test func exactShareIsNotRoundedUpByFloatingPointError() {
    var generator = SeededGenerator(seed: 5)
    let rows = NestedSubsample(labels: [Int](repeating: 0, count: 10), using: &generator).rows(
      fraction: 0.3)
    #expect(rows.count == 3)
  }
}

// MARK: - Stratified train / validation / test

extension ResamplingTests {
  @Test(arguments: [1, 7, 99] as [UInt64])
  func stratifiedSplitPartitionsRowsProportionally(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    let split = try StratifiedSplit(
      labels: Self.labels, trainFraction: 0.6, validationFraction: 0.2, using: &generator)
    let all = split.train + split.validation + split.test
    #expect(all.sorted() == Array(Self.labels.indices))
    #expect(split.train == split.train.sorted())
    let sizes = counts(Array(Self.labels.indices), Self.labels)
    for part in [(split.train, 0.6), (split.validation, 0.2), (split.test, 0.2)] {
      let got = counts(part.0, Self.labels)
      for (label, size) in sizes {
        #expect((got[label] ?? 0) >= 1)
        #expect(abs(Double(got[label] ?? 0) - part.1 * Double(size)) <= 1)
      }
    }
  }

  @Test func smallClassesAppearInEveryPart() throws {
    var generator = SeededGenerator(seed: 3)
    let labels = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    let split = try StratifiedSplit(
      labels: labels, trainFraction: 0.8, validationFraction: 0.1, using: &generator)
    for part in [split.train, split.validation, split.test] {
      #expect(part.contains { labels[$0] == 0 })
    }
  }

  @Test func sameSeedSameSplitAndBadFractionsThrow() throws {
    var a = SeededGenerator(seed: 8)
    var b = SeededGenerator(seed: 8)
    let data = try Dataset.readCSV(from: fixture("quoting.csv"))
    #expect(
      try data.stratifiedSplit(trainFraction: 0.5, using: &a)
        == data.stratifiedSplit(trainFraction: 0.5, using: &b))
    #expect(throws: DatasetError.self) {
      try StratifiedSplit(labels: [0, 1], trainFraction: 0.8, validationFraction: 0.3, using: &a)
    }
    #expect(throws: DatasetError.self) {
      try StratifiedSplit(labels: [0, 1], trainFraction: 0, using: &a)
    }
  }
}

// MARK: - Part sizes

extension ResamplingTests {
  @Test func partSizesAlwaysAddUpToTheClassSize() {
    let splits: [(Double, Double)] = [
      (0.6, 0.2), (0.7, 0.3), (0.8, 0.1), (1.0 / 3, 1.0 / 3), (0.9, 0), (0.55, 0.15),
    ]
    for (train, validation) in splits {
      let fractions = [train, validation, max(0, 1 - train - validation)]
      for count in 1...60 {
        let sizes = StratifiedSplit.partSizes(count: count, fractions: fractions)
        #expect(
          sizes.reduce(0, +) == count && sizes.allSatisfy { $0 >= 0 }, "\(fractions), \(count)")
      }
    }
  }
}
