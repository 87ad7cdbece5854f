import Linalg
import Testing

/// L-BFGS against minima known in closed form, with both line searches, bounded and not.
@Suite struct LBFGSTests {
  /// f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1).
  static func rosenbrock(_ v: [Double]) -> (value: Double, gradient: [Double]) {
    let (x, y) = (v[0], v[1])
    let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    return (value, [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
  }
}

extension LBFGSTests {
  // MARK: - Unconstrained

  /// From the classic start (−1.2, 1) with the strong-Wolfe search.
  @Test func strongWolfeReachesRosenbrockMinimum() throws {
    let result = try LBFGS(gradientTolerance: 1e-8).minimize(from: [-1.2, 1], objective: Self.rosenbrock)
    #expect(result.converged)
    #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6)
    #expect(result.value < 1e-12)
    #expect(result.iterations < 100)
  }

  /// The projected backtracking search without bounds also converges on Rosenbrock.
  @Test func backtrackingReachesRosenbrockMinimum() throws {
    let solver = try LBFGS(
      maxIterations: 500, gradientTolerance: 1e-8, functionTolerance: 0, lineSearch: .projectedBacktracking(maxSteps: 40))
    let result = solver.minimize(from: [-1.2, 1], objective: Self.rosenbrock)
    #expect(result.converged)
    #expect(abs(result.x[0] - 1) < 1e-5 && abs(result.x[1] - 1) < 1e-5)
  }

  // MARK: - Bounds

  /// f = Σ (xᵢ − cᵢ)² with c outside the box [0, 1]²: the minimum is c clamped into the box,
  /// where the projected gradient vanishes.
  @Test func boundedMinimumIsTheClampedCentre() throws {
    let c = [2.0, -3.0]
    let solver = try LBFGS(lineSearch: .projectedBacktracking(maxSteps: 40))
    let box = try LBFGS.Bounds(lower: [0, 0], upper: [1, 1])
    let result = solver.minimize(from: [0.5, 0.5], within: box) { x in
      (zip(x, c).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, zip(x, c).map { 2 * ($0 - $1) })
    }
    #expect(result.converged)
    #expect(result.x == [1, 0])
  }

  /// A start outside the box is clamped; a `+∞` objective there stops at once.
  @Test func nonFiniteStartStopsImmediately() throws {
    let solver = try LBFGS(lineSearch: .projectedBacktracking(maxSteps: 40))
    let box = try LBFGS.Bounds(lower: [-1], upper: [1])
    let result = solver.minimize(from: [5], within: box) { x in (x[0] == 1 ? .infinity : 0, [0]) }
    #expect(result.stopReason == .nonFiniteStart)
    #expect(result.x == [1] && result.evaluations == 1)
  }

  // MARK: - Errors

  @Test func invalidSettingsAndBoundsAreTypedErrors() {
    #expect(throws: LinalgError.invalidParameter(name: "memory", value: "0", requirement: "memory ≥ 1")) {
      try LBFGS(memory: 0)
    }
    #expect(throws: LinalgError.self) { try LBFGS(gradientTolerance: -1) }
    #expect(throws: LinalgError.self) { try LBFGS(lineSearch: .strongWolfe(maxSteps: 0)) }
    #expect(throws: LinalgError.self) { try LBFGS.Bounds(lower: [0, 0], upper: [1]) }
    #expect(throws: LinalgError.self) { try LBFGS.Bounds(lower: [1], upper: [0]) }
    #expect(throws: LinalgError.self) { try LBFGS.Bounds(lower: [.nan], upper: [0]) }
  }

  /// The objective's own error type passes through unchanged.
  @Test func objectiveErrorsPropagate() throws {
    struct Stop: Error, Equatable {}
    let solver = try LBFGS()
    #expect(throws: Stop()) {
      try solver.minimize(from: [0]) { (_: [Double]) throws(Stop) -> (value: Double, gradient: [Double]) in throw Stop() }
    }
  }
}
