import Linalg

extension SupportVectorClassifier {
  /// A fitted ``SupportVectorClassifier``: the support vectors and one binary machine per pair
  /// of classes present in the training labels.
  public struct Fitted: Sendable {
    /// One binary machine `f(x) = Σ coefᵢ K(svᵢ, x) − ρ`, positive towards `pair.first`.
    struct PairMachine: Sendable {
      let pair: ClassPair
      let supportIndices: [Int]
      let coefficients: [Double]
      let rho: Double
    }

    /// The number of classes, `0..<classCount`.
    public let classCount: Int
    /// The number of feature columns the model was fitted on.
    public let featureCount: Int
    let kernel: ResolvedKernel
    let supportVectors: Matrix<Double>
    let supportNorms: [Double]
    /// The training rows (zero-based) that are support vectors, by class then row
    /// (scikit-learn's `support_`).
    public let supportRows: [Int]
    let machines: [PairMachine]
    /// Total SMO iterations over all binary problems.
    public let iterations: Int

    /// The number of distinct support vectors (scikit-learn's `support_.size`).
    public var supportVectorCount: Int { supportRows.count }

    /// The class pairs of the one-vs-one machines, in the column order of
    /// ``decisionFunction(_:)``: (0,1), (0,2), …, (1,2), … as libsvm and scikit-learn.
    public var classPairs: [ClassPair] { machines.map(\.pair) }

    /// The kernel coefficient γ used (resolved from `"scale"`/`"auto"`; 0 for `linear`).
    public var gamma: Double { kernel.gamma }

    /// The one-vs-one decision values, scikit-learn's `decision_function` with
    /// `decision_function_shape="ovo"`.
    ///
    /// Column `m` holds `f_st(x) = Σᵢ αᵢ yᵢ K(xᵢ, x) − ρ` for `classPairs[m] = (s, t)`, positive
    /// towards `s`. With two classes there is one column, and its sign is flipped so that
    /// positive means the second class, as scikit-learn reports binary SVC.
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: an `m × classPairs.count` matrix.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    /// - Complexity: O(m · supportVectorCount · featureCount) through BLAS `gemm`.
    public func decisionFunction(_ x: Matrix<Double>) throws(ModelError) -> Matrix<Double> {
      var values = try pairwiseValues(x)
      if machines.count == 1 { values.storage = values.storage.map { -$0 } }
      return values
    }

    /// The predicted class of each row of `x` by one-vs-one voting (ties to the lowest index).
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: `m` labels in `0..<classCount`.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func predict(_ x: Matrix<Double>) throws(ModelError) -> [Int] {
      let values = try pairwiseValues(x)
      let p = machines.count
      let pairs = classPairs
      return (0..<x.rows).map { r in
        Self.vote(values.storage[(r * p)..<((r + 1) * p)], pairs: pairs, classCount: classCount)
      }
    }

    /// libsvm's one-vs-one vote: `value > 0` votes for `pair.first`, otherwise (0 included)
    /// for `pair.second`; the most votes win, ties to the lowest class index.
    static func vote(_ values: ArraySlice<Double>, pairs: [ClassPair], classCount: Int) -> Int {
      var votes = [Int](repeating: 0, count: classCount)
      for (value, pair) in zip(values, pairs) { votes[value > 0 ? pair.first : pair.second] += 1 }
      var best = 0
      for k in 1..<classCount where votes[k] > votes[best] { best = k }
      return best
    }

    /// Raw libsvm decision values (positive towards `pair.first`), computed in blocks of 512
    /// rows: one kernel block against all support vectors, then one gemv-like sum per machine.
    private func pairwiseValues(_ x: Matrix<Double>) throws(ModelError) -> Matrix<Double> {
      try validatePredictionInput(x, featureCount: featureCount)
      let p = machines.count
      var out = zeros(x.rows, p)
      let s = supportVectors.rows
      var start = 0
      while start < x.rows {
        let end = min(x.rows, start + 512)
        let block = x.rows(start..<end)
        let k = try kernel.block(block, rowSquaredNorms(block), supportVectors, supportNorms)
        k.storage.withUnsafeBufferPointer { kp in
          for r in 0..<(end - start) {
            for (m, machine) in machines.enumerated() {
              var sum = -machine.rho
              for (index, coefficient) in zip(machine.supportIndices, machine.coefficients) {
                sum += coefficient * kp[r * s + index]
              }
              out.storage[(start + r) * p + m] = sum
            }
          }
        }
        start = end
      }
      return out
    }
  }
}
