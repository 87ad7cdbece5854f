/// A limited-memory BFGS minimiser for smooth unconstrained problems (Nocedal & Wright 2006,
/// Algorithms 7.4 and 7.5), with a strong-Wolfe line search (Algorithms 3.5 and 3.6, cubic
/// interpolation in the zoom phase).
///
/// The search direction is `d = −H·g` from the two-loop recursion over the last `memory`
/// pairs `(s, y)` with `H₀ = (sᵀy / yᵀy)·I`; the first trial step is `a = 1/‖g‖` (a move of
/// length 1) as in scipy's L-BFGS-B, later ones `a = 1`. It stops, as scipy's `fmin_l_bfgs_b` does, when
/// ```
/// max_i |gᵢ| ≤ gradientTolerance                                   (pgtol)
/// (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ functionTolerance    (factr·eps)
/// ```
/// or after `maxIterations` iterations. Defaults are scipy's (m = 10, pgtol 1e-5,
/// ftol 2.2e-9, maxls 20, maxiter 15000).
public struct LBFGS: Sendable, Equatable {
  /// The number of correction pairs kept, ≥ 1 (scipy default 10).
  public var memory: Int
  /// The iteration limit, ≥ 1 (scipy default 15000).
  public var maxIterations: Int
  /// Stop when the largest gradient component is at most this, ≥ 0 (scipy `pgtol` 1e-5).
  public var gradientTolerance: Double
  /// Stop when the relative decrease of f is at most this, ≥ 0 (scipy `factr·eps` ≈ 2.2e-9).
  public var functionTolerance: Double
  /// Objective evaluations allowed per line search, ≥ 1 (scipy `maxls` 20).
  public var maxLineSearchSteps: Int

  /// Creates a minimiser; every default is scipy's `fmin_l_bfgs_b` default.
  public init(
    memory: Int = 10, maxIterations: Int = 15000, gradientTolerance: Double = 1e-5,
    functionTolerance: Double = 2.220446049250313e-09, maxLineSearchSteps: Int = 20
  ) {
    self.memory = memory
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
    self.functionTolerance = functionTolerance
    self.maxLineSearchSteps = maxLineSearchSteps
  }

  /// Why the minimiser stopped.
  public enum StopReason: Sendable, Equatable {
    /// The largest gradient component fell to `gradientTolerance`.
    case gradientTolerance
    /// The relative decrease of f fell to `functionTolerance`.
    case functionTolerance
    /// `maxIterations` were used.
    case maxIterations
    /// No step satisfying the Wolfe conditions was found, even along −g.
    case lineSearchFailed
  }

  /// The outcome of ``minimize(from:objective:)``.
  public struct Result: Sendable {
    /// The final point.
    public var x: [Double]
    /// f at `x`.
    public var value: Double
    /// ∇f at `x`.
    public var gradient: [Double]
    /// Iterations performed (accepted steps).
    public var iterations: Int
    /// Objective evaluations, line searches included.
    public var evaluations: Int
    /// Why it stopped.
    public var stopReason: StopReason
    /// Whether a tolerance (not the iteration limit or a failed search) stopped it.
    public var converged: Bool {
      stopReason == .gradientTolerance || stopReason == .functionTolerance
    }
  }

  /// Minimises `objective` from `x0`.
  ///
  /// - Parameters:
  ///   - x0: the starting point.
  ///   - objective: returns `f(x)` and `∇f(x)` (same length as `x`).
  /// - Returns: the final point, value, gradient and counts.
  /// - Throws: ``ModelError/invalidHyperparameter(name:value:requirement:)`` for invalid
  ///   settings, and whatever `objective` throws.
  public func minimize(
    from x0: [Double],
    objective: (_ x: [Double]) throws(ModelError) -> (value: Double, gradient: [Double])
  ) throws(ModelError) -> Result {
    try require(memory >= 1, "memory", memory, "memory ≥ 1")
    try require(maxIterations >= 1, "maxIterations", maxIterations, "maxIterations ≥ 1")
    try require(
      gradientTolerance >= 0, "gradientTolerance", gradientTolerance, "gradientTolerance ≥ 0")
    try require(
      functionTolerance >= 0, "functionTolerance", functionTolerance, "functionTolerance ≥ 0")
    try require(
      maxLineSearchSteps >= 1, "maxLineSearchSteps", maxLineSearchSteps, "maxLineSearchSteps ≥ 1")
    var x = x0
    var (f, g) = try objective(x)
    var evaluations = 1
    var history = [(s: [Double], y: [Double], rho: Double)]()
    var iterations = 0
    let search = WolfeLineSearch(maxSteps: maxLineSearchSteps)
    if maxAbs(g) <= gradientTolerance {
      return Result(
        x: x, value: f, gradient: g, iterations: 0, evaluations: 1, stopReason: .gradientTolerance)
    }
    while iterations < maxIterations {
      var d = direction(g, history)
      var slope = dot(g, d)
      if slope >= 0 || !slope.isFinite {  // not a descent direction: restart from −g
        history.removeAll()
        d = g.map { -$0 }
        slope = -dot(g, g)
      }
      // scipy's L-BFGS-B: the very first trial step is 1/‖d‖; after a restart along −g
      // (history emptied) a unit step is capped to length 1; otherwise the step is 1.
      let norm = dot(d, d).squareRoot()
      let first = iterations == 0 ? 1 / norm : history.isEmpty ? min(1, 1 / norm) : 1
      var step = try search.search(
        x: x, f: f, slope: slope, direction: d, initialStep: first, objective: objective)
      evaluations += step.evaluations
      if step.point == nil && !history.isEmpty {  // retry once along steepest descent
        history.removeAll()
        d = g.map { -$0 }
        slope = -dot(g, g)
        step = try search.search(
          x: x, f: f, slope: slope, direction: d, initialStep: min(1, 1 / dot(d, d).squareRoot()),
          objective: objective)
        evaluations += step.evaluations
      }
      guard let (xNew, fNew, gNew) = step.point else {
        return Result(
          x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
          stopReason: .lineSearchFailed)
      }
      let s = zip(xNew, x).map { $0 - $1 }
      let y = zip(gNew, g).map { $0 - $1 }
      let sy = dot(s, y)
      if sy > 2.2e-16 * dot(y, y) {
        if history.count == memory { history.removeFirst() }
        history.append((s, y, 1 / sy))
      }
      let fOld = f
      (x, f, g) = (xNew, fNew, gNew)
      iterations += 1
      if maxAbs(g) <= gradientTolerance {
        return Result(
          x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
          stopReason: .gradientTolerance)
      }
      if (fOld - f) / max(abs(fOld), abs(f), 1) <= functionTolerance {
        return Result(
          x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
          stopReason: .functionTolerance)
      }
    }
    return Result(
      x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
      stopReason: .maxIterations)
  }

  /// The two-loop recursion: `−H·g` from the stored pairs.
  private func direction(_ g: [Double], _ history: [(s: [Double], y: [Double], rho: Double)])
    -> [Double]
  {
    var q = g
    var alphas = [Double](repeating: 0, count: history.count)
    for k in history.indices.reversed() {
      alphas[k] = history[k].rho * dot(history[k].s, q)
      axpy(-alphas[k], history[k].y, &q)
    }
    if let last = history.last {
      let gamma = 1 / (last.rho * dot(last.y, last.y))
      for i in q.indices { q[i] *= gamma }
    }
    for k in history.indices {
      let beta = history[k].rho * dot(history[k].y, q)
      axpy(alphas[k] - beta, history[k].s, &q)
    }
    return q.map { -$0 }
  }
}

/// `Σ aᵢbᵢ`.
func dot(_ a: [Double], _ b: [Double]) -> Double {
  var s = 0.0
  for i in a.indices { s += a[i] * b[i] }
  return s
}

/// `y ← y + alpha·x`.
func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
  for i in y.indices { y[i] += alpha * x[i] }
}

/// `max |xᵢ|` (0 for an empty vector).
func maxAbs(_ x: [Double]) -> Double { x.reduce(0) { max($0, abs($1)) } }
