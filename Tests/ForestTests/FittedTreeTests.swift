import Forest
import Foundation
import Linalg
import Testing

/// The public fitted-tree view: routing, JSON round trip, the compact pre-order form, corrupt input.
@Suite struct FittedTreeTests {
  /// A fitted regression tree on 40 rows of 3 features.
  static func regressionTree() throws -> (DecisionTree<Double>, Matrix<Double>) {
    var generator = SeededGenerator(seed: 5)
    let x = Matrix<Double>(rows: 40, columns: 3, storage: (0..<120).map { _ in generator.uniform(0, 1) })
    let y = (0..<40).map { 3 * x[$0, 0] - x[$0, 2] * x[$0, 1] }
    var tree = DecisionTree<Double>(maxDepth: 4, seed: 1)
    try tree.fit(x, y)
    return (tree, x)
  }
}

extension FittedTreeTests {
  // MARK: - Routing

  @Test func leafValuesAreTheTreePredictions() throws {
    let (tree, x) = try Self.regressionTree()
    let fitted = try #require(tree.fittedTree)
    #expect(fitted.nodeCount == tree.nodeCount && fitted.outputCount == 1)
    let predicted = try tree.predict(x)
    for i in 0..<x.rows {
      let leaf = fitted.leaf(of: x.storage[(i * 3)..<(i * 3 + 3)])
      #expect(fitted.isLeaf(leaf))
      #expect(fitted.values[leaf] == predicted[i])
    }
  }

  // MARK: - Codable

  @Test func jsonRoundTripIsExact() throws {
    let fitted = try #require(try Self.regressionTree().0.fittedTree)
    let decoded = try JSONDecoder().decode(FittedTree.self, from: JSONEncoder().encode(fitted))
    #expect(decoded == fitted)
  }

  /// The compact pre-order form of earlier meta-model files decodes to the same routing.
  @Test func compactPreOrderFormDecodes() throws {
    let (tree, x) = try Self.regressionTree()
    let fitted = try #require(tree.fittedTree)
    // The builder lists nodes in pre-order, so the compact arrays follow the node order.
    let number = (0..<fitted.nodeCount).map { fitted.isLeaf($0) ? fitted.values[$0] : fitted.threshold[$0] }
    let json = try JSONSerialization.data(withJSONObject: ["feature": fitted.feature.map(Int.init), "number": number])
    let compact = try JSONDecoder().decode(FittedTree.self, from: json)
    #expect(compact.feature == fitted.feature && compact.left == fitted.left && compact.right == fitted.right)
    for i in 0..<x.rows {
      let row = x.storage[(i * 3)..<(i * 3 + 3)]
      #expect(compact.values[compact.leaf(of: row)] == fitted.values[fitted.leaf(of: row)])
    }
  }

  @Test func corruptTreesAreDecodingErrors() throws {
    let corrupt = [
      #"{"feature": [0, -1], "number": [0.5, 1]}"#,  // an internal node without a right subtree
      #"{"feature": [], "number": []}"#,
      #"{"outputCount": 1, "feature": [0, -1, -1], "threshold": [0.5, 0, 0], "left": [2, -1, -1], "right": [0, -1, -1], "impurity": [0, 0, 0], "weightedSamples": [1, 1, 1], "samples": [1, 1, 1], "values": [0, 1, 2]}"#,
      #"{"outputCount": 1, "feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "impurity": [0], "weightedSamples": [1], "samples": [1], "values": []}"#,
    ]
    for text in corrupt {
      #expect(throws: DecodingError.self, "\(text)") { try JSONDecoder().decode(FittedTree.self, from: Data(text.utf8)) }
    }
  }
}
