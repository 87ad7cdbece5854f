/// A group of meta-features, named as in pymfe 0.4.4 (`MFE(groups=[...])`).
public enum MetaFeatureGroup: String, CaseIterable, Sendable, Codable, Hashable {
  /// Simple counts and ratios of the dataset (pymfe `general`).
  case general
  /// Per-attribute statistics of the numeric view N (pymfe `statistical`).
  case statistical
  /// Entropies and concentrations of the categorical view C (pymfe `info-theory`).
  case infoTheory = "info-theory"
  /// Decision-tree shape features (pymfe `model-based`).
  case modelBased = "model-based"
  /// Cross-validated simple learners (pymfe `landmarking`).
  case landmarking
  /// Class-overlap, neighbourhood and dimensionality measures (pymfe `complexity`).
  case complexity
  /// Clustering-validity indices of the partition by class (pymfe `clustering`).
  case clustering

  /// The groups extracted when none are named: general, statistical and info-theory.
  ///
  /// The cheap part of pymfe's default set (pymfe's `groups="default"` also runs model-based and
  /// landmarking, which fit models); `metaprobe features`, `metaprobe logs generate --features`,
  /// `metaprobe meta predict`, the benchmark task features and `mfe-timing` all start from it.
  public static let defaults: [MetaFeatureGroup] = [.general, .statistical, .infoTheory]

  /// pymfe's name of the group (`"info-theory"`, `"model-based"`, …).
  public var pymfeName: String { rawValue }

  /// `true` for the groups this version computes.
  public var isImplemented: Bool {
    switch self {
    case .general, .statistical, .infoTheory, .complexity, .modelBased, .landmarking, .clustering: return true
    }
  }
}

extension MetaFeatureGroup {
  /// The order in which a parallel extraction starts the groups: the costliest first
  /// (measured on the bundled datasets: complexity and clustering are O(n²), landmarking fits
  /// 70 models), so the cheap ones fill in beside them.
  var costRank: Int {
    switch self {
    case .complexity: 0
    case .clustering: 1
    case .landmarking: 2
    case .modelBased: 3
    case .statistical: 4
    case .infoTheory: 5
    case .general: 6
    }
  }
}
