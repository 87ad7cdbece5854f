import Forest
import Linalg
import Testing

/// `DecisionTree.fit(_:_:classCount:scikitLearnSeed:)` picks, among exactly tied splits, the
/// feature scikit-learn's `DecisionTreeClassifier(random_state=r)` picks.
@Suite struct ScikitLearnModeTests {
  /// Three identical columns (every split ties three ways) and a constant one. Expected
  /// `tree_.feature` (−2 = leaf) and the seed `RandomState(r).randint(0, 2**31 - 1)` from
  /// scikit-learn 1.9.1 / numpy 2.4 for r = 0…5.
  static let cases: [(seed: UInt32, features: [Int])] = [
    (209_652_396, [1, -2, 1, 2, -2, -2, -2]),
    (1_791_095_845, [0, -2, 0, 2, -2, -2, -2]),
    (1_872_583_848, [0, -2, 2, 0, -2, -2, -2]),
    (218_175_338, [0, -2, 0, 2, -2, -2, -2]),
    (2_005_877_882, [2, -2, 0, 2, -2, -2, -2]),
    (953_453_411, [2, -2, 0, 1, -2, -2, -2]),
  ]

  @Test(arguments: 0..<6) func tiedFeaturesFollowScikitLearn(randomState: Int) throws {
    let x = Matrix<Double>((1...6).map { v in [Double(v), Double(v), Double(v), 5] })
    let y = [0, 0, 1, 0, 1, 1]
    var tree = DecisionTree<Int>()
    try tree.fit(x, y, classCount: 2, scikitLearnSeed: Self.cases[randomState].seed)
    let features = (0..<tree.nodeCount).map { tree.node(at: $0).feature ?? -2 }
    #expect(features == Self.cases[randomState].features)
    let thresholds = (0..<tree.nodeCount).compactMap { i in tree.node(at: i).feature.map { _ in tree.node(at: i).threshold } }
    #expect(thresholds == [2.5, 4.5, 3.5])
  }
}
