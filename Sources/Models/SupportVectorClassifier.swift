import Linalg

/// A C-support vector classifier, scikit-learn's `SVC` (libsvm's C-SVC) with its defaults.
///
/// Each pair of classes `s < t` gets a binary problem solved by ``SMOSolver`` (WSS3 working-set
/// selection), with class `s` as +1:
/// ```
/// f_st(x) = Σᵢ αᵢ yᵢ K(xᵢ, x) − ρ        (sum over the support vectors of s and t)
/// ```
/// Prediction is one-vs-one voting as libsvm does: `f_st(x) > 0` votes for `s`, otherwise for
/// `t`; the class with most votes wins and ties go to the lowest class index.
public struct SupportVectorClassifier: Sendable, Equatable {
  /// The kernel (sklearn default `rbf` with `gamma="scale"`).
  public var kernel: SVMKernel
  /// The box constraint C > 0 (sklearn default 1).
  public var c: Double
  /// Stopping tolerance on the maximal KKT violation, > 0 (sklearn default 1e-3).
  public var tol: Double
  /// Kernel-row cache budget per binary problem in MB, > 0 (sklearn and libsvm default 200).
  public var cacheSize: Double
  /// Whether to use libsvm's shrinking heuristic (sklearn default `true`); the solution is the
  /// same within `tol` either way, only the path and the time differ.
  public var shrinking: Bool

  /// Creates a classifier with scikit-learn's `SVC` defaults unless given.
  ///
  /// - Parameters:
  ///   - kernel: the kernel (default `.rbf(gamma: .scale)`).
  ///   - c: regularisation C > 0 (default 1).
  ///   - tol: KKT tolerance > 0 (default 1e-3).
  ///   - cacheSize: kernel cache in MB > 0 (default 200).
  ///   - shrinking: libsvm's shrinking heuristic (default `true`).
  public init(
    kernel: SVMKernel = .rbf(gamma: .scale), c: Double = 1, tol: Double = 1e-3,
    cacheSize: Double = 200, shrinking: Bool = true
  ) {
    self.kernel = kernel
    self.c = c
    self.tol = tol
    self.cacheSize = cacheSize
    self.shrinking = shrinking
  }

  /// Fits one binary SVM per pair of classes present in `y`.
  ///
  /// - Parameters:
  ///   - x: `n × d` finite features (standardised or one-hot).
  ///   - y: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes (default `max(y) + 1`); classes without rows take
  ///     part in no pair and get no votes.
  /// - Returns: the fitted model.
  /// - Throws: ``ModelError`` for empty or non-finite `x`, mismatched `y`, a label out of range,
  ///   fewer than 2 classes present, or an invalid `c`, `tol`, `cacheSize` or kernel parameter.
  /// - Complexity: per pair, O(l²·d) for the kernel when it fits the cache, plus O(l) per
  ///   SMO iteration.
  public func fit(_ x: Matrix<Double>, _ y: [Int], classCount: Int? = nil) throws(ModelError)
    -> Fitted
  {
    try validateHyperparameters()
    let count = try validateTrainingInput(x, y, classCount: classCount)
    var members = [[Int]](repeating: [], count: count)
    for (row, label) in y.enumerated() { members[label].append(row) }
    let present = (0..<count).filter { !members[$0].isEmpty }
    guard present.count >= 2 else { throw .tooFewClasses(found: present.count, required: 2) }

    let resolved = ResolvedKernel(kernel, trainingData: x)
    let norms = rowSquaredNorms(x)
    // One Gram matrix X·Xᵀ for all pairs when it takes at most half the cache budget; the
    // rest holds kernel rows. Otherwise each pair computes its rows by gemm on demand.
    var budget = Int(cacheSize * 1_048_576)
    var gram: Matrix<Double>?
    let gramBytes = x.rows * x.rows * MemoryLayout<Double>.stride
    if gramBytes <= budget / 2 {
      var g = zeros(x.rows, x.rows)
      try linalg { () throws(LinalgError) in try Matrix.multiply(x, .none, x, .transposed, into: &g)
      }
      gram = g
      budget -= gramBytes
    }
    var isSupport = [Bool](repeating: false, count: x.rows)
    var raw: [(pair: ClassPair, rows: [Int], coefficients: [Double], rho: Double)] = []
    var iterations = 0
    for (a, s) in present.enumerated() {
      for t in present[(a + 1)...] {
        let rows = members[s] + members[t]
        let labels = members[s].map { _ in 1.0 } + members[t].map { _ in -1.0 }
        let subNorms = rows.map { norms[$0] }
        let cache = KernelRowCache(
          kernel: resolved, points: x.rows(rows), norms: subNorms,
          shared: gram.map { SharedGram(gram: $0, rows: rows) }, budgetBytes: budget)
        let solution = try SMOSolver.solve(
          y: labels, diagonal: subNorms.map { resolved.diagonal(squaredNorm: $0) }, c: c, tol: tol,
          shrinking: shrinking, cache: cache)
        iterations += solution.iterations
        var svRows = [Int]()
        var coefficients = [Double]()
        for (k, alpha) in solution.alpha.enumerated() where alpha > 0 {
          svRows.append(rows[k])
          coefficients.append(alpha * labels[k])
          isSupport[rows[k]] = true
        }
        raw.append((ClassPair(first: s, second: t), svRows, coefficients, solution.rho))
      }
    }
    // The support vectors of all pairs, ordered by class then row as libsvm stores them.
    let supportRows = (0..<count).flatMap { members[$0].filter { isSupport[$0] } }
    var position = [Int](repeating: -1, count: x.rows)
    for (k, row) in supportRows.enumerated() { position[row] = k }
    let machines = raw.map {
      Fitted.PairMachine(
        pair: $0.pair, supportIndices: $0.rows.map { position[$0] }, coefficients: $0.coefficients,
        rho: $0.rho)
    }
    let supportVectors = x.rows(supportRows)
    return Fitted(
      classCount: count, featureCount: x.columns, kernel: resolved, supportVectors: supportVectors,
      supportNorms: rowSquaredNorms(supportVectors), supportRows: supportRows, machines: machines,
      iterations: iterations)
  }

  private func validateHyperparameters() throws(ModelError) {
    try require(c > 0 && c.isFinite, "C", c, "C > 0 and finite")
    try require(tol > 0 && tol.isFinite, "tol", tol, "tol > 0 and finite")
    try require(cacheSize > 0 && cacheSize.isFinite, "cacheSize", cacheSize, "cacheSize > 0 (MB)")
    func checkGamma(_ g: SVMGamma) throws(ModelError) {
      if case .value(let v) = g {
        try require(v > 0 && v.isFinite, "gamma", v, "gamma > 0 and finite")
      }
    }
    switch kernel {
    case .linear: break
    case .rbf(let g): try checkGamma(g)
    case .poly(let degree, let g, let coef0):
      try require(degree >= 0, "degree", degree, "degree ≥ 0")
      try checkGamma(g)
      try require(coef0.isFinite, "coef0", coef0, "coef0 finite")
    case .sigmoid(let g, let coef0):
      try checkGamma(g)
      try require(coef0.isFinite, "coef0", coef0, "coef0 finite")
    }
  }
}

/// A pair of classes `first < second` of a one-vs-one machine.
public struct ClassPair: Sendable, Equatable, Hashable {
  /// The lower class index, labelled +1 in the binary problem.
  public let first: Int
  /// The higher class index, labelled −1 in the binary problem.
  public let second: Int
}
