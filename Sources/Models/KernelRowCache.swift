import Linalg

/// The Gram matrix `G = X·Xᵀ` of all training rows, computed once by one BLAS `gemm` and
/// shared by every binary problem of a multi-class fit, with the training rows of one problem.
struct SharedGram {
  let gram: Matrix<Double>
  let rows: [Int]
}

/// Rows of the kernel matrix `K[i, ·] = K(xᵢ, ·)` of one binary SVM subproblem, kept in a
/// least-recently-used cache of bounded size, as libsvm's `Cache` (Chang & Lin 2011, §5.1).
///
/// Rows are computed when first asked for, as libsvm does (most problems touch only a part of
/// them). Their dot products come from the shared Gram matrix when the fit could afford one
/// (``SharedGram``), else from one BLAS `gemm` of the missing rows against all `l` points.
/// Eviction drops the slot with the oldest use stamp. Owned by one solver on one task, never
/// shared, so a class without locking.
final class KernelRowCache {
  private let kernel: ResolvedKernel
  private let points: Matrix<Double>
  private let norms: [Double]
  private let shared: SharedGram?
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
  ///
  /// - Parameters:
  ///   - kernel: the resolved kernel.
  ///   - points: the problem's `l × d` rows.
  ///   - norms: their squared norms.
  ///   - shared: the Gram matrix of all training rows and the problem's rows in it, if any.
  ///   - budgetBytes: the memory for cached rows.
  init(
    kernel: ResolvedKernel, points: Matrix<Double>, norms: [Double], shared: SharedGram?,
    budgetBytes: Int
  ) {
    self.kernel = kernel
    self.points = points
    self.norms = norms
    self.shared = shared
    l = points.rows
    capacity = max(2, min(l, budgetBytes / max(1, l * MemoryLayout<Double>.stride)))
    slots = []  // grows a row at a time up to `capacity` rows, so unused budget costs nothing
    slotOfRow = [Int](repeating: -1, count: l)
    rowOfSlot = [Int](repeating: -1, count: capacity)
    lastUse = [UInt64](repeating: 0, count: capacity)
  }

  /// Makes rows `i` and `j` resident (computing the missing ones) and passes `body` the
  /// storage with the offsets of both rows in it.
  func withRows<R>(
    _ i: Int, _ j: Int, _ body: (UnsafeBufferPointer<Double>, Int, Int) -> R
  ) throws(ModelError) -> R {
    let missing = (i == j ? [i] : [i, j]).filter { slotOfRow[$0] < 0 }
    if !missing.isEmpty {
      let block = try computeRows(missing)
      for (offset, row) in missing.enumerated() {
        let (from, count) = (offset * l, l)
        let slot: Int
        if slots.count < capacity * l {  // a fresh slot
          slot = slots.count / l
          block.withUnsafeBufferPointer { source in
            slots.append(contentsOf: UnsafeBufferPointer(rebasing: source[from..<(from + count)]))
          }
        } else {  // evict the least recently used row
          slot = victimSlot(keeping: i == row ? j : i)
          if rowOfSlot[slot] >= 0 { slotOfRow[rowOfSlot[slot]] = -1 }
          let to = slot * l
          block.withUnsafeBufferPointer { source in
            slots.withUnsafeMutableBufferPointer { target in
              for t in 0..<count { target[to + t] = source[from + t] }
            }
          }
        }
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

  /// The kernel rows `rows` against all `l` points, row after row.
  private func computeRows(_ rows: [Int]) throws(ModelError) -> [Double] {
    guard let shared else {
      return try kernel.block(points.rows(rows), rows.map { norms[$0] }, points, norms).storage
    }
    let n = shared.gram.columns
    var out = [Double](repeating: 0, count: rows.count * l)
    shared.gram.storage.withUnsafeBufferPointer { g in
      for (offset, r) in rows.enumerated() {
        let base = shared.rows[r] * n
        for t in 0..<l {
          out[offset * l + t] = kernel.transform(
            dot: g[base + shared.rows[t]], squaredNormA: norms[r], squaredNormB: norms[t])
        }
      }
    }
    return out
  }

  /// The least recently used slot of a full cache, never the one holding `row`.
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
