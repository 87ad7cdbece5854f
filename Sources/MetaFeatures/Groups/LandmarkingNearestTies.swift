import Linalg

/// The training rows at exactly the smallest squared distance D = Σⱼ (aⱼ − bⱼ)² (summed in
/// column order in `Double`, as ``KDTree`` and scikit-learn compute it) from each test row, by
/// brute force with D = ‖a‖² + ‖b‖² − 2a·b and the cross terms from one BLAS `gemm` per block of
/// test rows, for ``NearestNeighbour`` in many columns:
/// - integer values with d·max|v|² ≤ 2²⁴ (0/1 one-hot columns, pixel counts): `sgemm` in
///   `Float`, where every product and partial sum is an integer of at most 2²⁴, so exact in any
///   order, and so is every D: the ties are the rows at the smallest ‖b‖² − 2a·b; the same with
///   `dgemm` for integers with d·max|v|² ≤ 2⁵¹;
/// - otherwise `dgemm`, and D itself recomputed for every training row whose approximation lies
///   within twice a rigorous rounding bound of the smallest one, so the exact minimum and all
///   rows tied at it are among those recomputed.
/// A single nearest row is the answer; several go to a tie breaker.
enum NearestTies {
  /// The used rows' values: whether all are finite, the largest magnitude, and whether all are
  /// integers with d·max|v|² ≤ 2²⁴ (`gemm` exact in `Float`) or ≤ 2⁵¹ (exact in `Double`).
  struct Scan {
    var finite = true
    var largestMagnitude = 0.0
    var exactInFloat = false
    var exactInDouble = false

    init(_ x: Matrix<Double>, _ rows: [Int]) {
      let d = x.columns
      x.storage.withUnsafeBufferPointer { p in
        for i in rows {
          for j in 0..<d {
            let v = abs(p[i * d + j])
            if !v.isFinite { finite = false }
            largestMagnitude = Swift.max(largestMagnitude, v)
          }
        }
        let scale = Double(d) * largestMagnitude * largestMagnitude
        guard finite, scale <= 0x1p51 else { return }
        // For 0 ≤ v < 2⁵², v + 2⁵² rounds v to an integer: v is one iff the round trip keeps it.
        exactInDouble = rows.allSatisfy { i in
          (0..<d).allSatisfy { j in
            let v = abs(p[i * d + j])
            return (v + 0x1p52) - 0x1p52 == v
          }
        }
        exactInFloat = exactInDouble && scale <= 0x1p24
      }
    }
  }

  /// The rows offered with the smallest value so far, in the order offered.
  struct Smallest {
    var value = Double.infinity
    var rows: [Int] = []

    mutating func reset() {
      value = .infinity
      rows.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func offer(_ v: Double, _ row: Int) {
      if v < value {
        value = v
        rows.removeAll(keepingCapacity: true)
        rows.append(row)
      } else if v == value {
        rows.append(row)
      }
    }

    /// The only row, `breakTie`'s choice among several, or `nil` for none.
    func pick(_ breakTie: ([Int]) -> Int?) -> Int? {
      rows.count <= 1 ? rows.first : breakTie(rows)
    }
  }

  /// Picks one of several equally near training rows: the test row's index in `x` and the
  /// candidates' positions in `train` (ascending) to one of them, `nil` on failure.
  typealias TieBreaker = (_ testRow: Int, _ candidates: [Int]) -> Int?

  /// The nearest training row (a position in `train`) of every test row; `nil` when `breakTie`
  /// or BLAS fails.
  ///
  /// - Precondition: `train` non-empty; the used values finite and below 2⁴⁰⁰ in magnitude
  ///   (`scan` made on them).
  static func nearest(
    _ x: Matrix<Double>, train: [Int], test: [Int], scan: Scan, breakTie: TieBreaker
  ) -> [Int]? {
    if scan.exactInFloat { return nearestExact(x, train: train, test: test, Float.self, breakTie: breakTie) }
    if scan.exactInDouble { return nearestExact(x, train: train, test: test, Double.self, breakTie: breakTie) }
    return nearestByGemm(x, train: train, test: test, breakTie: breakTie)
  }

  /// The squared norm of every `rows` row of `x`, summed in column order.
  private static func squaredNorms(_ x: Matrix<Double>, _ rows: [Int]) -> [Double] {
    let d = x.columns
    return x.storage.withUnsafeBufferPointer { p in
      rows.map { i in
        var s = 0.0
        for j in 0..<d { s += p[i * d + j] * p[i * d + j] }
        return s
      }
    }
  }

  /// The `rows` of `x` as `T`, row-major.
  private static func gather<T: BLASScalar>(_ x: Matrix<Double>, _ rows: some Collection<Int>) -> [T] {
    let d = x.columns
    var out: [T] = []
    out.reserveCapacity(rows.count * d)
    for i in rows { out += x.storage[(i * d)..<((i + 1) * d)].lazy.map { T($0) } }
    return out
  }

  /// Calls `body(r, c)` for every position r in `test`, with c[i] = a·b for the test row a and
  /// training row b = `train[i]` computed by `gemm` in `T`; `false` when BLAS or `body` fails.
  private static func forEachCrossRow<T: BLASScalar>(
    _ x: Matrix<Double>, train: [Int], test: [Int], _: T.Type, _ body: (Int, UnsafePointer<T>) -> Bool
  ) -> Bool {
    let (d, m) = (x.columns, train.count)
    let b: [T] = gather(x, train)
    // Up to 2²⁰ cross terms per block (4 or 8 MiB): each `gemm` call repacks the training rows,
    // so fewer, larger blocks pay (chess landmarking 1.2× over 2¹⁸ terms; mushroom, digits same).
    let blockRows = Swift.max(16, Swift.min(test.count, 1_048_576 / m))
    var cross = [T](repeating: 0, count: blockRows * m)
    var start = 0
    while start < test.count {
      let end = Swift.min(test.count, start + blockRows)
      let a: [T] = gather(x, test[start..<end])
      let ok = a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          cross.withUnsafeMutableBufferPointer { pc in
            guard let aBase = pa.baseAddress, let bBase = pb.baseAddress, let cBase = pc.baseAddress else { return false }
            return
              (try? T.gemm(
                .none, .transposed, m: end - start, n: m, k: d, alpha: 1, a: aBase, lda: d, b: bBase, ldb: d,
                beta: 0, c: cBase, ldc: m)) != nil
          }
        }
      }
      guard ok else { return false }
      let done = cross.withUnsafeBufferPointer { c in
        (start..<end).allSatisfy { body($0, c.baseAddress! + ($0 - start) * m) }
      }
      guard done else { return false }
      start = end
    }
    return true
  }

  /// Integer rows exact in `T` (d·max|v|² ≤ 2²⁴ for `Float`, 2⁵¹ for `Double`): every product
  /// and partial sum of the cross terms and norms is an integer of at most that size, so exact
  /// in any order, and so are ‖b‖² − 2a·b (at most 3·2⁵¹) and D: the ties are the rows at the
  /// smallest ‖b‖² − 2a·b.
  private static func nearestExact<T: BLASScalar>(
    _ x: Matrix<Double>, train: [Int], test: [Int], _: T.Type, breakTie: TieBreaker
  ) -> [Int]? {
    let norms = squaredNorms(x, train)
    let m = train.count
    var shifted = [Double](repeating: 0, count: m)
    var tied: [Int] = []
    var nearest: [Int] = []
    nearest.reserveCapacity(test.count)
    let ok = forEachCrossRow(x, train: train, test: test, T.self) { r, c in
      let smallest = norms.withUnsafeBufferPointer { n in
        shifted.withUnsafeMutableBufferPointer { v in fillShifted(n.baseAddress!, c, v.baseAddress!, count: m) }
      }
      tied.removeAll(keepingCapacity: true)
      shifted.withUnsafeBufferPointer { v in appendEqual(v.baseAddress!, count: m, to: smallest, into: &tied) }
      guard let row = tied.count == 1 ? tied[0] : breakTie(test[r], tied) else { return false }
      nearest.append(row)
      return true
    }
    return ok ? nearest : nil
  }

  /// Appends to `rows`, ascending, every i < `count` with v[i] == `value`, four lanes at a time.
  @inline(__always)
  private static func appendEqual(_ v: UnsafePointer<Double>, count m: Int, to value: Double, into rows: inout [Int]) {
    let target = SIMD4<Double>(repeating: value)
    var i = 0
    while i + 4 <= m {
      let lanes = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD4<Double>.self)
      if any(lanes .== target) {
        for k in 0..<4 where lanes[k] == value { rows.append(i + k) }
      }
      i += 4
    }
    while i < m {
      if v[i] == value { rows.append(i) }
      i += 1
    }
  }

  /// Sets v[i] = norms[i] − 2·c[i] for i < `count` (exact for ``nearestExact``'s integers) and
  /// returns the smallest, four lanes at a time.
  @inline(__always)
  private static func fillShifted<T: BLASScalar>(
    _ norms: UnsafePointer<Double>, _ c: UnsafePointer<T>, _ v: UnsafeMutablePointer<Double>, count m: Int
  ) -> Double {
    var (m0, m1, m2, m3) = (Double.infinity, Double.infinity, Double.infinity, Double.infinity)
    var i = 0
    while i + 4 <= m {
      let n = UnsafeRawPointer(norms + i).loadUnaligned(as: SIMD4<Double>.self)
      let cross = SIMD4<Double>(Double(c[i]), Double(c[i + 1]), Double(c[i + 2]), Double(c[i + 3]))
      let t = n - 2 * cross
      UnsafeMutableRawPointer(v + i).storeBytes(of: t, as: SIMD4<Double>.self)
      m0 = t[0] < m0 ? t[0] : m0
      m1 = t[1] < m1 ? t[1] : m1
      m2 = t[2] < m2 ? t[2] : m2
      m3 = t[3] < m3 ? t[3] : m3
      i += 4
    }
    var smallest = Swift.min(Swift.min(m0, m1), Swift.min(m2, m3))
    while i < m {
      v[i] = norms[i] - 2 * Double(c[i])
      smallest = Swift.min(smallest, v[i])
      i += 1
    }
    return smallest
  }

  /// Real rows: the `dgemm` expansion, then exact D for the near-tied candidates.
  private static func nearestByGemm(
    _ x: Matrix<Double>, train: [Int], test: [Int], breakTie: TieBreaker
  ) -> [Int]? {
    let (d, m) = (x.columns, train.count)
    let norms = squaredNorms(x, train)
    // With u = 2⁻⁵³ and γ_k = k·u/(1 − k·u) ≈ k·u, for any summation order (so any BLAS): the
    // computed norms and cross term are within γ_d of ‖b‖² and a·b, so v = ‖b‖² − 2a·b is within
    // E = (2γ_d + 2u)(‖a‖² + ‖b‖²) of the real D − ‖a‖²; the column-order D is within γ_{d+2}·D of
    // the real D, and D ≤ 2(‖a‖² + ‖b‖²). For a row i tied at the smallest computed D and any
    // row k, v_i − v_k ≤ γ_{d+2}(D_i + D_k) + E_i + E_k ≤ (8d + 12)u·(‖a‖² + max(‖b_i‖², ‖b_k‖²)),
    // to first order; the slack allows (32d + 64)u, room for the rounding of `own`, the norms and
    // the limits.
    let bound = Double(16 * d + 32) * 0x1p-53
    var nearest: [Int] = []
    nearest.reserveCapacity(test.count)
    var candidates: [Int] = []
    var ties = Smallest()
    let ok = forEachCrossRow(x, train: train, test: test, Double.self) { r, c in
      candidates.removeAll(keepingCapacity: true)
      ties.reset()
      x.storage.withUnsafeBufferPointer { p in
        let a = p.baseAddress! + test[r] * d
        var (smallest, k) = (Double.infinity, 0)
        for i in 0..<m where norms[i] - 2 * c[i] < smallest { (smallest, k) = (norms[i] - 2 * c[i], i) }
        var own = 0.0
        for j in 0..<d { own += a[j] * a[j] }
        // The slack of row i is 2·bound·(‖a‖² + max(‖bᵢ‖², ‖bₖ‖²)) for the row k at `smallest`;
        // rows with at most ‖bₖ‖² share the smallest slack, checked first.
        let limit = smallest + 2 * bound * (own + norms[k])
        for i in 0..<m {
          let v = norms[i] - 2 * c[i]
          if v <= limit || (norms[i] > norms[k] && v <= smallest + 2 * bound * (own + norms[i])) {
            candidates.append(i)
          }
        }
        for i in candidates {
          let b = p.baseAddress! + train[i] * d
          var s = 0.0
          for j in 0..<d {
            let t = a[j] - b[j]
            s += t * t
          }
          ties.offer(s, i)
        }
      }
      guard let row = ties.pick({ breakTie(test[r], $0) }) else { return false }
      nearest.append(row)
      return true
    }
    return ok ? nearest : nil
  }
}
