import Linalg
import Testing

@testable import Forest

/// The split scan's division-free screen (and its two-class register scan) skips only
/// candidates that cannot beat the best, so trees equal those of the unscreened exact scan.
@Suite struct ScreenedScanTests {
  /// Fits one scikit-learn-mode Gini tree with screening on and off.
  static func bothWays(_ data: TrainingData, _ parameters: TreeParameters, seed: UInt32) throws -> (FittedTree, FittedTree) {
    let resolved = try parameters.validated(featureCount: data.featureCount, classification: true)
    var fits: [FittedTree] = []
    for allowed in [true, false] {
      let builder = TreeBuilder(data: data, parameters: resolved, weights: nil)
      builder.allowsScreening = allowed
      builder.scikitLearn = ScikitLearnFeatureDraw(seed: seed, featureCount: data.featureCount)
      var generator = SeededGenerator(seed: 5)
      fits.append(builder.build(using: &generator))
    }
    return (fits[0], fits[1])
  }

  /// Two, three and nine classes (the two-class register scan and the tally scan), labels noisy
  /// so trees grow deep; mixed columns (binary, small integers, large integers, `Float` normals,
  /// reals, a constant) and a mirrored copy of the real column, whose thresholds give exactly
  /// equal proxies; with and without a leaf minimum.
  @Test(arguments: [2, 3, 9], 0..<3)
  func screenedTreesEqualExactScanTrees(classes: Int, seed: Int) throws {
    var rng = SeededGenerator(seed: UInt64(700 + 10 * classes + seed))
    let n = 1500
    let mixed = PresortTests.mixedColumns(rows: n, rng: &rng)
    var x = Matrix<Double>(rows: n, columns: 7)
    for i in 0..<n {
      for j in 0..<6 { x[i, j] = mixed[i, j] }
      x[i, 6] = -mixed[i, 4]
    }
    let y = (0..<n).map { i in
      let base = classes > 3 ? Int(x[i, 1] + 3) : (x[i, 1] > 0 ? 1 : 0)
      return (base + (x[i, 4] > 0.1 ? 1 : 0) + (rng.uniform() < 0.3 ? 1 : 0)) % classes
    }
    let data = try TrainingData(x, labels: y, classCount: classes, weights: nil)
    for minLeaf in [1, 7] {
      let parameters = TreeParameters(
        criterion: .gini, splitter: .best, maxDepth: nil, minSamplesSplit: 2, minSamplesLeaf: minLeaf,
        maxFeatures: .all, minImpurityDecrease: 0)
      let (screened, exact) = try Self.bothWays(data, parameters, seed: UInt32(209_652_396 + seed))
      #expect(screened.nodeCount > 50)
      #expect(screened == exact, "\(classes) classes, seed \(seed), min leaf \(minLeaf)")
    }
  }
}
