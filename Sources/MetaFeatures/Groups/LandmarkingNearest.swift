import Linalg

/// 1-nearest-neighbour predictions for the `one_nn` landmarker, on rows of one
/// matrix selected by index (no copy into a `KNeighborsClassifier` per fold).
///
/// The distance of test row a to training row b is `D = Σⱼ (aⱼ − bⱼ)²`, summed in column
/// order in `Double`; a test row gets the label of the training row with the smallest D,
/// ties to the lowest training row. Three ways to the same answer:
/// - every value 0 or 1 (the one-hot columns of categorical data): D = popcount(a ⊕ b) on
///   bit-packed rows, exact;
/// - one column: the training values sorted once per fold, each test value placed by binary
///   search, and the nearest values on either side compared (D is monotone in |a − b|);
/// - otherwise: D ≈ ‖a‖² + ‖b‖² − 2a·b with the cross terms from one BLAS `gemm` per block of
///   test rows, and D itself recomputed for every training row whose approximation lies within
///   twice the rounding bound of the smallest one, so rounding never changes the neighbour.
enum NearestNeighbour {
  /// The labels predicted for `test` rows of `x` by 1-NN on its `train` rows.
  ///
  /// - Parameters:
  ///   - x: n × d features; rows `train` and `test` are used.
  ///   - y: n labels.
  ///   - train: training rows, ascending (ties go to the earliest).
  ///   - test: test rows.
  ///   - binary: whether every value of `x` is 0 or 1 (``isBinary(_:)``).
  /// - Returns: one label per test row, or `nil` when `x` has no columns, `train` is empty or a
  ///   used value is not finite (where `KNeighborsClassifier` throws).
  static func predict(_ x: Matrix<Double>, _ y: [Int], train: [Int], test: [Int], binary: Bool) -> [Int]? {
    guard x.columns > 0, !train.isEmpty, allFinite(x, train), allFinite(x, test) else { return nil }
    if x.columns == 1 { return predictOneColumn(x.storage, y, train: train, test: test) }
    if binary { return predictBinary(x, y, train: train, test: test) }
    return predictByGemm(x, y, train: train, test: test)
  }

  /// Whether every value of `x` is exactly 0 or 1.
  static func isBinary(_ x: Matrix<Double>) -> Bool {
    x.storage.allSatisfy { $0 == 0 || $0 == 1 }
  }

  private static func allFinite(_ x: Matrix<Double>, _ rows: [Int]) -> Bool {
    let d = x.columns
    return x.storage.withUnsafeBufferPointer { p in
      rows.allSatisfy { i in (0..<d).allSatisfy { p[i * d + $0].isFinite } }
    }
  }

  /// 1-NN on one value per row: sorted distinct training values, each with its lowest row.
  private static func predictOneColumn(_ values: [Double], _ y: [Int], train: [Int], test: [Int]) -> [Int] {
    let order = train.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var distinct: [Double] = []
    var lowest: [Int] = []
    distinct.reserveCapacity(order.count)
    lowest.reserveCapacity(order.count)
    for i in order where distinct.last != values[i] {
      distinct.append(values[i])
      lowest.append(i)
    }
    return test.map { t in
      let a = values[t]
      // First distinct value ≥ a.
      var (lo, hi) = (0, distinct.count)
      while lo < hi {
        let mid = (lo + hi) / 2
        if distinct[mid] < a { lo = mid + 1 } else { hi = mid }
      }
      func distance(_ k: Int) -> Double {
        let r = a - distinct[k]
        return r * r
      }
      let left = lo > 0 ? distance(lo - 1) : .infinity
      let right = lo < distinct.count ? distance(lo) : .infinity
      let best = Swift.min(left, right)
      // Rows at the smallest distance: contiguous on each side (rounding can tie neighbours).
      var row = Int.max
      var k = lo - 1
      while k >= 0, distance(k) == best {
        row = Swift.min(row, lowest[k])
        k -= 1
      }
      k = lo
      while k < distinct.count, distance(k) == best {
        row = Swift.min(row, lowest[k])
        k += 1
      }
      return y[row]
    }
  }

  /// 1-NN on 0/1 rows packed 64 columns to a word: D = popcount(a ⊕ b).
  private static func predictBinary(_ x: Matrix<Double>, _ y: [Int], train: [Int], test: [Int]) -> [Int] {
    let d = x.columns
    let words = (d + 63) / 64
    func pack(_ rows: [Int]) -> [UInt64] {
      var out = [UInt64](repeating: 0, count: rows.count * words)
      x.storage.withUnsafeBufferPointer { p in
        for (r, i) in rows.enumerated() {
          for j in 0..<d where p[i * d + j] != 0 { out[r * words + j / 64] |= 1 << UInt64(j % 64) }
        }
      }
      return out
    }
    let packedTrain = pack(train)
    let packedTest = pack(test)
    let m = train.count
    return packedTrain.withUnsafeBufferPointer { b in
      (0..<test.count).map { r in
        var best = Int.max
        var bestRow = 0
        let a = packedTest[(r * words)..<((r + 1) * words)]
        if words == 1, let a0 = a.first {
          for i in 0..<m {
            let distance = (a0 ^ b[i]).nonzeroBitCount
            if distance < best {
              best = distance
              bestRow = i
              if distance == 0 { break }
            }
          }
        } else {
          for i in 0..<m {
            var distance = 0
            for (w, word) in a.enumerated() { distance += (word ^ b[i * words + w]).nonzeroBitCount }
            if distance < best {
              best = distance
              bestRow = i
              if distance == 0 { break }
            }
          }
        }
        return y[train[bestRow]]
      }
    }
  }

  /// 1-NN by the gemm expansion, with exact distances for the near-tied candidates.
  private static func predictByGemm(_ x: Matrix<Double>, _ y: [Int], train: [Int], test: [Int]) -> [Int]? {
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
    // |computed − exact D| ≤ (4γ_d + 2u)(‖a‖² + ‖b‖²) for any summation order (γ_d ≈ d·u,
    // u = 2⁻⁵³): the norms and the cross term each within γ_d, the final sums within 2u, and
    // the exact-order sum itself within 2γ_d. Twice that, to spare the approximations.
    let bound = Double(8 * d + 16) * 0x1p-53
    let blockRows = Swift.max(16, Swift.min(test.count, 262_144 / m))
    var cross = [Double](repeating: 0, count: blockRows * m)
    var predicted: [Int] = []
    predicted.reserveCapacity(test.count)
    var candidates: [Int] = []
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
      cross.withUnsafeBufferPointer { c in
        a.storage.withUnsafeBufferPointer { pa in
          b.storage.withUnsafeBufferPointer { pb in
            for r in 0..<(end - start) {
              let row = c.baseAddress.map { $0 + r * m }
              guard let row else { continue }
              var smallest = Double.infinity
              var nearest = 0
              for i in 0..<m {
                let v = norms[i] - 2 * row[i]
                if v < smallest {
                  smallest = v
                  nearest = i
                }
              }
              var own = 0.0
              for j in 0..<d { own += pa[r * d + j] * pa[r * d + j] }
              let limit = smallest + 2 * bound * (own + largestNorm)
              candidates.removeAll(keepingCapacity: true)
              for i in 0..<m where norms[i] - 2 * row[i] <= limit { candidates.append(i) }
              if candidates.count > 1 {
                var best = Double.infinity
                for i in candidates {
                  var s = 0.0
                  for j in 0..<d {
                    let t = pa[r * d + j] - pb[i * d + j]
                    s += t * t
                  }
                  if s < best {
                    best = s
                    nearest = i
                  }
                }
              }
              predicted.append(y[train[nearest]])
            }
          }
        }
      }
      start = end
    }
    return predicted
  }
}
