extension Study {
  /// Reloads every trial from storage, so the study sees trials written by other workers.
  ///
  /// Every change is written to storage before the study's own view (write-ahead), so the
  /// storage's view is never behind this study's; ``optimize(trials:jobs:trialTimeout:studyTimeout:maxFailures:retries:callbacks:heartbeatInterval:showProgress:objective:)``
  /// refreshes before each new trial.
  /// - Throws: storage errors.
  public func refresh() async throws(SearchError) {
    let stored = try await storage.trials(studyID: id)
    cache = stored.sorted { $0.number < $1.number }
  }
}
