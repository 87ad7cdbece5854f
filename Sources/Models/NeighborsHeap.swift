// scikit-learn's bookkeeping for k-neighbour queries: the fixed-size max-heap of
// sklearn/utils/_heap.pyx (`heap_push`) and the final sort of sklearn/utils/_sorting.pyx
// (`simultaneous_sort`, 2-way introsort), ported so that ties come out in scikit-learn's order.

/// The k best (reduced distance, index) pairs of one query, a max-heap on the distance as
/// scikit-learn's `NeighborsHeap` row: slot 0 holds the largest distance kept.
struct NeighborsHeap {
  /// Reduced distances, `+∞` for empty slots.
  var values: [Double]
  /// Point identifiers (the k-d tree stores tree positions; 0 for empty slots, as scikit-learn
  /// initialises them).
  var indices: [Int]

  /// An empty heap of `k` slots.
  init(k: Int) {
    values = Array(repeating: .infinity, count: k)
    indices = Array(repeating: 0, count: k)
  }

  /// The largest kept distance, the pruning bound.
  var largest: Double { values[0] }

  /// `heap_push`: keeps `(value, index)` unless `value ≥ largest`, so the first of equal
  /// distances stays.
  mutating func push(_ value: Double, _ index: Int) {
    let size = values.count
    if value >= values[0] { return }
    values[0] = value
    indices[0] = index
    var current = 0
    while true {
      let left = 2 * current + 1
      let right = left + 1
      var swap: Int
      if left >= size {
        break
      } else if right >= size {
        if values[left] > value { swap = left } else { break }
      } else if values[left] >= values[right] {
        if value < values[left] { swap = left } else { break }
      } else {
        if value < values[right] { swap = right } else { break }
      }
      values[current] = values[swap]
      indices[current] = indices[swap]
      current = swap
    }
    values[current] = value
    indices[current] = index
  }

  /// `simultaneous_sort` (2-way introsort): nearest first, equal distances in the order
  /// scikit-learn's sort leaves them.
  mutating func sort() {
    let n = values.count
    if n == 0 { return }
    let depth = 2 * log2Floor(n)
    values.withUnsafeMutableBufferPointer { v in
      indices.withUnsafeMutableBufferPointer { i in
        introsort(v.baseAddress!, i.baseAddress!, n, depth)
      }
    }
  }
}

/// `<intp_t>log2(n)` for n ≥ 1: the floor of the binary logarithm.
private func log2Floor(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

@inline(__always)
private func swapPair(
  _ v: UnsafeMutablePointer<Double>, _ ix: UnsafeMutablePointer<Int>, _ i: Int, _ j: Int
) {
  (v[i], v[j]) = (v[j], v[i])
  (ix[i], ix[j]) = (ix[j], ix[i])
}

/// `introsort_2way` of sklearn/utils/_sorting.pyx.
private func introsort(
  _ values: UnsafeMutablePointer<Double>, _ indices: UnsafeMutablePointer<Int>, _ count: Int,
  _ maxDepth: Int
) {
  var (v, ix, n, maxd) = (values, indices, count, maxDepth)
  while n > 15 {
    if maxd <= 0 {
      heapsort(v, ix, n)
      return
    }
    maxd -= 1
    // inplace_median3
    let mid = n / 2
    if v[0] > v[n - 1] { swapPair(v, ix, 0, n - 1) }
    if v[n - 1] > v[mid] {
      swapPair(v, ix, n - 1, mid)
      if v[0] > v[n - 1] { swapPair(v, ix, 0, n - 1) }
    }
    let pivot = v[n - 1]
    var i = 1
    var j = n - 2
    while true {
      while i <= j && v[i] < pivot { i += 1 }
      while i <= j && v[j] > pivot { j -= 1 }
      if i >= j { break }
      swapPair(v, ix, i, j)
      i += 1
      j -= 1
    }
    let pivotIndex = i
    swapPair(v, ix, pivotIndex, n - 1)
    introsort(v, ix, pivotIndex, maxd)
    v += pivotIndex + 1
    ix += pivotIndex + 1
    n -= pivotIndex + 1
  }
  // insertion_sort
  if n < 2 { return }
  for i in 1..<n {
    let (value, index) = (v[i], ix[i])
    var j = i
    while j > 0 && v[j - 1] > value {
      v[j] = v[j - 1]
      ix[j] = ix[j - 1]
      j -= 1
    }
    v[j] = value
    ix[j] = index
  }
}

/// `heapsort` of sklearn/utils/_sorting.pyx.
private func heapsort(_ v: UnsafeMutablePointer<Double>, _ ix: UnsafeMutablePointer<Int>, _ n: Int) {
  var start = (n - 2) / 2
  while true {
    siftDown(v, ix, start, n)
    if start == 0 { break }
    start -= 1
  }
  var end = n - 1
  while end > 0 {
    swapPair(v, ix, 0, end)
    siftDown(v, ix, 0, end)
    end -= 1
  }
}

private func siftDown(
  _ v: UnsafeMutablePointer<Double>, _ ix: UnsafeMutablePointer<Int>, _ start: Int, _ end: Int
) {
  var root = start
  while true {
    let child = root * 2 + 1
    var maxIndex = root
    if child < end && v[maxIndex] < v[child] { maxIndex = child }
    if child + 1 < end && v[maxIndex] < v[child + 1] { maxIndex = child + 1 }
    if maxIndex == root { break }
    swapPair(v, ix, root, maxIndex)
    root = maxIndex
  }
}
