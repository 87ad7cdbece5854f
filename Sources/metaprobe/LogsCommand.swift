import ArgumentParser

/// `metaprobe logs …`: tuning logs.
struct Logs: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logs",
    abstract: "Tuning logs: generate MetaProbe's own corpus.",
    subcommands: [LogsGenerate.self]
  )
}
