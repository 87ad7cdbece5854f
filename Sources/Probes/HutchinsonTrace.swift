import Linalg

/// The trace of a loss's Hessian by Hutchinson's estimator with Rademacher probes, as PyHessian's
/// `hessian.trace(maxIter, tol)` (Yao et al. 2020), with the sample standard error PyHessian lacks.
///
/// For independent Rademacher vectors `vₖ` (entries ±1), `E[vᵀHv] = tr(H)`; the estimate is the
/// mean of `m` samples `vₖᵀHvₖ` and its standard error `sd/√m` (sample sd, ddof = 1). The variance
/// of one sample is `2(‖H‖_F² − Σᵢ Hᵢᵢ²)`, so a diagonal Hessian is estimated exactly. Sampling
/// stops, as PyHessian does, when the running mean changes by less than ``tolerance`` relative
/// (`|m_k − m_{k−1}| / (|m_{k−1}| + 1e-6)`), once ``minSamples`` samples are drawn, or at
/// ``maxSamples``. One Hessian-vector product (two gradient evaluations) per sample.
public struct HutchinsonTrace: Sendable, Equatable {
  /// Samples at most, ≥ 2 (PyHessian: 100).
  public var maxSamples: Int
  /// Samples at least before the tolerance may stop sampling, in 2...maxSamples.
  public var minSamples: Int
  /// Relative change of the running mean that stops sampling, ≥ 0 (0: always ``maxSamples``).
  public var tolerance: Double
  /// Seed of the Rademacher probes.
  public var seed: UInt64

  /// Hutchinson's estimator with PyHessian's defaults and at least 10 samples.
  public init(maxSamples: Int = 100, minSamples: Int = 10, tolerance: Double = 1e-3, seed: UInt64 = 0) {
    self.maxSamples = maxSamples
    self.minSamples = minSamples
    self.tolerance = tolerance
    self.seed = seed
  }

  /// The result of a run.
  public struct Result: Sendable, Equatable {
    /// The estimate of tr(H): the mean of ``samples``.
    public var trace: Double
    /// Its standard error `sd(samples)/√m` (ddof = 1).
    public var standardError: Double
    /// The samples `vₖᵀHvₖ`.
    public var samples: [Double]
    /// Gradient evaluations in total (2 per sample, +1 for ∇f(w) on a fresh operator).
    public var gradientEvaluations: Int
  }

  /// The trace of the Hessian of `loss` at `parameters`.
  ///
  /// - Throws: ``ProbeError/invalidOption(name:value:reason:)`` for options out of range; the
  ///   errors of ``HessianOperator/product(_:)``.
  public func trace<L: DifferentiableLoss>(
    of loss: L, at parameters: [L.Scalar], relativeStep: Double? = nil
  ) throws(ProbeError) -> Result {
    var hessian = try HessianOperator(loss: loss, at: parameters, relativeStep: relativeStep)
    return try trace(of: &hessian)
  }

  /// The trace of the operator `hessian`.
  ///
  /// - Throws: as ``trace(of:at:relativeStep:)``.
  public func trace<L: DifferentiableLoss>(of hessian: inout HessianOperator<L>) throws(ProbeError) -> Result {
    guard maxSamples >= 2 else { throw .invalidOption(name: "maxSamples", value: Double(maxSamples), reason: "must be ≥ 2") }
    guard minSamples >= 2, minSamples <= maxSamples else {
      throw .invalidOption(name: "minSamples", value: Double(minSamples), reason: "must be in 2...maxSamples (\(maxSamples))")
    }
    guard tolerance >= 0 else { throw .invalidOption(name: "tolerance", value: tolerance, reason: "must be ≥ 0") }
    let start = hessian.gradientEvaluations
    var generator = SeededGenerator(seed: seed)
    var samples = [Double]()
    var mean = 0.0
    while samples.count < maxSamples {
      let v = VectorArithmetic.rademacher(hessian.dimension, using: &generator)
      samples.append(try hessian.quadraticForm(v))
      let next = Statistics.mean(samples)
      let change = abs(next - mean) / (abs(mean) + 1e-6)
      mean = next
      if samples.count >= minSamples, change < tolerance { break }
    }
    let se = Statistics.standardDeviation(samples, ddof: 1) / Double(samples.count).squareRoot()
    return Result(
      trace: mean, standardError: se, samples: samples, gradientEvaluations: hessian.gradientEvaluations - start)
  }
}
