import Linalg
import Testing

@testable import Forest

/// The split scan that counts few-valued presorted features run by run without a branch per run
/// (`TreeBuilder.scanRunTallies`) grows the same trees as the run-detecting scan.
@Suite struct RunTalliesTests {
  /// The mixed columns of `PresortTests`, then three more: multiples of 0.6·10⁻⁷ (below the
  /// 10⁻⁷ tolerance apart, so runs chain in the whole list and break apart in a node's subset),
  /// 64 integers (the most the run scan takes) and 65 (one more: the other scan).
  static func columns(rows n: Int, rng: inout SeededGenerator) -> Matrix<Double> {
    let mixed = PresortTests.mixedColumns(rows: n, rng: &rng)
    var x = Matrix<Double>(rows: n, columns: 9)
    for i in 0..<n {
      for j in 0..<6 { x[i, j] = mixed[i, j] }
      x[i, 6] = Double(rng.integer(below: 40)) * 0.6e-7
      x[i, 7] = Double(rng.integer(below: 64))
      x[i, 8] = Double(rng.integer(below: 65)) / 4
    }
    return x
  }

  @Test func distinctCountsTheListsValues() throws {
    var rng = SeededGenerator(seed: 31)
    let n = 2000
    let x = Self.columns(rows: n, rng: &rng)
    let data = try TrainingData(x, labels: (0..<n).map { $0 % 3 }, classCount: 3, weights: nil)
    let samples = (0..<n).map { Int32($0) }
    data.columns.withUnsafeBufferPointer { columns in
      data.labels.withUnsafeBufferPointer { labels in
        samples.withUnsafeBufferPointer { rows in
          let presorted = PresortedSamples(
            columns: columns.baseAddress!, rowCount: n, featureCount: 9, labels: labels.baseAddress,
            samples: rows.baseAddress!, activeCount: n)
          for f in 0..<9 {
            #expect(presorted.distinct[f] == Set((0..<n).map { x[$0, f] }).count, "feature \(f)")
          }
          #expect((0..<9).map { presorted.distinct[$0] }.filter { $0 <= TreeBuilder.runTallyLimit }.count == 5)
        }
      }
    }
  }

  /// Three and nine classes (two classes keep the register scan), noisy labels so trees grow
  /// deep; scikit-learn's Gini (with the screen) and entropy, and the generator-drawn best
  /// splitter's Gini; with and without a leaf minimum.
  @Test(arguments: [3, 9], 0..<3)
  func runTallyTreesEqualRunDetectingTrees(classes: Int, seed: Int) throws {
    var rng = SeededGenerator(seed: UInt64(900 + 10 * classes + seed))
    let n = 1500
    let x = Self.columns(rows: n, rng: &rng)
    let y = (0..<n).map { i in
      (Int(x[i, 1] + 3) + Int(x[i, 7]) / 16 + (x[i, 6] > 1e-6 ? 1 : 0) + (rng.uniform() < 0.3 ? 1 : 0)) % classes
    }
    let data = try TrainingData(x, labels: y, classCount: classes, weights: nil)
    for (criterion, scikitLearn) in [(SplitCriterion.gini, true), (.entropy, true), (.gini, false)] {
      for minLeaf in [1, 7] {
        let parameters = try TreeParameters(
          criterion: criterion, splitter: .best, maxDepth: nil, minSamplesSplit: 2, minSamplesLeaf: minLeaf,
          maxFeatures: .all, minImpurityDecrease: 0
        ).validated(featureCount: 9, classification: true)
        var fits: [FittedTree] = []
        for allowed in [true, false] {
          let builder = TreeBuilder(data: data, parameters: parameters, weights: nil)
          builder.allowsRunTallies = allowed
          if scikitLearn {
            builder.scikitLearn = ScikitLearnFeatureDraw(seed: UInt32(31_337 + seed), featureCount: 9)
          }
          var generator = SeededGenerator(seed: UInt64(5 + seed))
          fits.append(builder.build(using: &generator))
        }
        let label = "\(classes) classes, seed \(seed), \(criterion), scikit-learn \(scikitLearn), min leaf \(minLeaf)"
        #expect(fits[0].nodeCount > 100, "\(label)")
        let same = fits[0] == fits[1]  // (the trees themselves would flood the failure message)
        #expect(same, "\(label)")
        // The few-valued columns are split on, so the run scan is what chose those splits.
        let used = Set(fits[0].feature.filter { $0 >= 0 })
        #expect(used.isSuperset(of: [1, 6, 7]), "\(label): features used \(used.sorted())")
      }
    }
  }
}
