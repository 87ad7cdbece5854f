import Linalg

/// Cross-validation of meta-models over groups of tasks: each fold's tasks are held out, the
/// models are trained on the other tasks' rows (every resource level) and judged on the held-out
/// tasks' distinct configurations at each task's highest resource level.
///
/// Per held-out task: Spearman's ρ between predicted and true values (several rows of one
/// configuration averaged) and the top-1 regret, the task's best true value minus the true value
/// of the configuration predicted best (0 is perfect; in the objective's unit, larger is better).
public struct LeaveTasksOutEvaluation: Sendable, Codable {
  /// One held-out task's scores for one model.
  public struct TaskScore: Sendable, Codable, Equatable {
    /// The task.
    public var task: String
    /// The fold (0-based) that held it out.
    public var fold: Int
    /// The number of distinct configurations judged.
    public var configurations: Int
    /// Spearman's ρ (NaN when predictions or true values are constant).
    public var spearman: Double
    /// The top-1 regret (≥ 0).
    public var regret: Double
  }

  /// One model's scores.
  public struct ModelScore: Sendable, Codable, Equatable {
    /// The model kind.
    public var kind: MetaModelKind
    /// The mean ρ over the held-out tasks where ρ is defined (NaN when none is).
    public var meanSpearman: Double
    /// The mean top-1 regret over the held-out tasks.
    public var meanRegret: Double
    /// The per-task scores.
    public var tasks: [TaskScore]
  }

  /// The number of folds used.
  public var folds: Int
  /// The scores, in the order of the requested kinds.
  public var models: [ModelScore]

  /// Runs the cross-validation.
  ///
  /// Tasks are shuffled with `seed` and dealt round-robin into `min(folds, tasks)` groups; each
  /// model of a fold is fitted with `seed` (an ensemble reuses the fold's MLP and forest when
  /// both are evaluated too, which equals fitting it afresh).
  /// - Parameters:
  ///   - data: the meta-dataset (at least 2 tasks).
  ///   - kinds: the models to evaluate.
  ///   - folds: the number of task groups, ≥ 2.
  ///   - seed: the seed of the grouping and the models.
  ///   - mlp: MLP settings (the seed is replaced by `seed`).
  ///   - forest: forest settings (the seed is replaced by `seed`).
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` for fewer than 2 tasks or folds, or a model failure.
  public init(
    data: MetaDataset, kinds: [MetaModelKind], folds: Int, seed: UInt64,
    mlp: MLPMetaRegressor.Settings = .init(), forest: ForestMetaRegressor.Settings = .init()
  ) throws(MetaLearningError) {
    var names = data.taskNames
    guard names.count >= 2 else { throw .invalidInput("leave-tasks-out evaluation needs at least 2 tasks, got \(names.count)") }
    guard folds >= 2 else { throw .invalidInput("leave-tasks-out evaluation needs at least 2 folds, got \(folds)") }
    var generator = SeededGenerator(seed: seed)
    generator.shuffle(&names)
    let k = Swift.min(folds, names.count)
    var fold: [String: Int] = [:]
    for (i, name) in names.enumerated() { fold[name] = i % k }
    var scores: [MetaModelKind: [TaskScore]] = [:]
    for f in 0..<k {
      let train = data.tasks.indices.filter { fold[data.tasks[$0]] != f }
      let x = data.x.rows(train)
      let y = train.map { data.y[$0] }
      var fitted: [MetaModelKind: MetaRegressor] = [:]
      for kind in kinds {
        if kind == .ensemble, let m = fitted[.mlp], let r = fitted[.forest] {
          fitted[kind] = .ensemble(try EnsembleMetaModel(members: [m, r]))
        } else {
          fitted[kind] = try MetaRegressor(fitting: kind, x: x, y: y, seed: seed, mlp: mlp, forest: forest)
        }
      }
      for task in names where fold[task] == f {
        let rows = data.highestResourceRows(of: task)
        guard !rows.isEmpty else { continue }
        let query = Matrix<Double>(rows: rows.count, columns: data.x.columns, storage: rows.flatMap(\.x))
        let truth = rows.map(\.y)
        for kind in kinds {
          guard let model = fitted[kind] else { continue }
          let predicted = try model.predict(query).map(\.mean)
          var chosen = 0
          for i in predicted.indices where predicted[i] > predicted[chosen] { chosen = i }
          scores[kind, default: []].append(
            TaskScore(
              task: task, fold: f, configurations: rows.count, spearman: RankCorrelation.spearman(predicted, truth),
              regret: (truth.max() ?? 0) - truth[chosen]))
        }
      }
    }
    self.folds = k
    self.models = kinds.map { kind in
      let tasks = (scores[kind] ?? []).sorted { $0.task < $1.task }
      let rhos = tasks.map(\.spearman).filter { !$0.isNaN }
      return ModelScore(
        kind: kind, meanSpearman: rhos.isEmpty ? .nan : Statistics.mean(rhos),
        meanRegret: tasks.isEmpty ? .nan : Statistics.mean(tasks.map(\.regret)), tasks: tasks)
    }
  }
}
