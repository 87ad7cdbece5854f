/// Sorting of 64-bit keys whose high 32 bits order them and whose low 32 bits carry a row index,
/// used to presort features whose values are all exactly representable as `Float`.

/// The order-preserving 32-bit image of a `Float`: `a < b` ⇔ `sortableBits(a) < sortableBits(b)`
/// for non-NaN values (−0 sorts just below +0).
@inline(__always)
func sortableBits(_ value: Float) -> UInt32 {
  let bits = value.bitPattern
  return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
}

/// Sorts `keys[0..<count]` ascending by their high 32 bits, keeping the input order among equal
/// high halves (so the low halves of equal keys stay as given).
///
/// Least-significant-digit radix sort on the four high bytes; a byte shared by all keys (common
/// for one-hot or small-integer features) costs no pass. Below 64 keys, insertion sort.
/// - Parameters:
///   - scratch: room for `count` keys.
///   - histogram: room for 1024 counts.
/// - Complexity: O(count) time (at most 5 passes), no allocation.
func sortByHighHalf(
  _ keys: UnsafeMutablePointer<UInt64>, count: Int, scratch: UnsafeMutablePointer<UInt64>,
  histogram: UnsafeMutablePointer<Int>
) {
  if count < 64 {
    insertionSortByHighHalf(keys, count)
    return
  }
  histogram.update(repeating: 0, count: 1024)
  for i in 0..<count {
    let k = keys[i]
    histogram[Int(truncatingIfNeeded: (k >> 32) & 0xFF)] += 1
    histogram[256 + Int(truncatingIfNeeded: (k >> 40) & 0xFF)] += 1
    histogram[512 + Int(truncatingIfNeeded: (k >> 48) & 0xFF)] += 1
    histogram[768 + Int(truncatingIfNeeded: k >> 56)] += 1
  }
  var source = keys
  var target = scratch
  for digit in 0..<4 {
    let shift = UInt64(32 + 8 * digit)
    let counts = histogram + 256 * digit
    if counts[Int(truncatingIfNeeded: (keys[0] >> shift) & 0xFF)] == count { continue }
    var offset = 0
    for b in 0..<256 {
      let c = counts[b]
      counts[b] = offset
      offset += c
    }
    for i in 0..<count {
      let k = source[i]
      let b = Int(truncatingIfNeeded: (k >> shift) & 0xFF)
      target[counts[b]] = k
      counts[b] += 1
    }
    swap(&source, &target)
  }
  if source != keys { keys.update(from: source, count: count) }
}

private func insertionSortByHighHalf(_ a: UnsafeMutablePointer<UInt64>, _ n: Int) {
  guard n > 1 else { return }
  for i in 1..<n {
    let item = a[i]
    let key = item >> 32
    var j = i - 1
    while j >= 0 && a[j] >> 32 > key {
      a[j + 1] = a[j]
      j -= 1
    }
    a[j + 1] = item
  }
}
