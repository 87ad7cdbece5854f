import MetaLearning

/// The runs of a leave-one-task-out benchmark and their summaries per method and per task.
///
/// Every mean is over problems and seeds with equal weight (each problem has the same number of
/// seeds, so it is also the mean over problems of the per-problem means).
///
/// **Cost to target** is censored: a run that never comes within 1 % of the best counts as the
/// budget B, so the reported mean is a lower bound on the true mean cost whenever
/// `reachedTarget` < 1; `reachedTarget` is the fraction of runs that got there.
public struct BenchmarkResult: Sendable {
  /// Problem names, in suite order.
  public let problems: [String]
  /// Method names, in report order.
  public let methods: [String]
  /// The budget B.
  public let budget: Int
  /// Seeds per problem.
  public let seeds: Int
  /// The runs, indexed [problem][method][seed].
  public let runs: [[[BenchmarkRun]]]

  /// A result from its runs.
  public init(problems: [String], methods: [String], budget: Int, seeds: Int, runs: [[[BenchmarkRun]]]) {
    self.problems = problems
    self.methods = methods
    self.budget = budget
    self.seeds = seeds
    self.runs = runs
  }

  /// One method's metrics over a set of runs.
  public struct Summary: Sendable, Hashable {
    /// Mean normalised regret at the budget.
    public var regretAtBudget: Double
    /// Mean normalised regret after budgets 1…B.
    public var regretCurve: [Double]
    /// Mean rank among the methods at the budget (1 = best; ties averaged).
    public var averageRank: Double
    /// Mean cost to reach within 1 % of the best, censored at B (see the type's note).
    public var costToTarget: Double
    /// The fraction of runs that reached the target within the budget.
    public var reachedTarget: Double
  }

  /// The ranks at the budget of each method in every (problem, seed) block: [problem][seed][method].
  public var ranksAtBudget: [[[Double]]] {
    runs.map { byMethod in
      (0..<seeds).map { k in RankCorrelation.averageRanks(byMethod.map { $0[k].regretAtBudget }) }
    }
  }

  /// The summary of method `m` over all problems.
  public func summary(method m: Int) -> Summary {
    summarise(runs.indices.map { (runs[$0][m], ranksAtBudget[$0].map { $0[m] }) })
  }

  /// The summary of method `m` on problem `p`.
  public func summary(method m: Int, problem p: Int) -> Summary {
    summarise([(runs[p][m], ranksAtBudget[p].map { $0[m] })])
  }

  private func summarise(_ groups: [(runs: [BenchmarkRun], ranks: [Double])]) -> Summary {
    let all = groups.flatMap(\.runs)
    let n = Double(max(all.count, 1))
    let curve = (0..<budget).map { b in all.reduce(0) { $0 + $1.regretCurve[b] } / n }
    return Summary(
      regretAtBudget: all.reduce(0) { $0 + $1.regretAtBudget } / n,
      regretCurve: curve,
      averageRank: groups.flatMap(\.ranks).reduce(0, +) / n,
      costToTarget: all.reduce(0) { $0 + ($1.costToTarget ?? Double(budget)) } / n,
      reachedTarget: Double(all.filter { $0.costToTarget != nil }.count) / n)
  }
}
