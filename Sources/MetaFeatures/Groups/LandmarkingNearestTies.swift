import Linalg

/// The training rows at exactly the smallest squared distance D = Σⱼ (aⱼ − bⱼ)² (summed in
/// column order in `Double`, as ``KDTree`` and scikit-learn compute it) from each test row, by
/// brute force, for ``NearestNeighbour`` in many columns:
/// - every used value 0 or 1 (the one-hot columns of categorical data): D = popcount(a ⊕ b) on
///   rows packed 64 columns to a word, exact;
/// - otherwise D ≈ ‖a‖² + ‖b‖² − 2a·b with the cross terms from one BLAS `gemm` per block of
///   test rows, and D itself recomputed for every training row whose approximation lies within
///   twice a rigorous rounding bound of the smallest one, so the exact minimum and all rows
///   tied at it are among those recomputed.
/// A single nearest row is the answer; several go to a tie breaker.
enum NearestTies {
  /// One pass over the used rows: whether all values are finite, all 0 or 1, and the largest
  /// magnitude.
  struct Scan {
    var finite = true
    var binary = true
    var largestMagnitude = 0.0

    init(_ x: Matrix<Double>, _ rows: [Int]) {
      let d = x.columns
      x.storage.withUnsafeBufferPointer { p in
        for i in rows {
          for j in 0..<d {
            let v = p[i * d + j]
            if v != 0 && v != 1 { binary = false }
            if !v.isFinite { finite = false }
            largestMagnitude = Swift.max(largestMagnitude, abs(v))
          }
        }
      }
    }
  }

  /// Picks one of several equally near training rows: the test row's index in `x` and the
  /// candidates' positions in `train` (ascending) to one of them, `nil` on failure.
  typealias TieBreaker = (_ testRow: Int, _ candidates: [Int]) -> Int?

  /// The nearest training row (a position in `train`) of every test row; `nil` when `breakTie`
  /// or BLAS fails.
  ///
  /// - Precondition: `train` non-empty; the used values finite and below 2⁴⁰⁰ in magnitude
  ///   (0 or 1 when `binary`).
  static func nearest(
    _ x: Matrix<Double>, train: [Int], test: [Int], binary: Bool, breakTie: TieBreaker
  ) -> [Int]? {
    binary
      ? nearestBinary(x, train: train, test: test, breakTie: breakTie)
      : nearestByGemm(x, train: train, test: test, breakTie: breakTie)
  }

  /// Bit-packed 0/1 rows, `words` 64-bit words a row.
  private static func pack(_ x: Matrix<Double>, _ rows: [Int], words: Int) -> [UInt64] {
    let d = x.columns
    var out = [UInt64](repeating: 0, count: rows.count * words)
    x.storage.withUnsafeBufferPointer { p in
      for (r, i) in rows.enumerated() {
        for j in 0..<d where p[i * d + j] != 0 { out[r * words + j / 64] |= 1 << UInt64(j % 64) }
      }
    }
    return out
  }

  /// 0/1 rows: D = popcount(a ⊕ b), every tie collected.
  private static func nearestBinary(
    _ x: Matrix<Double>, train: [Int], test: [Int], breakTie: TieBreaker
  ) -> [Int]? {
    let words = (x.columns + 63) / 64
    let packedTrain = pack(x, train, words: words)
    let packedTest = pack(x, test, words: words)
    let m = train.count
    var ties: [Int] = []
    var nearest: [Int] = []
    nearest.reserveCapacity(test.count)
    for (r, t) in test.enumerated() {
      var best = Int.max
      ties.removeAll(keepingCapacity: true)
      packedTrain.withUnsafeBufferPointer { b in
        packedTest.withUnsafeBufferPointer { a in
          for i in 0..<m {
            var distance = 0
            for w in 0..<words { distance &+= (a[r * words + w] ^ b[i * words + w]).nonzeroBitCount }
            if distance < best {
              best = distance
              ties.removeAll(keepingCapacity: true)
              ties.append(i)
            } else if distance == best {
              ties.append(i)
            }
          }
        }
      }
      guard let row = ties.count == 1 ? ties[0] : breakTie(t, ties) else { return nil }
      nearest.append(row)
    }
    return nearest
  }

  /// Real rows: the gemm expansion, then exact D for the near-tied candidates.
  private static func nearestByGemm(
    _ x: Matrix<Double>, train: [Int], test: [Int], breakTie: TieBreaker
  ) -> [Int]? {
    let d = x.columns
    let m = train.count
    let b = x.rows(train)
    var norms = [Double](repeating: 0, count: m)
    var largestNorm = 0.0
    b.storage.withUnsafeBufferPointer { p in
      for i in 0..<m {
        var s = 0.0
        for j in 0..<d { s += p[i * d + j] * p[i * d + j] }
        norms[i] = s
        largestNorm = Swift.max(largestNorm, s)
      }
    }
    // With u = 2⁻⁵³ and γ_k = k·u/(1 − k·u) ≈ k·u, for any summation order (so any BLAS): the
    // computed norms and cross term are within γ_d of ‖b‖² and a·b, so v = ‖b‖² − 2a·b is within
    // E = (2γ_d + 2u)(‖a‖² + ‖b‖²) of the real D − ‖a‖²; the column-order D is within γ_{d+2}·D of
    // the real D, and D ≤ 2(‖a‖² + ‖b‖²). For a row i tied at the smallest computed D and any
    // row k, v_i − v_k ≤ γ_{d+2}(D_i + D_k) + E_i + E_k ≤ (8d + 12)u·(‖a‖² + max‖b‖²), to first
    // order; `limit` allows (32d + 64)u, room for the rounding of `own`, the norms and `limit`.
    let bound = Double(16 * d + 32) * 0x1p-53
    let blockRows = Swift.max(16, Swift.min(test.count, 262_144 / m))
    var cross = [Double](repeating: 0, count: blockRows * m)
    var nearest: [Int] = []
    nearest.reserveCapacity(test.count)
    var candidates: [Int] = []
    var ties: [Int] = []
    var start = 0
    while start < test.count {
      let end = Swift.min(test.count, start + blockRows)
      let a = x.rows(test[start..<end])
      let ok = a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
          cross.withUnsafeMutableBufferPointer { pc in
            guard let aBase = pa.baseAddress, let bBase = pb.baseAddress, let cBase = pc.baseAddress else { return false }
            return (try? Double.gemm(
              .none, .transposed, m: end - start, n: m, k: d, alpha: 1, a: aBase, lda: d, b: bBase, ldb: d,
              beta: 0, c: cBase, ldc: m)) != nil
          }
        }
      }
      guard ok else { return nil }
      for r in 0..<(end - start) {
        candidates.removeAll(keepingCapacity: true)
        ties.removeAll(keepingCapacity: true)
        cross.withUnsafeBufferPointer { c in
          a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
              let row = c.baseAddress! + r * m
              var smallest = Double.infinity
              for i in 0..<m { smallest = Swift.min(smallest, norms[i] - 2 * row[i]) }
              var own = 0.0
              for j in 0..<d { own += pa[r * d + j] * pa[r * d + j] }
              let limit = smallest + 2 * bound * (own + largestNorm)
              for i in 0..<m where norms[i] - 2 * row[i] <= limit { candidates.append(i) }
              var best = Double.infinity
              for i in candidates {
                var s = 0.0
                for j in 0..<d {
                  let t = pa[r * d + j] - pb[i * d + j]
                  s += t * t
                }
                if s < best {
                  best = s
                  ties.removeAll(keepingCapacity: true)
                  ties.append(i)
                } else if s == best {
                  ties.append(i)
                }
              }
            }
          }
        }
        guard let row = ties.count == 1 ? ties[0] : breakTie(test[start + r], ties) else { return nil }
        nearest.append(row)
      }
      start = end
    }
    return nearest
  }
}
