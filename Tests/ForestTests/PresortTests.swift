import Foundation
import Linalg
import Testing

@testable import Forest

/// The presorted split search (`PresortedSamples`, `sortByHighHalf`, the counting scan) against
/// plain sorting and against the per-node-sorting builder it replaces.
@Suite struct PresortTests {
  @Test(arguments: [0, 1, 5, 63, 64, 500, 3000])
  func radixSortEqualsStableSortByHighHalf(count: Int) {
    var rng = SeededGenerator(seed: UInt64(count))
    let draws: [(inout SeededGenerator) -> UInt32] = [
      { UInt32(truncatingIfNeeded: $0.next()) },
      { UInt32($0.integer(below: 4)) },
      { _ in 0xBF80_0000 },
      { sortableBits(Float($0.uniform(-1e6, 1e6))) },
    ]
    for draw in draws {
      // Low halves are the input positions, so sorting whole keys is the stable sort by high halves.
      let keys = (0..<count).map { UInt64(draw(&rng)) << 32 | UInt64($0) }
      var sorted = keys
      let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: max(count, 1))
      let histogram = UnsafeMutablePointer<Int>.allocate(capacity: 1024)
      defer {
        scratch.deallocate()
        histogram.deallocate()
      }
      sorted.withUnsafeMutableBufferPointer { buffer in
        if let base = buffer.baseAddress { sortByHighHalf(base, count: count, scratch: scratch, histogram: histogram) }
      }
      #expect(sorted == keys.sorted())
    }
  }

  @Test func sortableBitsPreserveFloatOrder() {
    var rng = SeededGenerator(seed: 3)
    var values: [Float] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude]
    values += (0..<200).map { _ in Float(rng.uniform(-1e3, 1e3)) }
    for a in values {
      for b in values where a < b { #expect(sortableBits(a) < sortableBits(b), "\(a) < \(b)") }
    }
  }

  /// Columns that take each sorting path: small integers (counting sort, also negative), a wide
  /// integer range and `Float` values (radix sort), general doubles (comparison sort), a constant.
  static func mixedColumns(rows n: Int, rng: inout SeededGenerator) -> Matrix<Double> {
    var x = Matrix<Double>(rows: n, columns: 6)
    for i in 0..<n {
      x[i, 0] = Double(rng.integer(below: 2))
      x[i, 1] = Double(rng.integer(below: 7)) - 3
      x[i, 2] = Double(rng.integer(below: 100_000))
      x[i, 3] = Double(Float(rng.normal()))
      x[i, 4] = rng.normal() / 3
      x[i, 5] = 2.5
    }
    return x
  }

  @Test func presortedListsAreSortedAndSplitsKeepThemSorted() throws {
    var rng = SeededGenerator(seed: 11)
    let n = 300
    let x = Self.mixedColumns(rows: n, rng: &rng)
    let y = (0..<n).map { _ in rng.integer(below: 3) }
    let data = try TrainingData(x, labels: y, classCount: 3, weights: nil)
    // Every third row inactive, as rows a bootstrap did not draw.
    let active = (0..<n).filter { $0 % 3 != 0 }.map { Int32($0) }
    data.columns.withUnsafeBufferPointer { columns in
      let base = columns.baseAddress!
      data.labels.withUnsafeBufferPointer { labels in
        active.withUnsafeBufferPointer { samples in
          let presorted = PresortedSamples(
            columns: base, rowCount: n, featureCount: 6, labels: labels.baseAddress, samples: samples.baseAddress!,
            activeCount: active.count)
          let m = active.count
          func list(_ f: Int, _ range: Range<Int>) -> [SortPair] { range.map { presorted.entries[f * m + $0] } }
          #expect((0..<6).map { presorted.constant[$0] } == [false, false, false, false, false, true])
          for f in 0..<5 {
            let entries = list(f, 0..<m)
            #expect(Set(entries.map(\.sample)) == Set(active))
            #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.value <= $1.value })
            #expect(entries.allSatisfy { $0.value == x[Int($0.sample), f] && Int($0.label) == y[Int($0.sample)] })
          }
          // Split the root on "row is even", then its left child on "row ≡ 1 (mod 3)": each list's
          // ranges must then hold exactly each child's rows, in the order they had before.
          var rows = active
          func splitNode(_ range: Range<Int>, _ goesLeft: (Int32) -> Bool) {
            let before = (0..<5).map { list($0, range) }
            let node = rows[range]
            let leftRows = node.filter(goesLeft)
            rows.replaceSubrange(range, with: leftRows + node.filter { !goesLeft($0) })
            let boundary = range.lowerBound + leftRows.count
            rows.withUnsafeBufferPointer { rowPointer in
              Array(0..<6).withUnsafeBufferPointer { features in
                presorted.split(
                  start: range.lowerBound, boundary: boundary, end: range.upperBound, samples: rowPointer.baseAddress!,
                  features: features)
              }
            }
            for f in 0..<5 {
              #expect(list(f, range.lowerBound..<boundary).map(\.sample) == before[f].filter { goesLeft($0.sample) }.map(\.sample))
              #expect(list(f, boundary..<range.upperBound).map(\.sample) == before[f].filter { !goesLeft($0.sample) }.map(\.sample))
            }
          }
          splitNode(0..<m) { $0 % 2 == 0 }
          splitNode(0..<active.filter { $0 % 2 == 0 }.count) { $0 % 3 == 1 }
        }
      }
    }
  }

  /// Fits with and without presorting on the same data; the trees must be identical.
  static func bothWays(
    _ data: TrainingData, _ parameters: TreeParameters, weights: [Double]? = nil, scikitLearnSeed: UInt32? = nil
  ) throws -> (presorted: FittedTree, perNode: FittedTree, usedPresorting: Bool) {
    let resolved = try parameters.validated(featureCount: data.featureCount, classification: data.isClassification)
    var results: [FittedTree] = []
    var used = false
    for allowed in [true, false] {
      let builder = TreeBuilder(data: data, parameters: resolved, weights: weights)
      builder.allowsPresorting = allowed
      builder.scikitLearn = scikitLearnSeed.map { ScikitLearnFeatureDraw(seed: $0, featureCount: data.featureCount) }
      var generator = SeededGenerator(seed: 5)
      results.append(builder.build(using: &generator))
      if allowed { used = builder.presorted != nil }
    }
    return (results[0], results[1], used)
  }

  @Test(arguments: 0..<4) func presortingGrowsTheSameClassificationTrees(seed: Int) throws {
    var rng = SeededGenerator(seed: UInt64(100 + seed))
    let n = 400
    let x = Self.mixedColumns(rows: n, rng: &rng)
    // Labels depend on two columns plus noise, so trees grow several levels with many ties.
    let y = (0..<n).map { i in (x[i, 1] > 0 ? 1 : 0) + (x[i, 3] > 0.5 ? 1 : 0) + (rng.uniform() < 0.2 ? 1 : 0) }
    let data = try TrainingData(x, labels: y, classCount: 4, weights: nil)
    let bootstrap = (0..<n).map { _ in Double(rng.integer(below: 3)) }
    let cases: [(TreeParameters, [Double]?, UInt32?)] = [
      (
        TreeParameters(
          criterion: .gini, splitter: .best, maxDepth: nil, minSamplesSplit: 2, minSamplesLeaf: 1,
          maxFeatures: .all, minImpurityDecrease: 0), nil, UInt32(209_652_396 + seed)
      ),
      (
        TreeParameters(
          criterion: .gini, splitter: .best, maxDepth: 1, minSamplesSplit: 2, minSamplesLeaf: 1,
          maxFeatures: .all, minImpurityDecrease: 0), nil, UInt32(seed + 1)
      ),
      (
        TreeParameters(
          criterion: .entropy, splitter: .best, maxDepth: 6, minSamplesSplit: 5, minSamplesLeaf: 3,
          maxFeatures: .count(4), minImpurityDecrease: 0), nil, nil
      ),
      (
        TreeParameters(
          criterion: .gini, splitter: .best, maxDepth: nil, minSamplesSplit: 2, minSamplesLeaf: 2,
          maxFeatures: .all, minImpurityDecrease: 0), bootstrap, nil
      ),
    ]
    for (parameters, weights, sklearnSeed) in cases {
      let fits = try Self.bothWays(data, parameters, weights: weights, scikitLearnSeed: sklearnSeed)
      #expect(fits.usedPresorting)
      #expect(fits.presorted.nodeCount > 1)
      #expect(fits.presorted == fits.perNode)
    }
  }

  @Test func presortingGrowsTheSameRegressionTreeOnDistinctValues() throws {
    var rng = SeededGenerator(seed: 21)
    let n = 300
    let x = uniformMatrix(n, 4, &rng)
    let y = (0..<n).map { i in sin(6 * x[i, 0]) + x[i, 1] * x[i, 2] + 0.1 * rng.normal() }
    let data = try TrainingData(x, targets: y, weights: nil)
    let parameters = TreeParameters(
      criterion: .squaredError, splitter: .best, maxDepth: 8, minSamplesSplit: 2, minSamplesLeaf: 2,
      maxFeatures: .all, minImpurityDecrease: 0)
    let fits = try Self.bothWays(data, parameters)
    #expect(fits.usedPresorting)
    #expect(fits.presorted.nodeCount > 20)
    #expect(fits.presorted == fits.perNode)
  }
}
