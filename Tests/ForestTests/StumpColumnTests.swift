import Forest
import Linalg
import Testing

/// `StumpColumn.stump(trainingRows:)` predicts as `DecisionTree<Int>(maxDepth: 1)` fitted in
/// scikit-learn mode on the same rows of the one column, ties and degenerate columns included.
@Suite struct StumpColumnTests {
  /// Column shapes that stress the threshold scan.
  enum Shape: CaseIterable {
    case continuous, fewValues, constant, nearTies, twoValues, huge
  }

  static func column(_ shape: Shape, rows n: Int, generator g: inout SeededGenerator) -> [Double] {
    (0..<n).map { _ in
      switch shape {
      case .continuous: return Double(Float(g.normal()))
      case .fewValues: return Double(g.integer(below: 4))
      case .constant: return 2.5
      // Values within scikit-learn's 1e-7 tolerance of each other form one run.
      case .nearTies: return 1 + Double(g.integer(below: 3)) * 4e-8 + Double(g.integer(below: 2))
      case .twoValues: return g.integer(below: 5) == 0 ? -1 : 3
      case .huge: return Double(Float(g.uniform(-3e38, 3e38)))
      }
    }
  }

  /// The tree's predictions for every row (one-column matrix) after fitting on `train`.
  static func treePredictions(_ values: [Double], _ labels: [Int], _ k: Int, train: [Int], seed: UInt32) throws
    -> (predictions: [Int], threshold: Double?)
  {
    var tree = DecisionTree<Int>(maxDepth: 1)
    try tree.fit(Matrix(train.map { [values[$0]] }), train.map { labels[$0] }, classCount: k, scikitLearnSeed: seed)
    let root = tree.node(at: 0)
    return (try tree.predict(Matrix(values.map { [$0] })), root.feature == nil ? nil : root.threshold)
  }

  @Test(arguments: Shape.allCases) func stumpsEqualDepthOneTrees(shape: Shape) throws {
    var g = SeededGenerator(seed: 41)
    var checked = 0
    for trial in 0..<40 {
      let n = [1, 2, 3, 7, 40, 300][trial % 6]
      let k = 1 + trial % 4
      let values = Self.column(shape, rows: n, generator: &g)
      // Mostly class 0 in some trials (near-pure nodes), uniform in others.
      let labels = (0..<n).map { _ in trial % 3 == 0 && g.integer(below: 4) > 0 ? 0 : g.integer(below: k) }
      let column = try StumpColumn(values: values, labels: labels, classCount: k)
      for _ in 0..<5 {
        let size = 1 + g.integer(below: n)
        var train = g.sample(size, from: n)
        if trial % 5 == 0 { train.append(train[0]) }  // a row listed twice
        let stump = try column.stump(trainingRows: train)
        let (expected, threshold) = try Self.treePredictions(values, labels, k, train: train, seed: 209_652_396)
        #expect(values.map { stump.predict($0) } == expected, "shape \(shape), trial \(trial), train \(train)")
        if let threshold { #expect(stump.threshold == threshold) } else { #expect(stump.left == stump.right) }
        checked += 1
      }
    }
    #expect(checked == 200)
  }

  /// A column whose order comes from `FeatureOrder` (ties by row) gives the same stumps as one
  /// sorted on its own, on every shape.
  @Test(arguments: Shape.allCases) func orderFromFeatureOrderGivesTheSameStumps(shape: Shape) throws {
    var g = SeededGenerator(seed: 43)
    let n = 300
    let (first, second) = (Self.column(shape, rows: n, generator: &g), Self.column(shape, rows: n, generator: &g))
    let x = Matrix(rows: n, columns: 2, storage: zip(first, second).flatMap { [$0, $1] })
    let labels = (0..<n).map { _ in g.integer(below: 3) }
    let order = FeatureOrder(x)
    for column in 0..<2 {
      let reused = try StumpColumn(x, column: column, order: order, labels: labels, classCount: 3)
      let sorted = try StumpColumn(values: (0..<n).map { x[$0, column] }, labels: labels, classCount: 3)
      for _ in 0..<10 {
        let train = g.sample(1 + g.integer(below: n), from: n)
        #expect(try reused.stump(trainingRows: train) == sorted.stump(trainingRows: train), "shape \(shape), column \(column)")
      }
    }
    #expect(throws: ForestError.self) {
      try StumpColumn(x, column: 2, order: order, labels: labels, classCount: 3)
    }
    #expect(throws: ForestError.self) {
      try StumpColumn(Matrix(rows: 3, columns: 2), column: 0, order: order, labels: [0, 1, 0], classCount: 2)
    }
  }

  @Test func badInputThrowsAsTreesDo() {
    #expect(throws: ForestError.emptyData(rows: 0, columns: 1)) {
      try StumpColumn(values: [], labels: [], classCount: 2)
    }
    #expect(throws: ForestError.nonFiniteFeature(row: 1, column: 0)) {
      try StumpColumn(values: [0, .nan], labels: [0, 1], classCount: 2)
    }
    #expect(throws: ForestError.labelOutOfRange(row: 0, label: 2, classCount: 2)) {
      try StumpColumn(values: [0, 1], labels: [2, 1], classCount: 2)
    }
    #expect(throws: ForestError.rowCountMismatch(what: "y", expected: 2, got: 1)) {
      try StumpColumn(values: [0, 1], labels: [1], classCount: 2)
    }
    #expect(throws: ForestError.emptyData(rows: 0, columns: 1)) {
      try StumpColumn(values: [0, 1], labels: [0, 1], classCount: 2).stump(trainingRows: [])
    }
  }
}
