/// A feature value, the row it came from and that row's class label (0 for regression), sorted
/// together by the best splitter (16 bytes, the label filling what would be padding).
struct SortPair {
  var value: Double
  var sample: Int32
  var label: Int32 = 0
}

/// Sorts `pairs[0..<count]` by `value`, ascending, in place and without allocating.
///
/// Introsort: Hoare partition around a median-of-three pivot (robust to runs of equal values, which
/// split evenly), recursion into the smaller side, heapsort past depth 2⌊log₂ n⌋, insertion sort
/// below 16 elements. Packing value and row into one 16-byte element keeps each swap in one cache
/// line (scikit-learn swaps two parallel arrays).
/// - Complexity: O(n log n) worst case.
func sortPairs(_ pairs: UnsafeMutablePointer<SortPair>, count: Int) {
  guard count > 1 else { return }
  var depthLimit = 0
  var n = count
  while n > 1 {
    depthLimit += 2
    n >>= 1
  }
  introsort(pairs, count, depthLimit)
}

private func introsort(_ pairs: UnsafeMutablePointer<SortPair>, _ count: Int, _ depthLimit: Int) {
  var a = pairs
  var n = count
  var depth = depthLimit
  while n > 16 {
    if depth <= 0 {
      heapsort(a, n)
      return
    }
    depth -= 1
    let pivot = median3(a[0].value, a[n / 2].value, a[n - 1].value)
    // Hoare partition: afterwards [0, j] ≤ pivot ≤ [j + 1, n), and 0 ≤ j ≤ n − 2 because the
    // pivot is the median of three present values.
    var i = -1
    var j = n
    while true {
      repeat { i += 1 } while a[i].value < pivot
      repeat { j -= 1 } while a[j].value > pivot
      if i >= j { break }
      let t = a[i]
      a[i] = a[j]
      a[j] = t
    }
    let leftCount = j + 1
    if leftCount < n - leftCount {
      introsort(a, leftCount, depth)
      a += leftCount
      n -= leftCount
    } else {
      introsort(a + leftCount, n - leftCount, depth)
      n = leftCount
    }
  }
  insertionSort(a, n)
}

@inline(__always)
private func median3(_ a: Double, _ b: Double, _ c: Double) -> Double {
  if a < b {
    if b < c { return b }
    return a < c ? c : a
  }
  if b < c { return a < c ? a : c }
  return b
}

private func insertionSort(_ a: UnsafeMutablePointer<SortPair>, _ n: Int) {
  guard n > 1 else { return }
  for i in 1..<n {
    let item = a[i]
    var j = i - 1
    while j >= 0 && a[j].value > item.value {
      a[j + 1] = a[j]
      j -= 1
    }
    a[j + 1] = item
  }
}

private func heapsort(_ a: UnsafeMutablePointer<SortPair>, _ n: Int) {
  func siftDown(_ start: Int, _ end: Int) {
    var root = start
    while true {
      var child = root * 2 + 1
      if child >= end { return }
      if child + 1 < end && a[child].value < a[child + 1].value { child += 1 }
      if a[root].value >= a[child].value { return }
      let t = a[root]
      a[root] = a[child]
      a[child] = t
      root = child
    }
  }
  var start = (n - 2) / 2
  while start >= 0 {
    siftDown(start, n)
    start -= 1
  }
  var end = n - 1
  while end > 0 {
    let t = a[0]
    a[0] = a[end]
    a[end] = t
    siftDown(0, end)
    end -= 1
  }
}
