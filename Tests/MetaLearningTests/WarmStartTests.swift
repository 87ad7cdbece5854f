import Linalg
import MetaLearning
import Search
import Storage
import Testing

@Test func spearmanMatchesHandComputedValues() {
  // No ties: d = (−1, 1, −1, 1, 0), ρ = 1 − 6·4 / (5·24) = 0.8.
  #expect(abs(RankCorrelation.spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) - 0.8) < 1e-12)
  // Ties: ranks (4, 1, 2.5, 2.5, 5) and (1.5, 1.5, 3, 4, 5); Σ cross = 5, Σ squares = 9.5 each: ρ = 10/19
  // (scipy.stats.spearmanr gives 0.5263157894736843).
  #expect(abs(RankCorrelation.spearman([3, 1, 2, 2, 5], [1, 1, 2, 3, 4]) - 10.0 / 19) < 1e-12)
  #expect(RankCorrelation.averageRanks([10, 20, 10]) == [1.5, 3, 1.5])
  #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]).isNaN)
}

@Test func nearestTasksRankByScaledL1DistanceAsComputedByHand() throws {
  let space = try SearchSpace([.float("x", 0, 1)])
  let tasks = [
    TaskBest(task: "a", features: [0, 10], encodedConfiguration: [0.1], value: 1),
    TaskBest(task: "b", features: [1, 20], encodedConfiguration: [0.1], value: 1),
    TaskBest(task: "c", features: [4, .nan], encodedConfiguration: [0.9], value: 1),
  ]
  let warm = NearestTasksWarmStart(space: space, tasks: tasks)
  // Column 0: min 0, range 4 → (0, 0.25, 1), target 1 → 0.25: |d| = 0.25, 0, 0.75.
  // Column 1: c imputed with the mean 15 → (10, 20, 15), min 10, range 10 → (0, 1, 0.5); target 10 → 0: |d| = 0, 1, 0.5.
  let n = try warm.neighbours(of: [1, 10])
  #expect(n.map(\.task) == ["a", "b", "c"])
  for (got, want) in zip(n.map(\.distance), [0.25, 1.0, 1.25]) { #expect(abs(got - want) < 1e-12) }
  // The target lacks column 1: only column 0 counts.
  #expect(try warm.neighbours(of: [1, .nan]).map(\.task) == ["b", "a", "c"])
  // a and b share their best configuration: it appears once.
  let configs = try warm.configurations(for: [1, 10], count: 3)
  #expect(configs == [["x": .float(0.1)], ["x": .float(0.9)]])
  #expect(try warm.neighbours(of: [1, 10], excluding: "a").map(\.task) == ["b", "c"])
}

@Test func configurationPredictorAndRankingFindTheSyntheticOptimum() throws {
  let (records, table) = try SyntheticLog.make(tasks: 8, configurations: 40)
  let data = try MetaDataset(records: records, space: SyntheticLog.space, features: table)
  let best = try data.bestConfigurations(space: SyntheticLog.space)
  #expect(best.count == 8)
  var settings = ForestMetaRegressor.Settings(seed: 1)
  settings.nEstimators = 30
  let predictor = try ConfigurationPredictor(training: data, space: SyntheticLog.space, settings: settings)
  // Task features (f, g) = (0.5, 1): the best x is 0.5 and k = a.
  let config = try predictor.predict(taskFeatures: [0.5, 1])
  let x = try #require(config["x"]?.doubleValue)
  #expect(abs(x - 0.5) < 0.2)
  let surrogate = try ForestMetaRegressor(fitting: data.x, data.y, settings: settings)
  let candidates: [Configuration] = [0.0, 0.5, 1.0].map { ["x": .float($0), "k": .categorical("a")] }
  let ranked = try rankCandidates(
    candidates, taskFeatures: [0.5, 1], resource: 1, space: SyntheticLog.space, model: surrogate)
  #expect(ranked.first?.configuration == candidates[1])
  #expect(ranked.count == 3)
}

@Test func leaveTasksOutEvaluationScoresEveryTaskOnce() throws {
  let (records, table) = try SyntheticLog.make(tasks: 12, configurations: 25)
  let data = try MetaDataset(records: records, space: SyntheticLog.space, features: table)
  var mlp = MLPMetaRegressor.Settings()
  mlp.maxEpochs = 30
  var forest = ForestMetaRegressor.Settings()
  forest.nEstimators = 20
  let evaluation = try LeaveTasksOutEvaluation(
    data: data, kinds: [.mlp, .forest, .ensemble], folds: 4, seed: 0, mlp: mlp, forest: forest)
  #expect(evaluation.folds == 4)
  for model in evaluation.models {
    #expect(model.tasks.map(\.task) == (0..<12).map { "t\($0)" }.sorted())
    #expect(model.tasks.allSatisfy { $0.regret >= 0 && $0.configurations == 25 })
  }
  // Both models rank the held-out configurations of this smooth function.
  #expect(evaluation.models[0].meanSpearman > 0.8)
  #expect(evaluation.models[1].meanSpearman > 0.5)
  #expect(throws: MetaLearningError.self) {
    try LeaveTasksOutEvaluation(data: data, kinds: [.forest], folds: 1, seed: 0)
  }
}
