extension Parameter {
  /// `parameters` after their domains were narrowed: each condition keeps only the parent values
  /// its parent still has, and a parameter left with none (it could never be active) is dropped,
  /// together with the parameters conditioned on it. Parents must come before their children.
  ///
  /// For example the SVM's `degree` (active when `kernel` is `poly`) is dropped when `kernel` is
  /// narrowed to `rbf`, and `gamma` (active for `rbf`, `poly`, `sigmoid`) keeps `rbf` alone.
  public static func reconcilingConditions(_ parameters: [Parameter]) -> [Parameter] {
    var kept: [Parameter] = []
    for var p in parameters {
      if var condition = p.condition {
        guard let parent = kept.first(where: { $0.name == condition.parent }) else {
          // The parent was dropped (or never present): so is its child.
          if parameters.contains(where: { $0.name == condition.parent }) { continue }
          kept.append(p)
          continue
        }
        condition.values = condition.values.filter { parent.contains($0) }
        if condition.values.isEmpty { continue }
        p.condition = condition
      }
      kept.append(p)
    }
    return kept
  }
}
