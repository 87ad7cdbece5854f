import Linalg

/// The ensemble-level settings shared by `RandomForest` and `ExtraTrees`.
struct EnsembleSettings: Sendable {
  let nEstimators: Int
  let bootstrap: Bool
  let nJobs: Int
  let seed: UInt64

  /// Throws unless `nEstimators ≥ 1` and `nJobs ≥ 1`.
  func validate() throws(ForestError) {
    guard nEstimators >= 1 else {
      throw .invalidParameter(name: "nEstimators", value: "\(nEstimators)", requirement: "nEstimators ≥ 1")
    }
    guard nJobs >= 1 else { throw .invalidParameter(name: "nJobs", value: "\(nJobs)", requirement: "nJobs ≥ 1") }
  }

  /// The generator of tree `index`: derived from the forest seed and the index only, so a tree
  /// does not depend on which worker grows it or when.
  func generator(forTree index: Int) -> SeededGenerator {
    var root = SeededGenerator(seed: seed)
    return root.split(stream: UInt64(index))
  }

  /// Bootstrap weights of one tree: `n` draws with replacement, as scikit-learn's forests do.
  ///
  /// Each row is weighted by how often it was drawn (times its sample weight). The draws are the
  /// first use of the tree's generator, so they can be replayed for the out-of-bag score.
  func bootstrapWeights(rows n: Int, sampleWeights: [Double]?, generator: inout SeededGenerator) -> [Double] {
    var counts = [Double](repeating: 0, count: n)
    for _ in 0..<n { counts[generator.integer(below: n)] += 1 }
    if let sampleWeights {
      for i in 0..<n { counts[i] *= sampleWeights[i] }
    }
    return counts
  }
}

/// What an ensemble fit produces.
struct FittedEnsemble<Target: TreeTarget>: Sendable {
  let trees: [DecisionTree<Target>]
  /// Out-of-bag accuracy (classification) or R² (regression); `nil` without bootstrap or when no
  /// row was ever out of bag.
  let oobScore: Double?
}

/// Grows `settings.nEstimators` trees on `nJobs` workers and, with bootstrap, scores them out of bag.
///
/// Trees are grown by `parallelMap` (workers take tree indices from a shared counter); each tree
/// draws only from its own generator, so the result is identical for every `nJobs`.
/// - Complexity: O(T · k · n log² n) work for balanced trees, spread over `nJobs` threads.
func fitEnsemble<Target: TreeTarget>(
  x: Matrix<Double>, data: TrainingData, parameters: TreeParameters, settings: EnsembleSettings
) throws(ForestError) -> FittedEnsemble<Target> {
  try settings.validate()
  let resolved = try parameters.validated(featureCount: data.featureCount, classification: data.isClassification)
  let trees = parallelMap(settings.nEstimators, jobs: settings.nJobs) { index in
    var generator = settings.generator(forTree: index)
    let weights =
      settings.bootstrap
      ? settings.bootstrapWeights(rows: data.rowCount, sampleWeights: data.weights, generator: &generator) : nil
    var tree = DecisionTree<Target>(parameters: parameters, seed: settings.seed)
    tree.fit(data: data, resolved: resolved, weights: weights, generator: &generator)
    return tree
  }
  let oob = settings.bootstrap ? outOfBagScore(x: x, data: data, trees: trees, settings: settings) : nil
  return FittedEnsemble(trees: trees, oobScore: oob)
}

/// Accuracy (classification) or R² (regression) of each row's prediction by the trees that did
/// not draw it, over the rows that at least one tree left out (scikit-learn's `oob_score_`).
///
/// - Complexity: O(T · n · depth), after replaying each tree's bootstrap draws (O(T · n)).
private func outOfBagScore<Target>(
  x: Matrix<Double>, data: TrainingData, trees: [DecisionTree<Target>], settings: EnsembleSettings
) -> Double? {
  let n = data.rowCount
  let outputs = max(1, data.classCount)
  var sums = [Double](repeating: 0, count: n * outputs)
  var votes = [Int](repeating: 0, count: n)
  for (index, tree) in trees.enumerated() {
    var generator = settings.generator(forTree: index)
    let drawn = settings.bootstrapWeights(rows: n, sampleWeights: nil, generator: &generator)
    let outOfBag = (0..<n).filter { drawn[$0] == 0 }
    guard !outOfBag.isEmpty else { continue }
    let values = tree.leafValues(of: x.rows(outOfBag)).storage
    for (k, row) in outOfBag.enumerated() {
      votes[row] += 1
      for c in 0..<outputs { sums[row * outputs + c] += values[k * outputs + c] }
    }
  }
  let scored = (0..<n).filter { votes[$0] > 0 }
  guard !scored.isEmpty else { return nil }
  if data.isClassification {
    let correct = scored.filter { row in
      var best = 0
      for c in 1..<max(1, outputs) where sums[row * outputs + c] > sums[row * outputs + best] { best = c }
      return best == Int(data.labels[row])
    }
    return Double(correct.count) / Double(scored.count)
  }
  let truth = scored.map { data.targets[$0] }
  let predicted = scored.map { sums[$0] / Double(votes[$0]) }
  return rSquared(truth: truth, predicted: predicted)
}

/// The coefficient of determination `1 − Σ(y − ŷ)² / Σ(y − ȳ)²` (scikit-learn's `r2_score`; 1 for a
/// perfect fit of constant targets, 0 for an imperfect one).
func rSquared(truth: [Double], predicted: [Double]) -> Double {
  let mean = truth.reduce(0, +) / Double(truth.count)
  let residual = zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
  let total = truth.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
  if total == 0 { return residual == 0 ? 1 : 0 }
  return 1 - residual / total
}
