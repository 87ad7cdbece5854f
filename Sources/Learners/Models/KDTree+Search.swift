// The depth-first single-tree query of scikit-learn's BinaryTree
// (`_query_single_depthfirst`), with an explicit stack in place of recursion: a node's bound is
// checked when it is popped, which is when the recursion would enter it.

/// The pending nodes of one depth-first search and their squared box distances.
struct SearchStack {
  var nodes: [Int]
  var bounds: [Double]

  /// A stack for a tree of `capacity` nodes (it never holds more than the tree depth + 1).
  init(capacity: Int) {
    let depth = Int.bitWidth - (capacity + 1).leadingZeroBitCount + 1
    nodes = Array(repeating: 0, count: depth)
    bounds = Array(repeating: 0, count: depth)
  }
}

extension KDTree {
  /// `min_rdist`: the squared distance from `point` to node `node`'s bounding box.
  @inline(__always)
  func boxDistance(
    _ node: Int, _ point: UnsafePointer<Double>, _ lo: UnsafePointer<Double>,
    _ hi: UnsafePointer<Double>
  ) -> Double {
    let base = node * dimension
    var rdist = 0.0
    for j in 0..<dimension {
      let dLo = lo[base + j] - point[j]
      let dHi = point[j] - hi[base + j]
      let d = (dLo + abs(dLo)) + (dHi + abs(dHi))
      let half = 0.5 * d
      rdist += half * half
    }
    return rdist
  }

  /// The nearest point (`k = 1`): its input row and squared distance.
  func nearestOne(_ point: UnsafePointer<Double>, _ stack: inout SearchStack) -> (
    index: Int, reduced: Double
  ) {
    var best = Double.infinity
    var bestIndex = 0
    let d = dimension
    lower.withUnsafeBufferPointer { lb in
      upper.withUnsafeBufferPointer { ub in
        sortedPoints.withUnsafeBufferPointer { xs in
          let (lo, hi, x) = (lb.baseAddress!, ub.baseAddress!, xs.baseAddress!)
          stack.nodes.withUnsafeMutableBufferPointer { nodes in
            stack.bounds.withUnsafeMutableBufferPointer { bounds in
              var top = 1
              nodes[0] = 0
              bounds[0] = boxDistance(0, point, lo, hi)
              while top > 0 {
                top -= 1
                let node = nodes[top]
                // scikit-learn skips a node only when its bound exceeds the best distance; a
                // node whose bound equals it cannot hold a strictly nearer point either, so
                // skipping it too changes nothing and saves the visits tied data cause.
                if bounds[top] >= best { continue }
                if isLeaf[node] {
                  for r in nodeStart[node]..<nodeEnd[node] {
                    let row = x + r * d
                    var s = 0.0
                    for j in 0..<d {
                      let t = point[j] - row[j]
                      s += t * t
                    }
                    if s < best {
                      best = s
                      bestIndex = r
                    }
                  }
                } else {
                  let (left, right) = (2 * node + 1, 2 * node + 2)
                  let dl = boxDistance(left, point, lo, hi)
                  let dr = boxDistance(right, point, lo, hi)
                  // Push the child to visit second first.
                  if dl <= dr {
                    (nodes[top], bounds[top]) = (right, dr)
                    (nodes[top + 1], bounds[top + 1]) = (left, dl)
                  } else {
                    (nodes[top], bounds[top]) = (left, dl)
                    (nodes[top + 1], bounds[top + 1]) = (right, dr)
                  }
                  top += 2
                }
              }
            }
          }
        }
      }
    }
    return (indexOrder[bestIndex], best)
  }

  /// The k nearest points, kept in scikit-learn's neighbour heap.
  func search(_ point: UnsafePointer<Double>, _ stack: inout SearchStack, _ heap: inout NeighborsHeap)
  {
    let d = dimension
    lower.withUnsafeBufferPointer { lb in
      upper.withUnsafeBufferPointer { ub in
        sortedPoints.withUnsafeBufferPointer { xs in
          let (lo, hi, x) = (lb.baseAddress!, ub.baseAddress!, xs.baseAddress!)
          var top = 1
          stack.nodes[0] = 0
          stack.bounds[0] = boxDistance(0, point, lo, hi)
          while top > 0 {
            top -= 1
            let node = stack.nodes[top]
            if stack.bounds[top] >= heap.largest { continue }  // as in nearestOne
            if isLeaf[node] {
              for r in nodeStart[node]..<nodeEnd[node] {
                let row = x + r * d
                var s = 0.0
                for j in 0..<d {
                  let t = point[j] - row[j]
                  s += t * t
                }
                heap.push(s, indexOrder[r])
              }
            } else {
              let (left, right) = (2 * node + 1, 2 * node + 2)
              let dl = boxDistance(left, point, lo, hi)
              let dr = boxDistance(right, point, lo, hi)
              if dl <= dr {
                (stack.nodes[top], stack.bounds[top]) = (right, dr)
                (stack.nodes[top + 1], stack.bounds[top + 1]) = (left, dl)
              } else {
                (stack.nodes[top], stack.bounds[top]) = (left, dl)
                (stack.nodes[top + 1], stack.bounds[top + 1]) = (right, dr)
              }
              top += 2
            }
          }
        }
      }
    }
  }
}
