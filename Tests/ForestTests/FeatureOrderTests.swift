import Forest
import Linalg
import Testing

/// A tree fitted with a `FeatureOrder` of the whole matrix equals the tree fitted on a copy of
/// the training rows, node for node.
@Suite struct FeatureOrderTests {
  @Test(arguments: [false, true]) func filteredOrderGivesTheSameTree(floatValues: Bool) throws {
    var g = SeededGenerator(seed: 7)
    for trial in 0..<12 {
      let n = [5, 60, 400][trial % 3]
      let p = 1 + trial % 5
      let k = 2 + trial % 3
      // Mixed columns: continuous, few integer values (ties), constant, and values that are not
      // Floats (the comparison-sort path) unless `floatValues`.
      let x = Matrix<Double>(
        (0..<n).map { _ in
          (0..<p).map { j -> Double in
            switch j % 4 {
            case 0: return floatValues ? Double(Float(g.normal())) : g.normal()
            case 1: return Double(g.integer(below: 3))
            case 2: return 1.5
            default: return Double(g.integer(below: 50)) / 7
            }
          }
        })
      let y = (0..<n).map { _ in g.integer(below: k) }
      let order = FeatureOrder(x)
      for _ in 0..<4 {
        let rows = g.sample(1 + g.integer(below: n), from: n)
        for maxDepth in [nil, 1, 3] {
          var plain = DecisionTree<Int>(maxDepth: maxDepth)
          try plain.fit(x.rows(rows), rows.map { y[$0] }, classCount: k, scikitLearnSeed: 209_652_396)
          var filtered = DecisionTree<Int>(maxDepth: maxDepth)
          try filtered.fit(x, rows: rows, y, classCount: k, scikitLearnSeed: 209_652_396, order: order)
          #expect(filtered == plain, "trial \(trial), \(rows.count) rows, depth \(String(describing: maxDepth))")
        }
      }
      // Repeated rows fall back to sorting, with the same result.
      let twice = [0, 0] + Array(0..<n)
      var plain = DecisionTree<Int>()
      try plain.fit(x.rows(twice), twice.map { y[$0] }, classCount: k, scikitLearnSeed: 1)
      var filtered = DecisionTree<Int>()
      try filtered.fit(x, rows: twice, y, classCount: k, scikitLearnSeed: 1, order: order)
      #expect(filtered == plain)
    }
  }

  @Test func mismatchedInputsThrow() {
    let x = Matrix<Double>([[1], [2], [3]])
    var tree = DecisionTree<Int>()
    #expect(throws: ForestError.rowCountMismatch(what: "y", expected: 3, got: 2)) {
      try tree.fit(x, rows: [0, 1], [0, 1], classCount: 2, scikitLearnSeed: 1, order: FeatureOrder(x))
    }
    #expect(throws: ForestError.rowCountMismatch(what: "order", expected: 3, got: 2)) {
      try tree.fit(x, rows: [0, 1], [0, 1, 0], classCount: 2, scikitLearnSeed: 1, order: FeatureOrder(x.rows([0, 1])))
    }
    #expect(throws: ForestError.invalidParameter(name: "rows", value: "3", requirement: "every row in 0..<3")) {
      try tree.fit(x, rows: [0, 3], [0, 1, 0], classCount: 2, scikitLearnSeed: 1, order: FeatureOrder(x))
    }
    #expect(throws: ForestError.emptyData(rows: 0, columns: 1)) {
      try tree.fit(x, rows: [], [0, 1, 0], classCount: 2, scikitLearnSeed: 1, order: FeatureOrder(x))
    }
    // Errors name the row within `rows`, as fitting the copied rows does.
    let withNaN = Matrix<Double>([[1], [2], [.nan]])
    #expect(throws: ForestError.nonFiniteFeature(row: 1, column: 0)) {
      try tree.fit(withNaN, rows: [0, 2], [0, 1, 0], classCount: 2, scikitLearnSeed: 1, order: FeatureOrder(withNaN))
    }
  }
}
