extension Study {
  /// The COMPLETE trials as loss vectors (maximised objectives negated).
  private var completedLosses: [(trial: Trial, loss: [Double])] {
    cache.filter { $0.state == .complete && $0.values.count == directions.count }
      .map { t in (t, zip(directions, t.values).map { $0.loss($1) }) }
  }

  /// The COMPLETE trials that no other COMPLETE trial dominates, by number.
  ///
  /// This is front 0 of fast non-dominated sorting (Deb et al. 2002); with one objective, the
  /// trials sharing the best value.
  public func paretoFront() -> [Trial] {
    let entries = completedLosses
    guard let front = Pareto.nondominatedFronts(entries.map(\.loss)).first else { return [] }
    return front.map { entries[$0].trial }.sorted { $0.number < $1.number }
  }

  /// The hypervolume of the COMPLETE trials' values with respect to `reference`.
  ///
  /// - Parameter reference: one value per objective in the objectives' own units, worse than
  ///   the trials of interest (larger for minimised objectives, smaller for maximised ones).
  /// - Throws: `valueCount` when `reference` has the wrong length.
  public func hypervolume(reference: [Double]) throws(SearchError) -> Double {
    guard reference.count == directions.count else {
      throw .valueCount(number: -1, expected: directions.count, got: reference.count)
    }
    let ref = zip(directions, reference).map { $0.loss($1) }
    return Hypervolume.compute(completedLosses.map(\.loss), reference: ref)
  }
}
