// libsvm's shrinking heuristic (Chang & Lin 2011, §5.2; Joachims 1999).

extension SMOSolver {
  /// libsvm's `do_shrinking`: removes from the active set the variables at a bound whose
  /// gradient says they will stay there,
  /// ```
  /// shrink t  if  αₜ at a bound and −yₜ∇fₜ lies beyond the current extreme violations
  ///               m(α) = max_{I_up} −yₜ∇fₜ,  M(α) = min_{I_low} −yₜ∇fₜ,
  /// ```
  /// and, the first time the violation falls below 10·tol, rebuilds the full gradient and
  /// reactivates every variable once (libsvm's `unshrink`).
  mutating func shrink() throws(ModelError) {
    var gmax1 = -Double.infinity  // max { −yₜ∇fₜ : t ∈ I_up }
    var gmax2 = -Double.infinity  // max { yₜ∇fₜ : t ∈ I_low }
    for t in active {
      let (upper, lower) = (alpha[t] >= c, alpha[t] <= 0)
      if y[t] > 0 {
        if !upper { gmax1 = max(gmax1, -g[t]) }
        if !lower { gmax2 = max(gmax2, g[t]) }
      } else {
        if !upper { gmax2 = max(gmax2, -g[t]) }
        if !lower { gmax1 = max(gmax1, g[t]) }
      }
    }
    if !unshrink && gmax1 + gmax2 <= tol * 10 {
      unshrink = true
      try reconstructGradient()
      active = Array(0..<y.count)
    }
    active = active.filter { !isShrinkable($0, gmax1, gmax2) }
  }

  /// libsvm's `be_shrunk`.
  private func isShrinkable(_ t: Int, _ gmax1: Double, _ gmax2: Double) -> Bool {
    if alpha[t] >= c {
      return y[t] > 0 ? -g[t] > gmax1 : -g[t] > gmax2
    }
    if alpha[t] <= 0 {
      return y[t] > 0 ? g[t] > gmax2 : g[t] > gmax1
    }
    return false
  }

  /// libsvm's `reconstruct_gradient`: ∇fₜ = Ḡₜ − 1 + Σ_{free i} αᵢ Q_ti for every inactive t.
  mutating func reconstructGradient() throws(ModelError) {
    let l = y.count
    guard active.count < l else { return }
    var isActive = [Bool](repeating: false, count: l)
    for t in active { isActive[t] = true }
    let inactive = (0..<l).filter { !isActive[$0] }
    for t in inactive { g[t] = gBar[t] - 1 }
    for i in 0..<l where alpha[i] > 0 && alpha[i] < c {
      let scale = alpha[i] * y[i]
      let y = self.y
      try cache.withRows(i, i) { k, ri, _ in
        for t in inactive { g[t] += scale * y[t] * k[ri + t] }
      }
    }
  }
}
