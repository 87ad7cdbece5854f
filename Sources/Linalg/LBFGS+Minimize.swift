extension LBFGS {
  /// Minimises `objective` from `x0`, inside `bounds` when given.
  ///
  /// - Parameters:
  ///   - x0: the starting point (clamped into `bounds`).
  ///   - bounds: the box to stay in, or `nil` for an unconstrained problem; a box needs
  ///     ``LineSearch/projectedBacktracking(maxSteps:)`` and one bound pair per variable.
  ///   - objective: returns `f(x)` and `∇f(x)` (same length as `x`).
  /// - Returns: the final point, value, gradient, counts and why it stopped.
  /// - Throws: whatever `objective` throws, unchanged.
  /// - Complexity: O(memory · n) per iteration besides the objective evaluations.
  public func minimize<E: Error>(
    from x0: [Double], within bounds: Bounds? = nil,
    objective: (_ x: [Double]) throws(E) -> (value: Double, gradient: [Double])
  ) throws(E) -> Result {
    if let bounds {
      precondition(!isStrongWolfe, "LBFGS: bounds need the projectedBacktracking line search")
      precondition(bounds.lower.count == x0.count, "LBFGS: \(bounds.lower.count) bounds for \(x0.count) variables")
    }
    var x = bounds?.project(x0) ?? x0
    var (f, g) = try objective(x)
    var evaluations = 1
    var iterations = 0
    var history = CorrectionHistory(capacity: memory)
    func result(_ reason: StopReason) -> Result {
      Result(x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations, stopReason: reason)
    }
    guard f.isFinite else { return result(.nonFiniteStart) }
    var decreaseConverged = false
    while true {
      let free = bounds?.free(x, gradient: g)
      let pg = free.map { free in g.indices.map { free[$0] ? g[$0] : 0 } } ?? g
      if SequentialVector.maxAbs(pg) <= gradientTolerance { return result(.gradientTolerance) }
      if decreaseConverged { return result(.functionTolerance) }
      if iterations >= maxIterations { return result(.maxIterations) }
      var d = history.direction(pg, gammaFromRho: isStrongWolfe)
      if let free { for i in d.indices where !free[i] { d[i] = 0 } }
      var slope = SequentialVector.dot(g, d)
      if slope >= 0 || !slope.isFinite {  // not a descent direction: restart from −pg
        history.removeAll()
        d = pg.map { -$0 }
        slope = SequentialVector.dot(g, d)
      }
      let norm = SequentialVector.dot(d, d).squareRoot()
      let step: (point: (x: [Double], f: Double, g: [Double])?, evaluations: Int)
      switch lineSearch {
      case .strongWolfe(let maxSteps):
        // scipy's L-BFGS-B: the very first trial step is 1/‖d‖; after a restart along −g
        // (history emptied) a unit step is capped to length 1; otherwise the step is 1.
        let first = iterations == 0 ? 1 / norm : history.isEmpty ? min(1, 1 / norm) : 1
        let search = WolfeLineSearch(maxSteps: maxSteps)
        var outcome = try search.search(
          x: x, f: f, slope: slope, direction: d, initialStep: first, objective: objective)
        evaluations += outcome.evaluations
        if outcome.point == nil && !history.isEmpty {  // retry once along steepest descent
          history.removeAll()
          d = pg.map { -$0 }
          outcome = try search.search(
            x: x, f: f, slope: SequentialVector.dot(g, d), direction: d,
            initialStep: min(1, 1 / SequentialVector.dot(d, d).squareRoot()), objective: objective)
          evaluations += outcome.evaluations
        }
        step = (outcome.point, 0)
      case .projectedBacktracking(let maxSteps):
        var t = iterations == 0 && history.isEmpty ? min(1, 1 / max(norm, 1e-12)) : 1
        var accepted: (x: [Double], f: Double, g: [Double])?
        var spent = 0
        for _ in 0..<maxSteps {
          var trial = x
          SequentialVector.axpy(t, d, &trial)
          if let bounds { trial = bounds.project(trial) }
          var decrease = 0.0
          for i in g.indices { decrease += g[i] * (trial[i] - x[i]) }
          let (value, gradient) = try objective(trial)
          spent += 1
          if value <= f + 1e-4 * decrease {
            accepted = (trial, value, gradient)
            break
          }
          t *= 0.5
        }
        step = (accepted, spent)
      }
      evaluations += step.evaluations
      guard let (xNew, fNew, gNew) = step.point else { return result(.lineSearchFailed) }
      history.record(s: zip(xNew, x).map { $0 - $1 }, y: zip(gNew, g).map { $0 - $1 }, relativeCurvature: isStrongWolfe)
      let fOld = f
      (x, f, g) = (xNew, fNew, gNew)
      iterations += 1
      decreaseConverged = (fOld - f) / max(abs(fOld), abs(f), 1) <= functionTolerance
    }
  }

  private var isStrongWolfe: Bool {
    if case .strongWolfe = lineSearch { return true }
    return false
  }
}

/// The last `capacity` correction pairs `(s, y)` and the two-loop recursion over them.
private struct CorrectionHistory {
  let capacity: Int
  private var pairs: [(s: [Double], y: [Double], sy: Double, rho: Double)] = []

  init(capacity: Int) { self.capacity = capacity }

  var isEmpty: Bool { pairs.isEmpty }

  mutating func removeAll() { pairs.removeAll() }

  /// Keeps the pair when its curvature `sᵀy` is positive enough: `sᵀy > ε·yᵀy` (scipy's rule)
  /// when `relativeCurvature`, else `sᵀy > 1e-10`.
  mutating func record(s: [Double], y: [Double], relativeCurvature: Bool) {
    let sy = SequentialVector.dot(s, y)
    let keep = relativeCurvature ? sy > 2.2e-16 * SequentialVector.dot(y, y) : sy > 1e-10
    guard keep else { return }
    if pairs.count == capacity { pairs.removeFirst() }
    pairs.append((s, y, sy, 1 / sy))
  }

  /// `−H·g` by the two-loop recursion (Nocedal & Wright 2006, Algorithm 7.4), `H₀ = γI` with
  /// `γ = sᵀy/yᵀy` of the newest pair.
  ///
  /// `γ` is evaluated as `1/(ρ·yᵀy)` (`ρ = 1/sᵀy`) when `gammaFromRho`, else as `sᵀy/yᵀy`: the
  /// forms are equal but round differently, and each line search keeps the form its callers'
  /// reference results (scikit-learn fixtures) were produced with.
  func direction(_ g: [Double], gammaFromRho: Bool) -> [Double] {
    var q = g
    var alphas = [Double](repeating: 0, count: pairs.count)
    for k in pairs.indices.reversed() {
      alphas[k] = pairs[k].rho * SequentialVector.dot(pairs[k].s, q)
      SequentialVector.axpy(-alphas[k], pairs[k].y, &q)
    }
    if let last = pairs.last {
      let yy = SequentialVector.dot(last.y, last.y)
      let gamma = gammaFromRho ? 1 / (last.rho * yy) : last.sy / yy
      for i in q.indices { q[i] *= gamma }
    }
    for k in pairs.indices {
      let beta = pairs[k].rho * SequentialVector.dot(pairs[k].y, q)
      SequentialVector.axpy(alphas[k] - beta, pairs[k].s, &q)
    }
    return q.map { -$0 }
  }
}
