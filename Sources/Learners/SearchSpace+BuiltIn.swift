import Search

extension SearchSpace {
  /// A learner's built-in space: its parameters are written in this module and valid, so a
  /// validation failure is a programming error, not user input.
  static func builtIn(_ parameters: [Parameter]) -> SearchSpace {
    do {
      return try SearchSpace(parameters)
    } catch {
      preconditionFailure("built-in search space is invalid: \(error)")
    }
  }
}
