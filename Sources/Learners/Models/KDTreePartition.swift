// The node split of scikit-learn's KDTree: `partition_node_indices` in
// sklearn/neighbors/_partition_nodes.pyx calls `std::nth_element` with an `IndexComparator`
// that orders points by their value in the split dimension, ties by point index. The comparator
// fixes which points go left and right, but the order of the points inside each half is whatever
// the standard library's introselect leaves behind, and that order decides which of two equally
// distant points a query meets first. scikit-learn's Linux wheels are built with GCC 14, so this
// is a line-by-line port of libstdc++'s `__introselect` (bits/stl_algo.h, bits/stl_heap.h).

/// Rearranges `indices` as `std::nth_element(indices, indices + nth, indices + count, comp)`
/// with scikit-learn's `IndexComparator` does in libstdc++.
///
/// - Parameters:
///   - indices: the point indices of one node (mutated in place).
///   - nth: the split position, `0 ≤ nth < indices.count`.
///   - data: the row-major training points.
///   - columns: the number of features per point.
///   - dimension: the split dimension.
func libstdcxxNthElement(
  _ indices: UnsafeMutableBufferPointer<Int>, nth: Int, data: UnsafeBufferPointer<Double>,
  columns: Int, dimension: Int
) {
  let count = indices.count
  if count == 0 || nth == count { return }
  let selector = IntroSelect(a: indices, data: data, columns: columns, dimension: dimension)
  selector.introselect(first: 0, nth: nth, last: count, depthLimit: 2 * floorLog2(count))
}

/// `std::__lg`: the index of the highest set bit of `n > 0`.
private func floorLog2(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

/// libstdc++'s introselect on an index buffer, positions as offsets into `a`.
private struct IntroSelect {
  let a: UnsafeMutableBufferPointer<Int>
  let data: UnsafeBufferPointer<Double>
  let columns: Int
  let dimension: Int

  /// scikit-learn's `IndexComparator`: by value in `dimension`, ties by point index.
  @inline(__always)
  func less(_ x: Int, _ y: Int) -> Bool {
    let u = data[x * columns + dimension]
    let v = data[y * columns + dimension]
    return u == v ? x < y : u < v
  }

  @inline(__always)
  func lessAt(_ i: Int, _ j: Int) -> Bool { less(a[i], a[j]) }

  @inline(__always)
  func swapAt(_ i: Int, _ j: Int) {
    let t = a[i]
    a[i] = a[j]
    a[j] = t
  }

  func introselect(first: Int, nth: Int, last: Int, depthLimit: Int) {
    var (first, last, depth) = (first, last, depthLimit)
    while last - first > 3 {
      if depth == 0 {
        heapSelect(first: first, middle: nth + 1, last: last)
        swapAt(first, nth)
        return
      }
      depth -= 1
      let cut = unguardedPartitionPivot(first: first, last: last)
      if cut <= nth { first = cut } else { last = cut }
    }
    insertionSort(first: first, last: last)
  }

  func moveMedianToFirst(_ result: Int, _ x: Int, _ y: Int, _ z: Int) {
    if lessAt(x, y) {
      if lessAt(y, z) {
        swapAt(result, y)
      } else if lessAt(x, z) {
        swapAt(result, z)
      } else {
        swapAt(result, x)
      }
    } else if lessAt(x, z) {
      swapAt(result, x)
    } else if lessAt(y, z) {
      swapAt(result, z)
    } else {
      swapAt(result, y)
    }
  }

  func unguardedPartition(first: Int, last: Int, pivot: Int) -> Int {
    var (first, last) = (first, last)
    while true {
      while lessAt(first, pivot) { first += 1 }
      last -= 1
      while lessAt(pivot, last) { last -= 1 }
      if !(first < last) { return first }
      swapAt(first, last)
      first += 1
    }
  }

  func unguardedPartitionPivot(first: Int, last: Int) -> Int {
    let mid = first + (last - first) / 2
    moveMedianToFirst(first, first + 1, mid, last - 1)
    return unguardedPartition(first: first + 1, last: last, pivot: first)
  }

  func insertionSort(first: Int, last: Int) {
    if first == last { return }
    var i = first + 1
    while i != last {
      let value = a[i]
      if less(value, a[first]) {
        var j = i
        while j > first {
          a[j] = a[j - 1]
          j -= 1
        }
        a[first] = value
      } else {
        // __unguarded_linear_insert
        var hole = i
        var next = i - 1
        while less(value, a[next]) {
          a[hole] = a[next]
          hole = next
          next -= 1
        }
        a[hole] = value
      }
      i += 1
    }
  }

  // MARK: heap selection (libstdc++ __heap_select / __make_heap / __adjust_heap)

  func heapSelect(first: Int, middle: Int, last: Int) {
    makeHeap(first: first, last: middle)
    var i = middle
    while i < last {
      if lessAt(i, first) {
        // __pop_heap(first, middle, i)
        let value = a[i]
        a[i] = a[first]
        adjustHeap(first: first, hole: 0, length: middle - first, value: value)
      }
      i += 1
    }
  }

  func makeHeap(first: Int, last: Int) {
    let length = last - first
    if length < 2 { return }
    var parent = (length - 2) / 2
    while true {
      let value = a[first + parent]
      adjustHeap(first: first, hole: parent, length: length, value: value)
      if parent == 0 { return }
      parent -= 1
    }
  }

  func adjustHeap(first: Int, hole: Int, length: Int, value: Int) {
    let top = hole
    var hole = hole
    var second = hole
    while second < (length - 1) / 2 {
      second = 2 * (second + 1)
      if lessAt(first + second, first + second - 1) { second -= 1 }
      a[first + hole] = a[first + second]
      hole = second
    }
    if length & 1 == 0 && second == (length - 2) / 2 {
      second = 2 * (second + 1)
      a[first + hole] = a[first + second - 1]
      hole = second - 1
    }
    // __push_heap(first, hole, top, value)
    var parent = (hole - 1) / 2
    while hole > top && less(a[first + parent], value) {
      a[first + hole] = a[first + parent]
      hole = parent
      parent = (hole - 1) / 2
    }
    a[first + hole] = value
  }
}
