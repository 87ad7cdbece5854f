import Linalg

/// 1-D and 2-D slices of a loss landscape along filter-normalised random directions
/// (Li, Xu, Taylor, Studer, Goldstein, NeurIPS 2018, "Visualizing the Loss Landscape of Neural
/// Nets"; `tomgoldstein/loss-landscape` with `--dir_type weights --xnorm filter --xignore biasbn`).
///
/// The 1-D slice is `f(w + α·δ)` on a grid of α; the 2-D slice is `f(w + α·δ + β·η)` on a grid of
/// (α, β), with δ and η independent directions from ``ParameterLayout/filterNormalizedDirection(at:using:)``.
/// Default grid: 21 points on [−1, 1] (the reference code's default is 51; 21 keeps the 2-D
/// slice at 441 loss evaluations). Loss evaluations only (no gradients): ``DifferentiableLoss/loss(at:)``.
public struct LossSlices: Sendable, Equatable {
  /// The grid of α (and β) values.
  public var grid: [Double]
  /// Seed of the random directions.
  public var seed: UInt64

  /// Slices on `points` equally spaced values of `range` (default 21 on [−1, 1]).
  public init(range: ClosedRange<Double> = -1...1, points: Int = 21, seed: UInt64 = 0) {
    let n = max(points, 1)
    grid =
      n == 1
      ? [range.lowerBound]
      : (0..<n).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(n - 1) }
    self.seed = seed
  }

  /// A 1-D slice.
  public struct Slice1D: Sendable, Equatable, Codable {
    /// The step sizes α.
    public var alphas: [Double]
    /// `f(w + α·δ)` for each α.
    public var losses: [Double]
    /// Loss evaluations spent.
    public var lossEvaluations: Int
  }

  /// A 2-D slice.
  public struct Slice2D: Sendable, Equatable, Codable {
    /// The step sizes α along δ (rows of ``losses``).
    public var alphas: [Double]
    /// The step sizes β along η (columns of ``losses``).
    public var betas: [Double]
    /// `losses[i][j] = f(w + αᵢ·δ + βⱼ·η)`.
    public var losses: [[Double]]
    /// Loss evaluations spent.
    public var lossEvaluations: Int
  }

  /// The 1-D slice of `loss` at `parameters` along a filter-normalised direction of `layout`.
  ///
  /// - Throws: ``ProbeError/dimensionMismatch(what:expected:got:)`` when the layout does not
  ///   cover the parameters; ``ProbeError/invalidOption(name:value:reason:)`` for an empty grid; the loss's errors.
  public func slice1D<L: DifferentiableLoss>(
    of loss: L, at parameters: [L.Scalar], layout: ParameterLayout
  ) throws(ProbeError) -> Slice1D {
    let (w, directions) = try prepare(loss, parameters, layout, count: 1)
    return try slice1D(of: loss, at: w, direction: directions[0])
  }

  /// The 1-D slice along an explicit `direction` (n elements).
  ///
  /// - Throws: as ``slice1D(of:at:layout:)``.
  public func slice1D<L: DifferentiableLoss>(of loss: L, at w: [Double], direction: [Double]) throws(ProbeError) -> Slice1D {
    try loss.check(w)
    try loss.check(direction, what: "direction")
    guard !grid.isEmpty else { throw .invalidOption(name: "points", value: 0, reason: "must be ≥ 1") }
    var losses = [Double]()
    for alpha in grid { losses.append(try loss.value(at: VectorArithmetic.adding(w, alpha, direction))) }
    return Slice1D(alphas: grid, losses: losses, lossEvaluations: grid.count)
  }

  /// The 2-D slice of `loss` at `parameters` along two filter-normalised directions of `layout`.
  ///
  /// - Throws: as ``slice1D(of:at:layout:)``.
  public func slice2D<L: DifferentiableLoss>(
    of loss: L, at parameters: [L.Scalar], layout: ParameterLayout
  ) throws(ProbeError) -> Slice2D {
    let (w, directions) = try prepare(loss, parameters, layout, count: 2)
    return try slice2D(of: loss, at: w, directions: (directions[0], directions[1]))
  }

  /// The 2-D slice along explicit directions (n elements each).
  ///
  /// - Throws: as ``slice1D(of:at:layout:)``.
  public func slice2D<L: DifferentiableLoss>(
    of loss: L, at w: [Double], directions: ([Double], [Double])
  ) throws(ProbeError) -> Slice2D {
    try loss.check(w)
    try loss.check(directions.0, what: "direction δ")
    try loss.check(directions.1, what: "direction η")
    guard !grid.isEmpty else { throw .invalidOption(name: "points", value: 0, reason: "must be ≥ 1") }
    var losses = [[Double]]()
    for alpha in grid {
      let row = VectorArithmetic.adding(w, alpha, directions.0)
      var values = [Double]()
      for beta in grid { values.append(try loss.value(at: VectorArithmetic.adding(row, beta, directions.1))) }
      losses.append(values)
    }
    return Slice2D(alphas: grid, betas: grid, losses: losses, lossEvaluations: grid.count * grid.count)
  }

  /// The point in `Double` and `count` independent filter-normalised directions.
  private func prepare<L: DifferentiableLoss>(
    _ loss: L, _ parameters: [L.Scalar], _ layout: ParameterLayout, count: Int
  ) throws(ProbeError) -> ([Double], [[Double]]) {
    try loss.check(parameters)
    guard layout.parameterCount == parameters.count else {
      throw .dimensionMismatch(what: "parameter layout", expected: parameters.count, got: layout.parameterCount)
    }
    let w = parameters.map { Double($0) }
    var generator = SeededGenerator(seed: seed)
    var directions = [[Double]]()
    for _ in 0..<count { directions.append(try layout.filterNormalizedDirection(at: w, using: &generator)) }
    return (w, directions)
  }
}
