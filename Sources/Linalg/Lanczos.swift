/// The Lanczos process with full reorthogonalisation for a symmetric linear operator
/// (Golub & Van Loan 2013, §10.1; the Krylov space of the start vector, as ARPACK builds it).
///
/// From the normalised start `q₁`, step `j` computes `w = M·qⱼ`, `αⱼ = wᵀqⱼ`, orthogonalises
/// `w` against every `qᵢ` (modified Gram–Schmidt, applied twice — "twice is enough"),
/// `βⱼ = ‖w‖`, `qⱼ₊₁ = w/βⱼ`. The eigenvalues of the tridiagonal `T = tridiag(β, α, β)` (the
/// Ritz values, through LAPACK `syevd`) approximate the extreme eigenvalues of `M`, and
/// `Q·y` for an eigenvector `y` of `T` the matching eigenvectors. The process stops after
/// ``maxSteps`` steps, when `βⱼ ≤ breakdownTolerance · maxᵢ|αᵢ|` (an invariant subspace: the
/// Ritz values are then exact), or — when ``topPairTolerance`` is set — when every 8th step
/// finds the largest Ritz pair's residual `‖Mx − θx‖ = βⱼ·|yⱼ|` at most `topPairTolerance·|θ|`.
///
/// The sums run in index order (not BLAS), so the results do not depend on the BLAS kernels.
public struct Lanczos: Sendable, Equatable {
  /// The most Lanczos steps (Krylov dimension), ≥ 1; capped at the operator's dimension.
  public let maxSteps: Int
  /// Breakdown threshold on `β` relative to the largest `|α|` so far, ≥ 0.
  public let breakdownTolerance: Double
  /// Stop early once the largest Ritz pair has a relative residual at most this, or `nil` to
  /// run every step (needed when several Ritz values are wanted).
  public let topPairTolerance: Double?

  /// Creates a Lanczos process.
  ///
  /// - Parameters:
  ///   - maxSteps: the most steps, ≥ 1 (one operator application each).
  ///   - breakdownTolerance: β below this times `maxᵢ|αᵢ|` ends the process, finite, ≥ 0.
  ///   - topPairTolerance: relative residual of the largest Ritz pair at which to stop early,
  ///     finite and ≥ 0, or `nil`.
  /// - Throws: ``LinalgError/invalidParameter(name:value:requirement:)`` for a setting out of range.
  public init(maxSteps: Int, breakdownTolerance: Double = 1e-14, topPairTolerance: Double? = nil) throws(LinalgError) {
    guard maxSteps >= 1 else {
      throw .invalidParameter(name: "maxSteps", value: "\(maxSteps)", requirement: "maxSteps ≥ 1")
    }
    guard breakdownTolerance >= 0, breakdownTolerance.isFinite else {
      throw .invalidParameter(
        name: "breakdownTolerance", value: "\(breakdownTolerance)", requirement: "0 ≤ breakdownTolerance < ∞")
    }
    if let topPairTolerance, !(topPairTolerance >= 0 && topPairTolerance.isFinite) {
      throw .invalidParameter(
        name: "topPairTolerance", value: "\(topPairTolerance)", requirement: "0 ≤ topPairTolerance < ∞")
    }
    self.maxSteps = maxSteps
    self.breakdownTolerance = breakdownTolerance
    self.topPairTolerance = topPairTolerance
  }

  /// The Lanczos basis and tridiagonal of an operator.
  public struct Decomposition: Sendable, Equatable {
    /// The orthonormal Lanczos vectors `q₁ … q_m`.
    public var basis: [[Double]]
    /// The diagonal `α` of `T` (m entries).
    public var alpha: [Double]
    /// The off-diagonal `β` of `T` (m − 1 entries).
    public var beta: [Double]
  }

  /// Runs the process on the operator `apply` of dimension `start.count`.
  ///
  /// - Parameters:
  ///   - start: the start vector, not all zero (a zero vector gives `α = 0` and stops).
  ///   - apply: returns `M·v` for a vector `v` of the same length; `M` must be symmetric.
  /// - Returns: the basis and tridiagonal after the last step.
  /// - Throws: whatever `apply` throws, unchanged.
  /// - Complexity: m operator applications and O(m²·n) for the reorthogonalisation.
  public func decompose<E: Error>(
    start: [Double], apply: (_ v: [Double]) throws(E) -> [Double]
  ) throws(E) -> Decomposition {
    let n = start.count
    let steps = Swift.max(Swift.min(maxSteps, n), 1)
    var result = Decomposition(basis: [], alpha: [], beta: [])
    let startNorm = SequentialVector.dot(start, start).squareRoot()
    var q = startNorm > 0 ? start.map { $0 / startNorm } : start
    var largestAlpha = 0.0
    for step in 1...steps {
      result.basis.append(q)
      var w = try apply(q)
      let a = SequentialVector.dot(w, q)
      result.alpha.append(a)
      largestAlpha = Swift.max(largestAlpha, abs(a))
      for _ in 0..<2 {
        for v in result.basis { SequentialVector.axpy(-SequentialVector.dot(w, v), v, &w) }
      }
      let b = SequentialVector.dot(w, w).squareRoot()
      if step == steps || b <= breakdownTolerance * Swift.max(largestAlpha, .leastNormalMagnitude) { break }
      if let topPairTolerance, step % 8 == 0, let (theta, y) = try? result.topRitzCoefficients(),
        b * abs(y[y.count - 1]) <= topPairTolerance * Swift.max(abs(theta), 1e-300)
      {
        break
      }
      result.beta.append(b)
      q = w.map { $0 / b }
    }
    return result
  }
}

extension Lanczos.Decomposition {
  /// The Ritz values (eigenvalues of `T`), largest first.
  ///
  /// - Throws: ``LinalgError/eigenNotConverged(info:)`` when `syevd` fails.
  public func ritzValues() throws(LinalgError) -> [Double] {
    try tridiagonal().symmetricEigenvalues().reversed()
  }

  /// The largest Ritz value and its unit Ritz vector `Q·y` in the operator's space.
  ///
  /// - Throws: ``LinalgError/eigenNotConverged(info:)`` when `syevd` fails.
  public func topRitzPair() throws(LinalgError) -> (value: Double, vector: [Double]) {
    let (theta, y) = try topRitzCoefficients()
    var x = [Double](repeating: 0, count: basis.first?.count ?? 0)
    for (k, v) in basis.enumerated() { for i in x.indices { x[i] += y[k] * v[i] } }
    return (theta, x)
  }

  /// The largest eigenvalue of `T` and its eigenvector.
  func topRitzCoefficients() throws(LinalgError) -> (Double, [Double]) {
    let m = alpha.count
    let (values, vectors) = try tridiagonal().symmetricEigen()
    var top = 0
    for i in values.indices where values[i] > values[top] { top = i }
    return (values[top], (0..<m).map { vectors[$0, top] })
  }

  private func tridiagonal() -> Matrix<Double> {
    let m = alpha.count
    var t = Matrix<Double>(rows: m, columns: m)
    for i in 0..<m {
      t[i, i] = alpha[i]
      if i + 1 < m {
        t[i, i + 1] = beta[i]
        t[i + 1, i] = beta[i]
      }
    }
    return t
  }
}
