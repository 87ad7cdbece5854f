import ArgumentParser

/// The `metaprobe` command-line tool.
@main
struct MetaProbe: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metaprobe",
    abstract: "Meta-learning hyperparameter optimisation: learn from past tuning, start near the optimum."
  )
}
