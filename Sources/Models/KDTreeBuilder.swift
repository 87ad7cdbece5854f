/// Builds the node arrays of a ``KDTree`` as scikit-learn's `BinaryTree._recursive_build`
/// with the KD-tree `init_node`, on raw buffers the caller owns (no allocation per node).
struct KDTreeBuilder {
  /// The row-major input points, `n × columns`.
  let data: UnsafePointer<Double>
  let columns: Int
  let nodeCount: Int
  /// scikit-learn's `idx_array` (`n` entries, `0..<n` on entry), permuted in place.
  let order: UnsafeMutablePointer<Int>
  /// Scratch for the node split: the points' split-feature values with their indices.
  let keys: UnsafeMutablePointer<SplitKey>
  let start: UnsafeMutablePointer<Int>
  let end: UnsafeMutablePointer<Int>
  let leaf: UnsafeMutablePointer<Bool>
  /// Per node `2 × columns` values: feature j's lower bound at `2j`, its upper bound at `2j + 1`.
  let bounds: UnsafeMutablePointer<Double>
  /// Scratch for one node's bounds: the `columns` lower bounds, then the `columns` upper ones.
  let lowHigh: UnsafeMutablePointer<Double>

  /// Fills node `node` with the points `order[start..<end]` and splits it recursively.
  func build(node: Int, start first: Int, end last: Int) {
    let d = columns
    // init_node: per-feature min and max of the node's points, as branch-free selects (the
    // comparisons Swift.min and Swift.max make, so equal values of either sign resolve as
    // they always have). Row by row, each row's features read together (four at a time),
    // so no feature's running bound waits on the one before: the same comparisons, in the
    // same row order, as one feature at a time.
    let (lo, hi) = (lowHigh, lowHigh + d)
    lo.update(repeating: .infinity, count: d)
    hi.update(repeating: -.infinity, count: d)
    let wide = d & ~3
    for i in first..<last {
      let row = data + order[i] * d
      var j = 0
      while j < wide {
        let v = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD4<Double>.self)
        var l = UnsafeRawPointer(lo + j).loadUnaligned(as: SIMD4<Double>.self)
        var h = UnsafeRawPointer(hi + j).loadUnaligned(as: SIMD4<Double>.self)
        l.replace(with: v, where: v .< l)
        h.replace(with: v, where: v .>= h)
        UnsafeMutableRawPointer(lo + j).storeBytes(of: l, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(hi + j).storeBytes(of: h, as: SIMD4<Double>.self)
        j += 4
      }
      while j < d {
        let v = row[j]
        lo[j] = v < lo[j] ? v : lo[j]
        hi[j] = v >= hi[j] ? v : hi[j]
        j += 1
      }
    }
    let box = bounds + node * 2 * d
    for j in 0..<d {
      box[2 * j] = lo[j]
      box[2 * j + 1] = hi[j]
    }
    start[node] = first
    end[node] = last

    // A leaf by the node count rule; scikit-learn also makes one (with a "memory layout is
    // flawed" warning) for fewer than 2 points, which the rule keeps from happening.
    if 2 * node + 1 >= nodeCount || last - first < 2 {
      leaf[node] = true
      return
    }
    leaf[node] = false
    // find_node_split_dim: the first feature of strictly largest spread (0 if all are 0).
    var splitDimension = 0
    var maxSpread = 0.0
    for j in 0..<d where box[2 * j + 1] - box[2 * j] > maxSpread {
      maxSpread = box[2 * j + 1] - box[2 * j]
      splitDimension = j
    }
    // nth_element compares points by (value, index) only, so running it on packed keys
    // moves them exactly as it would move the indices, without reading rows at random.
    let count = last - first
    let mid = count / 2
    let slice = keys + first
    for i in 0..<count {
      let index = order[first + i]
      slice[i] = SplitKey(value: data[index * d + splitDimension], index: index)
    }
    libstdcxxNthElement(UnsafeMutableBufferPointer(start: slice, count: count), nth: mid)
    for i in 0..<count { order[first + i] = slice[i].index }
    build(node: 2 * node + 1, start: first, end: first + mid)
    build(node: 2 * node + 2, start: first + mid, end: last)
  }
}
