import Forest
import Foundation
import Linalg

/// pymfe's `model-based` group: the shape of one CART tree fitted on the numeric view N
/// (pymfe fits `DecisionTreeClassifier(random_state)` with scikit-learn's defaults: Gini, no
/// depth limit, leaves of ≥ 1 row). Here it is the Forest module's `DecisionTree` with the same
/// defaults, on N rounded to `Float` (scikit-learn casts to float32), fitted in its scikit-learn
/// mode (the splitter's feature draws for the same `random_state`, so ties between equally good
/// splits go the same way). Depths count from the root (depth 0); n rows, p columns of N.
///
/// | pymfe name | definition |
/// |---|---|
/// | `leaves` | number of leaves |
/// | `nodes` | number of internal (split) nodes |
/// | `nodes_per_attr` | nodes / p |
/// | `nodes_per_inst` | nodes / n |
/// | `leaves_branch` | depth of each leaf |
/// | `leaves_corrob` | training rows of each leaf / n |
/// | `tree_shape` | per leaf, −q log₂ q with q = 2^−depth |
/// | `leaves_homo` | per leaf, leaves / tree_shape |
/// | `leaves_per_class` | per class that labels a leaf, its leaves / leaves (pymfe drops the first count, which is the internal nodes' label 0, and so the first class when the tree is one leaf) |
/// | `nodes_per_level` | internal nodes at each depth that has any |
/// | `nodes_repeated` | internal nodes per attribute that splits at least once |
/// | `tree_depth` | depth of every node |
/// | `tree_imbalance` | per distinct q (count c), −a log₂ a with a = 2^−q·c |
/// | `var_importance` | Gini importance of each attribute, normalised to sum 1 (all 0 for a single leaf) |
///
enum ModelBasedGroup {
  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
    let x = v.numeric
    let xTree = Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { Double(Float($0)) })
    var tree = DecisionTree<Int>()
    do {
      try tree.fit(xTree, v.y, classCount: v.classCount, scikitLearnSeed: scikitLearnTreeSeed(seed))
    } catch {
      let reason = "decision tree could not be fitted: \(error)"
      for name in scalarNames { sink.scalar(name, .nan, reason: reason) }
      for name in vectorNames { sink.vector(name, [], reason: reason) }
      return
    }
    let count = tree.nodeCount
    let nodes = (0..<count).map { tree.node(at: $0) }
    var depth = [Int](repeating: 0, count: count)
    for (i, node) in nodes.enumerated() {
      if let l = node.left { depth[l] = depth[i] + 1 }
      if let r = node.right { depth[r] = depth[i] + 1 }
    }
    let leaves = nodes.indices.filter { nodes[$0].feature == nil }
    let splits = nodes.indices.filter { nodes[$0].feature != nil }
    let leafCount = Double(leaves.count)
    let nodeCount = Double(splits.count)
    sink.scalar("leaves", leafCount)
    sink.scalar("nodes", nodeCount)
    sink.scalar("nodes_per_attr", nodeCount / Double(x.columns))
    sink.scalar("nodes_per_inst", nodeCount / Double(x.rows))
    let leafDepths = leaves.map { Double(depth[$0]) }
    sink.vector("leaves_branch", leafDepths)
    let total = Double(nodes.first?.sampleCount ?? 0)
    sink.vector("leaves_corrob", leaves.map { Double(nodes[$0].sampleCount) / total })
    let shape = leafDepths.map { d -> Double in
      let q = pow(2.0, -d)
      return -q * log2(q)
    }
    sink.vector("tree_shape", shape)
    sink.vector("leaves_homo", shape.map { leafCount / $0 }, reason: "a root-only tree has shape 0 (division by zero)")
    // Leaf labels 1 + argmax(value), internal nodes 0; np.unique counts without the first.
    var labelCounts = [Int: Int]()
    for node in nodes {
      let label = node.feature == nil ? 1 + argmax(node.value) : 0
      labelCounts[label, default: 0] += 1
    }
    let perClass = labelCounts.keys.sorted().dropFirst().map { Double(labelCounts[$0] ?? 0) / leafCount }
    sink.vector("leaves_per_class", Array(perClass), reason: "a single-leaf tree (pymfe drops its only class)")
    sink.vector("nodes_per_level", groupCounts(splits.map { depth[$0] }), reason: "a single-leaf tree has no internal nodes")
    sink.vector(
      "nodes_repeated", groupCounts(splits.compactMap { nodes[$0].feature }),
      reason: "a single-leaf tree has no internal nodes")
    sink.vector("tree_depth", depth.map(Double.init))
    var arrival = [Double: Int]()
    for d in leafDepths { arrival[pow(2.0, -d), default: 0] += 1 }
    let imbalance = arrival.keys.sorted().map { q -> Double in
      let a = pow(2.0, -q * Double(arrival[q] ?? 0))
      return -a * log2(a)
    }
    sink.vector("tree_imbalance", imbalance)
    sink.vector("var_importance", tree.featureImportances)
  }

  /// The seed of scikit-learn's splitter for `random_state = seed`:
  /// `np.random.RandomState(seed).randint(0, 2**31 - 1)`.
  static func scikitLearnTreeSeed(_ seed: Int) -> UInt32 {
    var numpy = LegacyNumpyRandom(seed: UInt32(truncatingIfNeeded: seed))
    return UInt32(numpy.interval(2_147_483_646))
  }

  static let scalarNames = ["leaves", "nodes", "nodes_per_attr", "nodes_per_inst"]
  static let vectorNames = [
    "leaves_branch", "leaves_corrob", "tree_shape", "leaves_homo", "leaves_per_class", "nodes_per_level",
    "nodes_repeated", "tree_depth", "tree_imbalance", "var_importance",
  ]

  /// Counts per distinct value, in ascending value order (`np.unique(return_counts=True)[1]`).
  static func groupCounts(_ values: [Int]) -> [Double] {
    var counts = [Int: Int]()
    for v in values { counts[v, default: 0] += 1 }
    return counts.keys.sorted().map { Double(counts[$0] ?? 0) }
  }

  static func argmax(_ values: [Double]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
  }
}
