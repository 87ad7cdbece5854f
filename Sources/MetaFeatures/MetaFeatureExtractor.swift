import Datasets
import Linalg

/// Extracts pymfe-compatible meta-features from a dataset.
///
/// ```swift
/// let extractor = MetaFeatureExtractor(groups: MetaFeatureGroup.defaults + [.landmarking])
/// let vector = extractor.features(of: dataset)
/// vector["nr_inst"]   // 150
/// vector["cor.mean"]  // pymfe 0.4.4's value
/// ```
///
/// Definitions and names follow pymfe 0.4.4 (`MFE(groups, summary, random_state).fit(X, y)`
/// with `transform_num=True`, `transform_cat="gray"`); see each group's documentation and
/// ``DataViews`` for the views N and C. Differences from pymfe:
/// - **Missing values.** pymfe raises on NaN; here a missing numeric value is replaced by its
///   column median and a missing category by the most frequent one (ties to the first
///   category) before extraction, and `reasons["imputed"]` says how many were filled.
/// - **Failures.** A feature that is undefined for the data is NaN, with the cause in
///   ``MetaFeatureVector/reasons``; extraction itself never fails.
/// - **Canonical correlations** are exact (see ``CanonicalCorrelation``), where pymfe's
///   iterative CCA can stop about 1e-5 away.
/// - **Landmarking ties.** 1-NN picks the row pymfe's k-d tree picks among equal distances, but
///   importance ranks order equal importances by attribute index (numpy's SIMD argsort is
///   machine-dependent), so `worst_node` can differ where importances tie.
/// - **Ties.** Where pymfe picks among equal distances or sphere masses with numpy's unstable
///   selection (n3, n4, density, cls_coef, hubs, t1), ties go to the lower index here.
public struct MetaFeatureExtractor: Sendable {
  /// The groups to extract, in any order.
  public var groups: [MetaFeatureGroup]
  /// The summary functions applied to every multi-valued feature.
  public var summaries: [SummaryFunction]
  /// The seed of pymfe's `random_state` (attribute subset of `attr_conc`, `random_node`'s
  /// attribute, the decision trees of landmarking and model-based).
  public var randomSeed: Int
  /// The most threads extraction may use (scikit-learn's `n_jobs`, ≥ 1; default 1). Groups
  /// run side by side and the landmarking folds in parallel; the values are the same for every
  /// `nJobs`. OpenBLAS threads are left as they are: set ``BLASThreads`` to 1 at the call site
  /// when `nJobs` > 1, so the jobs' small BLAS calls do not each start a thread pool.
  public var nJobs: Int

  /// Creates an extractor.
  ///
  /// - Parameters:
  ///   - groups: the meta-feature groups (pymfe names via ``MetaFeatureGroup/pymfeName``).
  ///   - summaries: summary functions for multi-valued features; pymfe's default is mean and sd.
  ///   - randomSeed: pymfe's `random_state`, ≥ 0 (default 0).
  ///   - nJobs: the most threads to use; values below 1 count as 1.
  public init(
    groups: [MetaFeatureGroup], summaries: [SummaryFunction] = [.mean, .sd], randomSeed: Int = 0, nJobs: Int = 1
  ) {
    self.groups = groups
    self.summaries = summaries
    self.randomSeed = randomSeed
    self.nJobs = nJobs
  }

  /// The meta-features of `dataset`, sorted by name.
  ///
  /// - Parameter dataset: a classification dataset; NaN features are imputed first.
  /// - Returns: the features of the selected groups, NaN (with a reason) where undefined.
  ///   An empty dataset (no rows or no attributes) yields an empty vector with a reason.
  /// - Complexity: O(n·d² + n log n · d) for general, statistical and info-theory;
  ///   O(n²·d) for complexity and clustering.
  public func features(of dataset: Dataset) -> MetaFeatureVector {
    var sink = FeatureSink(summaries: summaries)
    guard dataset.rowCount > 0, dataset.featureCount > 0 else {
      sink.note("dataset", "no rows or no attributes: nothing to extract")
      return MetaFeatureVector(entries: [], reasons: sink.reasons)
    }
    // Sorted columns are shared by statistical and info-theory's discretisation; the other
    // groups never read them.
    let needsSorted = groups.contains(.statistical) || groups.contains(.infoTheory)
    let views = DataViews(dataset, requirements: needsSorted ? [.sortedColumns] : [])
    if views.imputedCount > 0 {
      sink.note("imputed", "\(views.imputedCount) missing values imputed (median / most frequent)")
    }
    // Groups run side by side, each into its own sink, and landmarking's ten folds count as
    // ten units (libdispatch runs a parallel loop nested in another serially, so the folds
    // cannot split further inside a group's unit). The costliest units start first so the
    // cheap ones fill in. Names are disjoint across groups and the vector sorts them, so
    // neither order nor `nJobs` changes the result.
    var seen = Set<MetaFeatureGroup>()
    let distinct = groups.filter { seen.insert($0).inserted }.sorted { $0.costRank < $1.costRank }
    var landmarking: LandmarkingGroup.Run?
    if distinct.contains(.landmarking) {
      switch LandmarkingGroup.Run.prepare(views, seed: randomSeed) {
      case .failure(let error): LandmarkingGroup.Run.recordFailure(error, into: &sink)
      case .success(let run): landmarking = run
      }
    }
    var units: [Unit] = []
    for group in distinct {
      if group != .landmarking {
        units.append(.group(group))
      } else if let run = landmarking {
        units += (0..<run.foldCount).map { .fold(run, $0) }
      }
    }
    let seed = randomSeed
    let parts = parallelMap(units.count, jobs: nJobs) { [summaries, units] i -> Part in
      switch units[i] {
      case .fold(let run, let f): return .fold(run.outcome(fold: f))
      case .group(let group):
        var part = FeatureSink(summaries: summaries)
        Self.extract(group, views, seed: seed, into: &part)
        return .features(part)
      }
    }
    var outcomes: [LandmarkingGroup.FoldOutcome] = []
    for part in parts {
      switch part {
      case .features(let features): sink.merge(features)
      case .fold(let outcome): outcomes.append(outcome)
      }
    }
    landmarking?.record(outcomes, into: &sink)
    return MetaFeatureVector(entries: sink.entries, reasons: sink.reasons)
  }

  /// One unit of a parallel extraction: a whole group, or one landmarking fold.
  private enum Unit: Sendable {
    case group(MetaFeatureGroup)
    case fold(LandmarkingGroup.Run, Int)
  }

  /// What a ``Unit`` yields.
  private enum Part: Sendable {
    case features(FeatureSink)
    case fold(LandmarkingGroup.FoldOutcome)
  }

  /// Extracts one group (landmarking with its folds in order).
  private static func extract(_ group: MetaFeatureGroup, _ views: DataViews, seed: Int, into sink: inout FeatureSink) {
    switch group {
    case .general: GeneralGroup.extract(views, into: &sink)
    case .statistical: StatisticalGroup.extract(views, into: &sink)
    case .infoTheory: InfoTheoryGroup.extract(views, seed: seed, into: &sink)
    case .complexity: ComplexityGroup.extract(views, seed: seed, into: &sink)
    case .landmarking: LandmarkingGroup.extract(views, seed: seed, into: &sink)
    case .modelBased: ModelBasedGroup.extract(views, seed: seed, into: &sink)
    case .clustering: ClusteringGroup.extract(views, into: &sink)
    }
  }
}
