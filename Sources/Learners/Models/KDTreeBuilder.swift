/// Builds the node arrays of a ``KDTree`` as scikit-learn's `BinaryTree._recursive_build`
/// with the KD-tree `init_node`.
struct KDTreeBuilder {
  let data: [Double]
  let columns: Int
  let nodeCount: Int
  /// scikit-learn's `idx_array`, permuted in place while building.
  var order: [Int]
  var start: [Int]
  var end: [Int]
  var leaf: [Bool]
  var lower: [Double]
  var upper: [Double]

  init(data: [Double], columns: Int, nodeCount: Int, order: [Int]) {
    self.data = data
    self.columns = columns
    self.nodeCount = nodeCount
    self.order = order
    start = Array(repeating: 0, count: nodeCount)
    end = Array(repeating: 0, count: nodeCount)
    leaf = Array(repeating: false, count: nodeCount)
    lower = Array(repeating: 0, count: nodeCount * columns)
    upper = Array(repeating: 0, count: nodeCount * columns)
  }

  /// Fills node `node` with the points `order[start..<end]` and splits it recursively.
  mutating func build(node: Int, start first: Int, end last: Int) {
    let d = columns
    // init_node: per-feature min and max of the node's points.
    var lo = [Double](repeating: .infinity, count: d)
    var hi = [Double](repeating: -.infinity, count: d)
    data.withUnsafeBufferPointer { x in
      for i in first..<last {
        let row = order[i] * d
        for j in 0..<d {
          lo[j] = Swift.min(lo[j], x[row + j])
          hi[j] = Swift.max(hi[j], x[row + j])
        }
      }
    }
    for j in 0..<d {
      lower[node * d + j] = lo[j]
      upper[node * d + j] = hi[j]
    }
    start[node] = first
    end[node] = last

    if 2 * node + 1 >= nodeCount {
      leaf[node] = true
      return
    }
    if last - first < 2 {
      // scikit-learn warns "memory layout is flawed" and makes a leaf; the node count rule
      // keeps this from happening, but follow it all the same.
      leaf[node] = true
      return
    }
    leaf[node] = false
    // find_node_split_dim: the first feature of strictly largest spread (0 if all are 0).
    var splitDimension = 0
    var maxSpread = 0.0
    for j in 0..<d where hi[j] - lo[j] > maxSpread {
      maxSpread = hi[j] - lo[j]
      splitDimension = j
    }
    let count = last - first
    let mid = count / 2
    data.withUnsafeBufferPointer { x in
      order.withUnsafeMutableBufferPointer { o in
        let slice = UnsafeMutableBufferPointer(rebasing: o[first..<last])
        libstdcxxNthElement(slice, nth: mid, data: x, columns: d, dimension: splitDimension)
      }
    }
    build(node: 2 * node + 1, start: first, end: first + mid)
    build(node: 2 * node + 2, start: first + mid, end: last)
  }
}
