/// A group of meta-features, named as in pymfe 0.4.4 (`MFE(groups=[...])`).
///
/// All groups but `clustering` are implemented; `clustering` is a reserved name that later work
/// fills in (selecting it now yields no features and a note in ``MetaFeatureVector/reasons``
/// under the group name).
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
  /// Clustering-validity indices (pymfe `clustering`); not yet implemented.
  case clustering

  /// pymfe's name of the group (`"info-theory"`, `"model-based"`, …).
  public var pymfeName: String { rawValue }

  /// `true` for the groups this version computes.
  public var isImplemented: Bool {
    switch self {
    case .general, .statistical, .infoTheory, .complexity, .modelBased, .landmarking: return true
    case .clustering: return false
    }
  }
}
