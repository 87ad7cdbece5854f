/// A limited-memory BFGS minimiser for smooth problems, unconstrained or inside a box
/// (Nocedal & Wright 2006, Algorithm 7.4 for the direction).
///
/// The search direction is `d = −H·g` from the two-loop recursion over the last ``memory``
/// correction pairs `(s, y)`, `H₀ = (sᵀy / yᵀy)·I`. The step along `d` is chosen by one of two
/// line searches (``LineSearch``):
///
/// - ``LineSearch/strongWolfe(maxSteps:)`` — scipy's `fmin_l_bfgs_b` conventions on an
///   unconstrained problem (used by the logistic regression, to agree with scikit-learn);
/// - ``LineSearch/projectedBacktracking(maxSteps:)`` — Armijo backtracking along the projected
///   path `P(x + t·d)` inside ``Bounds`` (in the spirit of L-BFGS-B, Byrd, Lu, Nocedal & Zhu
///   1995, without its Cauchy-point subspace step; used by the Gaussian-process fit).
///
/// With bounds, the variables at a bound whose gradient points outward are fixed for the
/// iteration: the projected gradient `pg` zeroes them, and the direction is computed from `pg`.
/// It stops when
/// ```
/// max_i |pgᵢ| ≤ gradientTolerance                                   (pgtol)
/// (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ functionTolerance    (factr·eps)
/// ```
/// or after ``maxIterations`` iterations, or when no acceptable step is found.
public struct LBFGS: Sendable, Equatable {
  /// How the step length along the search direction is chosen.
  public enum LineSearch: Sendable, Equatable {
    /// A strong-Wolfe search (Nocedal & Wright 2006, Algorithms 3.5 and 3.6; c₁ = 1e-3 as
    /// scipy's L-BFGS-B, c₂ = 0.9, cubic interpolation in the zoom phase) with at most
    /// `maxSteps` ≥ 1 objective evaluations (scipy `maxls` 20).
    ///
    /// The first trial step is `1/‖d‖` (a move of length 1), after a restart along `−g`
    /// `min(1, 1/‖d‖)`, later ones 1; a failed search is retried once along `−g`. Correction
    /// pairs are kept when `sᵀy > ε·yᵀy` (ε = 2.2e-16). Unconstrained problems only.
    case strongWolfe(maxSteps: Int)
    /// Backtracking by halving along the projected path `P(x + t·d)` until the Armijo
    /// condition `f(x⁺) ≤ f(x) + 10⁻⁴·∇f·(x⁺ − x)` holds, at most `maxSteps` ≥ 1 evaluations.
    ///
    /// The first iteration starts from `t = min(1, 1/‖d‖)`, later ones from 1; a failed search
    /// stops the minimiser. Correction pairs are kept when `sᵀy > 1e-10`. An objective value
    /// of `+∞` rejects the trial point, so an objective may report "undefined here" that way.
    case projectedBacktracking(maxSteps: Int)

    var maxSteps: Int {
      switch self {
      case .strongWolfe(let steps), .projectedBacktracking(let steps): steps
      }
    }
  }

  /// The number of correction pairs kept, ≥ 1 (scipy default 10).
  public let memory: Int
  /// The iteration (accepted step) limit, ≥ 0; 0 evaluates the start only.
  public let maxIterations: Int
  /// Stop when the largest projected-gradient component is at most this, ≥ 0 (scipy `pgtol`).
  public let gradientTolerance: Double
  /// Stop when the relative decrease of f is at most this, ≥ 0 (scipy `factr·eps` ≈ 2.2e-9).
  public let functionTolerance: Double
  /// The line search and its evaluation limit.
  public let lineSearch: LineSearch

  /// Creates a minimiser; the defaults are scipy's `fmin_l_bfgs_b` defaults (m = 10,
  /// maxiter 15000, pgtol 1e-5, factr·eps 2.2e-9, strong Wolfe with maxls 20).
  ///
  /// - Parameters:
  ///   - memory: correction pairs kept, ≥ 1.
  ///   - maxIterations: accepted steps allowed, ≥ 0.
  ///   - gradientTolerance: largest projected-gradient component at which to stop, finite, ≥ 0.
  ///   - functionTolerance: relative decrease of f at which to stop, finite, ≥ 0.
  ///   - lineSearch: the step rule; its `maxSteps` ≥ 1.
  /// - Throws: ``LinalgError/invalidParameter(name:value:requirement:)`` for a setting out of range.
  public init(
    memory: Int = 10, maxIterations: Int = 15000, gradientTolerance: Double = 1e-5,
    functionTolerance: Double = 2.220446049250313e-09, lineSearch: LineSearch = .strongWolfe(maxSteps: 20)
  ) throws(LinalgError) {
    func require(_ ok: Bool, _ name: String, _ value: some Numeric, _ requirement: String) throws(LinalgError) {
      guard ok else { throw .invalidParameter(name: name, value: "\(value)", requirement: requirement) }
    }
    try require(memory >= 1, "memory", memory, "memory ≥ 1")
    try require(maxIterations >= 0, "maxIterations", maxIterations, "maxIterations ≥ 0")
    try require(
      gradientTolerance >= 0 && gradientTolerance.isFinite, "gradientTolerance", gradientTolerance,
      "0 ≤ gradientTolerance < ∞")
    try require(
      functionTolerance >= 0 && functionTolerance.isFinite, "functionTolerance", functionTolerance,
      "0 ≤ functionTolerance < ∞")
    try require(lineSearch.maxSteps >= 1, "lineSearch.maxSteps", lineSearch.maxSteps, "maxSteps ≥ 1")
    self.memory = memory
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
    self.functionTolerance = functionTolerance
    self.lineSearch = lineSearch
  }

  /// A box `lower ≤ x ≤ upper` (componentwise) for ``minimize(from:within:objective:)``.
  public struct Bounds: Sendable, Equatable {
    /// The lower bound of each variable (may be `-∞`).
    public let lower: [Double]
    /// The upper bound of each variable (may be `+∞`), `upper[i] ≥ lower[i]`.
    public let upper: [Double]

    /// Creates the box `[lower, upper]`.
    ///
    /// - Parameters:
    ///   - lower: one lower bound per variable, not NaN.
    ///   - upper: one upper bound per variable, not NaN, each ≥ its lower bound.
    /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` when the lengths differ;
    ///   ``LinalgError/invalidParameter(name:value:requirement:)`` for NaN or `upper[i] < lower[i]`.
    public init(lower: [Double], upper: [Double]) throws(LinalgError) {
      guard lower.count == upper.count else {
        throw .dimensionMismatch(
          operation: "LBFGS.Bounds", expected: "\(lower.count) upper bounds", got: "\(upper.count)")
      }
      for i in lower.indices where !(lower[i] <= upper[i]) {
        throw .invalidParameter(
          name: "bounds[\(i)]", value: "[\(lower[i]), \(upper[i])]", requirement: "lower ≤ upper, not NaN")
      }
      self.lower = lower
      self.upper = upper
    }

    /// `x` clamped into the box.
    func project(_ x: [Double]) -> [Double] {
      x.indices.map { Swift.min(Swift.max(x[$0], lower[$0]), upper[$0]) }
    }

    /// Whether each variable may move: not at a bound with the gradient pointing outward.
    func free(_ x: [Double], gradient g: [Double]) -> [Bool] {
      x.indices.map { i in !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0)) }
    }
  }

  /// Why the minimiser stopped.
  public enum StopReason: Sendable, Equatable {
    /// The largest projected-gradient component fell to ``LBFGS/gradientTolerance``.
    case gradientTolerance
    /// The relative decrease of f fell to ``LBFGS/functionTolerance``.
    case functionTolerance
    /// ``LBFGS/maxIterations`` steps were taken.
    case maxIterations
    /// No acceptable step was found (for the strong-Wolfe search: even along `−g`).
    case lineSearchFailed
    /// The objective is not finite at the (projected) start; nothing was done.
    case nonFiniteStart
  }

  /// The outcome of ``minimize(from:within:objective:)``.
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
}
