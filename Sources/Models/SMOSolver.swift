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
/// of max(10⁷, 100·l) iterations. With `shrinking` (sklearn default), variables stuck at a
/// bound leave the active set as in libsvm's `do_shrinking` (see `SMOSolver+Shrinking.swift`).
struct SMOSolver {
  static let tau = 1e-12

  let y: [Double]
  let qd: [Double]
  let c: Double
  let tol: Double
  let cache: KernelRowCache
  var alpha: [Double]
  /// ∇f(α) = Qα − e, exact on the active set.
  var g: [Double]
  /// Ḡ = C·Σ_{j at upper bound} Q_·j, to rebuild the gradient of shrunk variables.
  var gBar: [Double]
  /// The indices currently optimised (all of them without shrinking).
  var active: [Int]
  var unshrink = false

  /// Solves the dual for labels `y` (±1) with the kernel rows served by `cache`.
  static func solve(
    y: [Double], diagonal qd: [Double], c: Double, tol: Double, shrinking: Bool,
    cache: KernelRowCache
  ) throws(ModelError) -> BinarySVMSolution {
    let l = y.count
    var solver = SMOSolver(
      y: y, qd: qd, c: c, tol: tol, cache: cache, alpha: [Double](repeating: 0, count: l),
      g: [Double](repeating: -1, count: l), gBar: [Double](repeating: 0, count: l),
      active: Array(0..<l))
    let maxIterations = max(10_000_000, l > Int.max / 100 ? Int.max : 100 * l)
    var iteration = 0
    var counter = min(l, 1000) + 1
    while iteration < maxIterations {
      counter -= 1
      if counter == 0 {
        counter = min(l, 1000)
        if shrinking { try solver.shrink() }
      }
      var pair = try solver.selectWorkingSet()
      if pair == nil && solver.active.count < l {
        // Optimal on the active set: check all variables before stopping.
        try solver.reconstructGradient()
        solver.active = Array(0..<l)
        pair = try solver.selectWorkingSet()
        counter = 1
      }
      guard let (i, j) = pair else { break }
      iteration += 1
      try solver.update(i, j)
    }
    if solver.active.count < l {
      try solver.reconstructGradient()
      solver.active = Array(0..<l)
    }
    return BinarySVMSolution(alpha: solver.alpha, rho: solver.rho(), iterations: iteration)
  }

  /// Solves the two-variable subproblem on `(i, j)` and updates ∇f (active set) and Ḡ.
  private mutating func update(_ i: Int, _ j: Int) throws(ModelError) {
    let (y, c, qd) = (self.y, self.c, self.qd)
    // Move α out of self so the closure below mutates a uniquely referenced array (no copy).
    var alpha = self.alpha
    self.alpha = []
    defer { self.alpha = alpha }
    let (oldI, oldJ) = (alpha[i], alpha[j])
    let (g, active) = (self.g, self.active)
    try cache.withRows(i, j) { k, ri, rj in
      let qij = y[i] * y[j] * k[ri + j]  // Q_ij = yᵢ yⱼ K_ij
      if y[i] != y[j] {
        var quad = qd[i] + qd[j] + 2 * qij
        if quad <= 0 { quad = Self.tau }
        let delta = (-g[i] - g[j]) / quad
        let diff = alpha[i] - alpha[j]
        alpha[i] += delta
        alpha[j] += delta
        if diff > 0 {
          if alpha[j] < 0 { (alpha[j], alpha[i]) = (0, diff) }
        } else if alpha[i] < 0 {
          (alpha[i], alpha[j]) = (0, -diff)
        }
        if diff > 0 {  // C_i − C_j = 0
          if alpha[i] > c { (alpha[i], alpha[j]) = (c, c - diff) }
        } else if alpha[j] > c {
          (alpha[j], alpha[i]) = (c, c + diff)
        }
      } else {
        var quad = qd[i] + qd[j] - 2 * qij
        if quad <= 0 { quad = Self.tau }
        let delta = (g[i] - g[j]) / quad
        let sum = alpha[i] + alpha[j]
        alpha[i] -= delta
        alpha[j] += delta
        if sum > c {
          if alpha[i] > c { (alpha[i], alpha[j]) = (c, sum - c) }
        } else if alpha[j] < 0 {
          (alpha[j], alpha[i]) = (0, sum)
        }
        if sum > c {
          if alpha[j] > c { (alpha[j], alpha[i]) = (c, sum - c) }
        } else if alpha[i] < 0 {
          (alpha[i], alpha[j]) = (0, sum)
        }
      }
    }
    // ∇f_t += Q_ti Δαᵢ + Q_tj Δαⱼ over the active set, with Q_ti = yₜ yᵢ K_ti.
    let di = (alpha[i] - oldI) * y[i]
    let dj = (alpha[j] - oldJ) * y[j]
    try cache.withRows(i, j) { k, ri, rj in
      self.g.withUnsafeMutableBufferPointer { gp in
        for t in active { gp[t] += y[t] * (k[ri + t] * di + k[rj + t] * dj) }
      }
      // Ḡ changes where αᵢ or αⱼ reaches or leaves the upper bound: Ḡ ± C·Q_·i over all t.
      for (index, row, old) in [(i, ri, oldI), (j, rj, oldJ)]
      where (old >= c) != (alpha[index] >= c) {
        let sign: Double = alpha[index] >= c ? 1 : -1
        let scale = sign * c * y[index]
        self.gBar.withUnsafeMutableBufferPointer { bp in
          for t in 0..<y.count { bp[t] += scale * y[t] * k[row + t] }
        }
      }
    }
  }

  /// WSS3 over the active set (Fan, Chen & Lin 2005, Algorithm 2, as libsvm's
  /// `select_working_set`); `nil` when the maximal violation is below `tol`.
  func selectWorkingSet() throws(ModelError) -> (Int, Int)? {
    var gmax = -Double.infinity
    var gmaxIndex = -1
    for t in active {
      if y[t] > 0 {
        if alpha[t] < c && -g[t] >= gmax { (gmax, gmaxIndex) = (-g[t], t) }
      } else if alpha[t] > 0 && g[t] >= gmax {
        (gmax, gmaxIndex) = (g[t], t)
      }
    }
    guard gmaxIndex >= 0 else { return nil }
    let i = gmaxIndex
    return try cache.withRows(i, i) { k, ri, _ -> (Int, Int)? in
      var gmax2 = -Double.infinity
      var gminIndex = -1
      var objDiffMin = Double.infinity
      for j in active {
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
          let objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Self.tau)
          if objDiff <= objDiffMin { (gminIndex, objDiffMin) = (j, objDiff) }
        }
      }
      return gmax + gmax2 < tol || gminIndex < 0 ? nil : (i, gminIndex)
    }
  }

  /// libsvm's `calculate_rho`: the mean of `yᵢ∇f(α)ᵢ` over free αᵢ, else the midpoint of the
  /// feasible interval set by the bounded ones.
  func rho() -> Double {
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
