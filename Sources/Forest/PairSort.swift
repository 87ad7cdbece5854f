/// Sorts `keys[0..<count]` ascending and applies the same permutation to `values`.
///
/// Introsort as scikit-learn's tree splitter uses it (median-of-three pivot, three-way
/// partition so runs of equal keys cost O(n), heapsort past depth 2⌊log₂ n⌋), with insertion sort
/// below 16 elements. In place: no allocation.
/// - Complexity: O(n log n) worst case.
func sortPairs(_ keys: UnsafeMutablePointer<Double>, _ values: UnsafeMutablePointer<Int32>, count: Int) {
  guard count > 1 else { return }
  var depthLimit = 0
  var n = count
  while n > 1 {
    depthLimit += 2
    n >>= 1
  }
  introsort(keys, values, count, depthLimit)
}

@inline(__always)
private func swapPair(_ k: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Int32>, _ i: Int, _ j: Int) {
  let kt = k[i]
  k[i] = k[j]
  k[j] = kt
  let vt = v[i]
  v[i] = v[j]
  v[j] = vt
}

private func introsort(_ keys: UnsafeMutablePointer<Double>, _ values: UnsafeMutablePointer<Int32>, _ count: Int, _ depth: Int) {
  var k = keys
  var v = values
  var n = count
  var depth = depth
  while n > 16 {
    if depth <= 0 {
      heapsort(k, v, n)
      return
    }
    depth -= 1
    let pivot = median3(k, n)
    // Three-way partition: [0, l) < pivot, [l, r) == pivot, [r, n) > pivot.
    var i = 0
    var l = 0
    var r = n
    while i < r {
      if k[i] < pivot {
        swapPair(k, v, i, l)
        i += 1
        l += 1
      } else if k[i] > pivot {
        r -= 1
        swapPair(k, v, i, r)
      } else {
        i += 1
      }
    }
    introsort(k, v, l, depth)
    k += r
    v += r
    n -= r
  }
  insertionSort(k, v, n)
}

@inline(__always)
private func median3(_ k: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
  let a = k[0]
  let b = k[n / 2]
  let c = k[n - 1]
  if a < b {
    if b < c { return b }
    return a < c ? c : a
  }
  if b < c { return a < c ? a : c }
  return b
}

private func insertionSort(_ k: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Int32>, _ n: Int) {
  guard n > 1 else { return }
  for i in 1..<n {
    let key = k[i]
    let value = v[i]
    var j = i - 1
    while j >= 0 && k[j] > key {
      k[j + 1] = k[j]
      v[j + 1] = v[j]
      j -= 1
    }
    k[j + 1] = key
    v[j + 1] = value
  }
}

private func heapsort(_ k: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Int32>, _ n: Int) {
  func siftDown(_ start: Int, _ end: Int) {
    var root = start
    while true {
      var child = root * 2 + 1
      if child >= end { return }
      if child + 1 < end && k[child] < k[child + 1] { child += 1 }
      if k[root] >= k[child] { return }
      swapPair(k, v, root, child)
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
    swapPair(k, v, 0, end)
    siftDown(0, end)
    end -= 1
  }
}
