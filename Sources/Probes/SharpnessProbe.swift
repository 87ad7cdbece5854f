import Linalg

/// All sharpness measures of a loss at one point, with the gradient evaluations each cost:
/// ε-sharpness (Keskar et al. 2017), the Hessian's top eigenvalue by power iteration and its top
/// eigenvalues by Lanczos (Yao et al. 2020), Hutchinson's trace with its standard error, and
/// 1-D/2-D filter-normalised loss slices (Li et al. 2018).
public struct SharpnessProbe: Sendable, Equatable {
  /// ε-sharpness options (default ε = 1e-3).
  public var epsilonSharpness: EpsilonSharpness
  /// Power-iteration options for the top eigenvalue (default 100 iterations, tol 1e-3).
  public var powerIteration: PowerIteration
  /// Lanczos options (default 30 steps, top 5).
  public var lanczos: HessianLanczos
  /// Hutchinson options (default 10–100 samples, tol 1e-3).
  public var hutchinson: HutchinsonTrace
  /// Slice grid (default 21 points on [−1, 1]); nil skips the slices.
  public var slices: LossSlices?
  /// The finite-difference relative step of ``HessianOperator`` (nil: its default √ε).
  public var relativeStep: Double?

  /// The default probe; every random choice is seeded from `seed` (distinct streams per estimator).
  public init(seed: UInt64 = 0) {
    epsilonSharpness = EpsilonSharpness()
    powerIteration = PowerIteration(seed: seed)
    lanczos = HessianLanczos(seed: seed &+ 1)
    hutchinson = HutchinsonTrace(seed: seed &+ 2)
    slices = LossSlices(seed: seed &+ 3)
    relativeStep = nil
  }

  /// What the probe measured.
  public struct Report: Sendable, Equatable {
    /// ε-sharpness φ in percent.
    public var epsilonSharpness: EpsilonSharpness.Result
    /// Power iteration: the eigenvalue of largest magnitude, signed.
    public var topEigenvalue: PowerIteration.Result
    /// Lanczos: the largest Ritz values.
    public var topEigenvalues: HessianLanczos.Result
    /// Hutchinson's trace and standard error.
    public var trace: HutchinsonTrace.Result
    /// The 1-D slice (nil when slices were skipped).
    public var slice1D: LossSlices.Slice1D?
    /// The 2-D slice (nil when slices were skipped).
    public var slice2D: LossSlices.Slice2D?

    /// Gradient evaluations of all estimators together.
    public var gradientEvaluations: Int {
      epsilonSharpness.gradientEvaluations + topEigenvalue.gradientEvaluations + topEigenvalues.gradientEvaluations
        + trace.gradientEvaluations
    }

    /// Loss-only evaluations of the slices.
    public var lossEvaluations: Int { (slice1D?.lossEvaluations ?? 0) + (slice2D?.lossEvaluations ?? 0) }
  }

  /// Runs every estimator on `loss` at `parameters`; slices need the filter `layout`.
  ///
  /// - Throws: the estimators' ``ProbeError``s.
  public func measure<L: DifferentiableLoss>(
    _ loss: L, at parameters: [L.Scalar], layout: ParameterLayout?
  ) throws(ProbeError) -> Report {
    var hessian = try HessianOperator(loss: loss, at: parameters, relativeStep: relativeStep)
    let sharpness = try epsilonSharpness.measure(of: loss, at: parameters)
    let top = try powerIteration.eigenvalues(of: &hessian)
    var lanczosOptions = lanczos
    lanczosOptions.count = min(lanczos.count, lanczos.steps)
    let ritz = try lanczosOptions.eigenvalues(of: &hessian)
    let trace = try hutchinson.trace(of: &hessian)
    var slice1D: LossSlices.Slice1D?
    var slice2D: LossSlices.Slice2D?
    if let slices, let layout {
      slice1D = try slices.slice1D(of: loss, at: parameters, layout: layout)
      slice2D = try slices.slice2D(of: loss, at: parameters, layout: layout)
    }
    return Report(
      epsilonSharpness: sharpness, topEigenvalue: top, topEigenvalues: ritz, trace: trace, slice1D: slice1D,
      slice2D: slice2D)
  }
}
