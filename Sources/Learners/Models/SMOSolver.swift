import Linalg

/// The dual solution of one binary C-SVM: `alpha` (0 ≤ αᵢ ≤ C), the offset `rho` and the
/// number of SMO iterations.
struct BinarySVMSolution: Sendable {
  var alpha: [Double]
  var rho: Double
  var iterations: Int
}

/// libsvm's SMO-type decomposition for the C-SVC dual (Chang & Lin 2011; Fan, Chen & Lin 2005).
///
/// ```
/// min_α  ½ αᵀQα − eᵀα   s.t.  yᵀα = 0,  0 ≤ αᵢ ≤ C,   Q_ij = yᵢ yⱼ K(xᵢ, xⱼ)
/// ```
/// Each iteration picks the working set `(i, j)` by WSS3, the second-order rule: `i` maximises
/// `−yₜ∇f(α)ₜ` over the "up" set, `j` minimises `−b²/a` over the "low" set with
/// `a = K_ii + K_jj − 2K_ij` (τ = 1e-12 when `a ≤ 0`), then solves the two-variable subproblem
/// in closed form and updates the gradient with kernel rows `i` and `j`. It stops when the
/// maximal violation `m(α) − M(α) < tol` (sklearn's `tol`, default 1e-3) or after libsvm's cap
/// of max(10⁷, 100·l) iterations. No shrinking: the solution is the same within `tol`.
struct SMOSolver {
  static let tau = 1e-12

  /// Solves the dual for labels `y` (±1) with the kernel rows served by `cache`.
  static func solve(
    y: [Double], diagonal qd: [Double], c: Double, tol: Double, cache: KernelRowCache
  ) throws(ModelError) -> BinarySVMSolution {
    let l = y.count
    var alpha = [Double](repeating: 0, count: l)
    var g = [Double](repeating: -1, count: l)  // ∇f(α) = Qα − e at α = 0
    let maxIterations = max(10_000_000, l > Int.max / 100 ? Int.max : 100 * l)
    var iteration = 0
    while iteration < maxIterations {
      guard
        let (i, j) = try selectWorkingSet(
          y: y, alpha: alpha, g: g, qd: qd, c: c, tol: tol, cache: cache)
      else { break }
      iteration += 1
      try cache.withRows(i, j) { k, ri, rj in
        let (oldI, oldJ) = (alpha[i], alpha[j])
        // Q_ij = yᵢ yⱼ K_ij.
        let qij = y[i] * y[j] * k[ri + j]
        if y[i] != y[j] {
          var quad = qd[i] + qd[j] + 2 * qij
          if quad <= 0 { quad = tau }
          let delta = (-g[i] - g[j]) / quad
          let diff = alpha[i] - alpha[j]
          alpha[i] += delta
          alpha[j] += delta
          if diff > 0 {
            if alpha[j] < 0 {
              alpha[j] = 0
              alpha[i] = diff
            }
          } else if alpha[i] < 0 {
            alpha[i] = 0
            alpha[j] = -diff
          }
          if diff > 0 {  // C_i − C_j = 0
            if alpha[i] > c {
              alpha[i] = c
              alpha[j] = c - diff
            }
          } else if alpha[j] > c {
            alpha[j] = c
            alpha[i] = c + diff
          }
        } else {
          var quad = qd[i] + qd[j] - 2 * qij
          if quad <= 0 { quad = tau }
          let delta = (g[i] - g[j]) / quad
          let sum = alpha[i] + alpha[j]
          alpha[i] -= delta
          alpha[j] += delta
          if sum > c {
            if alpha[i] > c {
              alpha[i] = c
              alpha[j] = sum - c
            }
          } else if alpha[j] < 0 {
            alpha[j] = 0
            alpha[i] = sum
          }
          if sum > c {
            if alpha[j] > c {
              alpha[j] = c
              alpha[i] = sum - c
            }
          } else if alpha[i] < 0 {
            alpha[i] = 0
            alpha[j] = sum
          }
        }
        // ∇f += Q_·i Δαᵢ + Q_·j Δαⱼ with Q_ti = yₜ yᵢ K_ti.
        let di = (alpha[i] - oldI) * y[i]
        let dj = (alpha[j] - oldJ) * y[j]
        g.withUnsafeMutableBufferPointer { gp in
          y.withUnsafeBufferPointer { yp in
            for t in 0..<l { gp[t] += yp[t] * (k[ri + t] * di + k[rj + t] * dj) }
          }
        }
      }
    }
    return BinarySVMSolution(
      alpha: alpha, rho: rho(y: y, alpha: alpha, g: g, c: c), iterations: iteration)
  }

  /// WSS3 (Fan, Chen & Lin 2005, Algorithm 2 as in libsvm's `select_working_set`); `nil` when
  /// the maximal violation is below `tol`.
  private static func selectWorkingSet(
    y: [Double], alpha: [Double], g: [Double], qd: [Double], c: Double, tol: Double,
    cache: KernelRowCache
  ) throws(ModelError) -> (Int, Int)? {
    var gmax = -Double.infinity
    var gmaxIndex = -1
    for t in 0..<y.count {
      if y[t] > 0 {
        if alpha[t] < c && -g[t] >= gmax {
          gmax = -g[t]
          gmaxIndex = t
        }
      } else if alpha[t] > 0 && g[t] >= gmax {
        gmax = g[t]
        gmaxIndex = t
      }
    }
    guard gmaxIndex >= 0 else { return nil }
    let i = gmaxIndex
    return try cache.withRows(i, i) { k, ri, _ -> (Int, Int)? in
      var gmax2 = -Double.infinity
      var gminIndex = -1
      var objDiffMin = Double.infinity
      for j in 0..<y.count {
        let gradDiff: Double
        if y[j] > 0 {
          guard alpha[j] > 0 else { continue }
          gradDiff = gmax + g[j]
          if g[j] >= gmax2 { gmax2 = g[j] }
        } else {
          guard alpha[j] < c else { continue }
          gradDiff = gmax - g[j]
          if -g[j] >= gmax2 { gmax2 = -g[j] }
        }
        if gradDiff > 0 {
          let quad = qd[i] + qd[j] - 2 * k[ri + j]  // K_ii + K_jj − 2K_ij for either sign of yⱼ
          let objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : tau)
          if objDiff <= objDiffMin {
            gminIndex = j
            objDiffMin = objDiff
          }
        }
      }
      return gmax + gmax2 < tol || gminIndex < 0 ? nil : (i, gminIndex)
    }
  }

  /// libsvm's `calculate_rho`: the mean of `yᵢ∇f(α)ᵢ` over free αᵢ, else the midpoint of the
  /// feasible interval set by the bounded ones.
  private static func rho(y: [Double], alpha: [Double], g: [Double], c: Double) -> Double {
    var (upper, lower, sumFree, free) = (Double.infinity, -Double.infinity, 0.0, 0)
    for t in 0..<y.count {
      let yg = y[t] * g[t]
      if alpha[t] >= c {
        if y[t] < 0 { upper = min(upper, yg) } else { lower = max(lower, yg) }
      } else if alpha[t] <= 0 {
        if y[t] > 0 { upper = min(upper, yg) } else { lower = max(lower, yg) }
      } else {
        free += 1
        sumFree += yg
      }
    }
    return free > 0 ? sumFree / Double(free) : (upper + lower) / 2
  }
}
