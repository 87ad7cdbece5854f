/// The linear SVM of pymfe's `l1`, `l2`, `l3`: scikit-learn's
/// `Pipeline([StandardScaler(), LinearSVC(penalty="l2", loss="hinge", C=2, tol=0.01,
/// max_iter=100000, random_state=0)])` on two classes, reproduced step by step so that the
/// (early-stopped, tol = 0.01) solution is liblinear's and not merely an optimum.
///
/// - Scaling: StandardScaler's mean and population sd (corrected two-pass variance); a column
///   whose variance is within rounding of zero keeps scale 1.
/// - Solver: liblinear's dual coordinate descent for the L1-loss (hinge) SVM with shrinking
///   (`solve_l2r_l1l2_svc`), the intercept as an extra feature of value 1 that is regularised
///   like the others, rows grouped negative class first (liblinear's sorted labels), and the
///   per-sweep shuffle drawn with scikit-learn's `bounded_rand_int` (Lemire) from an MT19937
///   seeded by `RandomState(random_state).randint(2³¹ − 1)`.
/// - Decision: w·z + b > 0 predicts the positive class.
struct HingeLinearSVC {
  private(set) var mean: [Double]
  private(set) var scale: [Double]
  /// Weights of the standardised features, then the intercept weight.
  private(set) var weights: [Double]
  /// Sweeps the solver ran.
  private(set) var iterations = 0

  /// Fits on `rows` (row-major, `p` columns) with labels `positive`.
  init(
    rows x: [Double], p: Int, positive: [Bool], c: Double = 2, tol: Double = 0.01,
    maxIter: Int = 100_000, randomState: UInt32 = 0
  ) {
    let l = positive.count
    (mean, scale) = Self.standardScaler(x, rows: l, p: p)
    // liblinear's problem: negatives first, then positives, each in input order; bias last.
    let w1 = p + 1
    let order = positive.indices.filter { !positive[$0] } + positive.indices.filter { positive[$0] }
    var z = [Double](repeating: 1, count: l * w1)
    var y = [Double](repeating: 0, count: l)
    for (k, r) in order.enumerated() {
      for j in 0..<p { z[k * w1 + j] = (x[r * p + j] - mean[j]) / scale[j] }
      y[k] = positive[r] ? 1 : -1
    }
    var seeder = LegacyNumpyRandom(seed: randomState)
    var mt = LegacyNumpyRandom(seed: UInt32(seeder.interval(2_147_483_646)))
    weights = [Double](repeating: 0, count: w1)
    iterations = Self.solve(z: z, y: y, width: w1, c: c, eps: tol, maxIter: maxIter, rng: &mt, w: &weights)
  }

  /// The decision value of one raw (unscaled) row.
  func decision(_ row: UnsafeBufferPointer<Double>) -> Double {
    var s = 0.0
    for j in 0..<mean.count { s += (row[j] - mean[j]) / scale[j] * weights[j] }
    return s + weights[mean.count]
  }

  /// Decision values of every row of a row-major matrix.
  func decisions(_ x: [Double]) -> [Double] {
    let p = mean.count
    return x.withUnsafeBufferPointer { buf in
      (0..<(p == 0 ? 0 : x.count / p)).map { i in
        decision(UnsafeBufferPointer(rebasing: buf[(i * p)..<(i * p + p)]))
      }
    }
  }

  static func standardScaler(_ x: [Double], rows n: Int, p: Int) -> ([Double], [Double]) {
    var sum = [Double](repeating: 0, count: p)
    for i in 0..<n { for j in 0..<p { sum[j] += x[i * p + j] } }
    let count = Double(n)
    let mean = sum.map { $0 / count }
    var correction = [Double](repeating: 0, count: p)
    var squares = [Double](repeating: 0, count: p)
    for i in 0..<n {
      for j in 0..<p {
        let t = x[i * p + j] - mean[j]
        correction[j] += t
        squares[j] += t * t
      }
    }
    let eps = Double.ulpOfOne
    var scale = [Double](repeating: 1, count: p)
    for j in 0..<p {
      let v = (squares[j] - correction[j] * correction[j] / count) / count
      let bound = count * eps * v + (count * mean[j] * eps) * (count * mean[j] * eps)
      scale[j] = v <= bound ? 1 : v.squareRoot()
    }
    return (mean, scale)
  }

  /// scikit-learn's `bounded_rand_int`: Lemire's nearly divisionless bounded integer.
  static func boundedRandom(_ range: UInt32, _ mt: inout LegacyNumpyRandom) -> Int {
    var m = UInt64(mt.nextUInt32()) * UInt64(range)
    var low = UInt32(truncatingIfNeeded: m)
    if low < range {
      var t = 0 &- range
      if t >= range {
        t -= range
        if t >= range { t %= range }
      }
      while low < t {
        m = UInt64(mt.nextUInt32()) * UInt64(range)
        low = UInt32(truncatingIfNeeded: m)
      }
    }
    return Int(m >> 32)
  }

  /// liblinear `solve_l2r_l1l2_svc` (L1 loss), dense rows `z` of `width` values.
  private static func solve(
    z: [Double], y: [Double], width: Int, c: Double, eps: Double, maxIter: Int,
    rng: inout LegacyNumpyRandom, w: inout [Double]
  ) -> Int {
    let l = y.count
    let alpha = UnsafeMutableBufferPointer<Double>.allocate(capacity: l)
    let index = UnsafeMutableBufferPointer<Int>.allocate(capacity: l)
    let qd = UnsafeMutableBufferPointer<Double>.allocate(capacity: l)
    defer {
      alpha.deallocate()
      index.deallocate()
      qd.deallocate()
    }
    for i in 0..<l {
      alpha[i] = 0
      index[i] = i
      var s = 0.0
      for j in 0..<width { s += z[i * width + j] * z[i * width + j] }
      qd[i] = s
    }
    var activeSize = l
    var pgMaxOld = Double.infinity
    var pgMinOld = -Double.infinity
    var iter = 0
    z.withUnsafeBufferPointer { zb in
      y.withUnsafeBufferPointer { yb in
        w.withUnsafeMutableBufferPointer { wb in
          while iter < maxIter {
            var pgMaxNew = -Double.infinity
            var pgMinNew = Double.infinity
            for i in 0..<activeSize {
              let j = i + boundedRandom(UInt32(activeSize - i), &rng)
              index.swapAt(i, j)
            }
            var s = 0
            while s < activeSize {
              let i = index[s]
              let yi = yb[i]
              let row = i * width
              var g = 0.0
              for j in 0..<width { g += wb[j] * zb[row + j] }
              g = g * yi - 1
              var pg = 0.0
              if alpha[i] == 0 {
                if g > pgMaxOld {
                  activeSize -= 1
                  index.swapAt(s, activeSize)
                  continue
                } else if g < 0 {
                  pg = g
                }
              } else if alpha[i] == c {
                if g < pgMinOld {
                  activeSize -= 1
                  index.swapAt(s, activeSize)
                  continue
                } else if g > 0 {
                  pg = g
                }
              } else {
                pg = g
              }
              pgMaxNew = Swift.max(pgMaxNew, pg)
              pgMinNew = Swift.min(pgMinNew, pg)
              if abs(pg) > 1e-12 {
                let old = alpha[i]
                alpha[i] = Swift.min(Swift.max(alpha[i] - g / qd[i], 0), c)
                let d = (alpha[i] - old) * yi
                for j in 0..<width { wb[j] += d * zb[row + j] }
              }
              s += 1
            }
            iter += 1
            if pgMaxNew - pgMinNew <= eps {
              if activeSize == l { break }
              activeSize = l
              pgMaxOld = .infinity
              pgMinOld = -.infinity
              continue
            }
            pgMaxOld = pgMaxNew <= 0 ? .infinity : pgMaxNew
            pgMinOld = pgMinNew >= 0 ? -.infinity : pgMinNew
          }
        }
      }
    }
    return iter
  }
}
