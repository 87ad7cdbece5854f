// The node split of scikit-learn's KDTree: `partition_node_indices` in
// sklearn/neighbors/_partition_nodes.pyx calls `std::nth_element` with an `IndexComparator`
// that orders points by their value in the split dimension, ties by point index. The comparator
// fixes which points go left and right, but the order of the points inside each half is whatever
// the standard library's introselect leaves behind, and that order decides which of two equally
// distant points a query meets first. scikit-learn's Linux wheels are built with GCC 14, so this
// is a line-by-line port of libstdc++'s `__introselect` (bits/stl_algo.h, bits/stl_heap.h).

/// A point's value in the split feature and its index: the two things scikit-learn's
/// `IndexComparator` compares.
struct SplitKey {
  var value: Double
  var index: Int
}

/// Rearranges `keys` as `std::nth_element(keys, keys + nth, keys + count, comp)` with
/// scikit-learn's `IndexComparator` (by value, ties by point index) does in libstdc++; the
/// comparisons, and so the permutation, are those of the index array scikit-learn sorts.
///
/// - Parameters:
///   - keys: the split-feature values and point indices of one node (mutated in place).
///   - nth: the split position, `0 ≤ nth < keys.count`.
func libstdcxxNthElement(_ keys: UnsafeMutableBufferPointer<SplitKey>, nth: Int) {
  let count = keys.count
  if count == 0 || nth == count { return }
  let selector = IntroSelect(a: keys.baseAddress!)
  selector.introselect(first: 0, nth: nth, last: count, depthLimit: 2 * floorLog2(count))
}

/// `std::__lg`: the index of the highest set bit of `n > 0`.
private func floorLog2(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

/// libstdc++'s introselect on a key buffer, positions as offsets into `a`.
private struct IntroSelect {
  let a: UnsafeMutablePointer<SplitKey>

  /// scikit-learn's `IndexComparator`: by value in the split feature, ties by point index.
  @inline(__always)
  func less(_ x: SplitKey, _ y: SplitKey) -> Bool {
    x.value == y.value ? x.index < y.index : x.value < y.value
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
    // The pivot sits before `first` and is never moved here, so its key can be read once.
    let p = a[pivot]
    while true {
      while less(a[first], p) { first += 1 }
      last -= 1
      while less(p, a[last]) { last -= 1 }
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

  func adjustHeap(first: Int, hole: Int, length: Int, value: SplitKey) {
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
