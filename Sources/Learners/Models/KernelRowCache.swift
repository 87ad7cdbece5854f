import Linalg

/// Rows of the kernel matrix `K[i, ·] = K(xᵢ, ·)` of one binary SVM subproblem, kept in a
/// least-recently-used cache of bounded size, as libsvm's `Cache` (Chang & Lin 2011, §5.1).
///
/// A row that is not cached is computed with the rows asked for alongside it in one BLAS
/// `gemm` against all `l` points; when the whole `l × l` matrix fits in the budget it is
/// computed up front in blocks of rows. Eviction drops the slot with the oldest use stamp.
/// Owned by one solver on one task; not shared, so a class without locking.
final class KernelRowCache {
  private let kernel: ResolvedKernel
  private let points: Matrix<Double>
  private let norms: [Double]
  private let l: Int
  private let capacity: Int
  private var slots: [Double]
  private var slotOfRow: [Int]
  private var rowOfSlot: [Int]
  private var lastUse: [UInt64]
  private var clock: UInt64 = 0
  /// Rows computed so far (misses), for diagnostics.
  private(set) var rowsComputed = 0

  /// A cache over the kernel of `points` holding at most `budgetBytes` of rows (at least 2).
  init(kernel: ResolvedKernel, points: Matrix<Double>, norms: [Double], budgetBytes: Int) throws(ModelError) {
    self.kernel = kernel
    self.points = points
    self.norms = norms
    l = points.rows
    capacity = max(2, min(l, budgetBytes / max(1, l * MemoryLayout<Double>.stride)))
    slots = [Double](repeating: 0, count: capacity * l)
    slotOfRow = [Int](repeating: -1, count: l)
    rowOfSlot = [Int](repeating: -1, count: capacity)
    lastUse = [UInt64](repeating: 0, count: capacity)
    if capacity == l { try prefill() }
  }

  /// Computes every row in blocks of up to 256 rows when the whole matrix fits.
  private func prefill() throws(ModelError) {
    var start = 0
    while start < l {
      let end = min(l, start + 256)
      let rows = Array(start..<end)
      let block = try kernel.block(points.rows(rows), rows.map { norms[$0] }, points, norms)
      for (offset, row) in rows.enumerated() {
        slots.replaceSubrange(row * l..<(row + 1) * l, with: block.storage[offset * l..<(offset + 1) * l])
        slotOfRow[row] = row
        rowOfSlot[row] = row
      }
      start = end
    }
    rowsComputed = l
  }

  /// Makes rows `i` and `j` resident (computing the missing ones in one `gemm`) and returns
  /// their slot offsets into the storage passed to `body`.
  func withRows<R>(
    _ i: Int, _ j: Int, _ body: (UnsafeBufferPointer<Double>, Int, Int) -> R
  ) throws(ModelError) -> R {
    let missing = (i == j ? [i] : [i, j]).filter { slotOfRow[$0] < 0 }
    if !missing.isEmpty {
      let block = try kernel.block(points.rows(missing), missing.map { norms[$0] }, points, norms)
      for (offset, row) in missing.enumerated() {
        let slot = victimSlot(keeping: i == row ? j : i)
        if rowOfSlot[slot] >= 0 { slotOfRow[rowOfSlot[slot]] = -1 }
        slots.replaceSubrange(slot * l..<(slot + 1) * l, with: block.storage[offset * l..<(offset + 1) * l])
        rowOfSlot[slot] = row
        slotOfRow[row] = slot
        rowsComputed += 1
      }
    }
    clock += 1
    lastUse[slotOfRow[i]] = clock
    lastUse[slotOfRow[j]] = clock
    let (si, sj) = (slotOfRow[i] * l, slotOfRow[j] * l)
    return slots.withUnsafeBufferPointer { body($0, si, sj) }
  }

  /// The least recently used slot, never the one holding `row` (the other row in use).
  private func victimSlot(keeping row: Int) -> Int {
    var best = -1
    var bestStamp = UInt64.max
    for s in 0..<capacity where rowOfSlot[s] != row {
      if rowOfSlot[s] < 0 { return s }
      if lastUse[s] < bestStamp {
        bestStamp = lastUse[s]
        best = s
      }
    }
    return best
  }
}
