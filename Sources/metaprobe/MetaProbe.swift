import ArgumentParser
import Linalg

/// The `metaprobe` command-line tool: thin commands over the library modules.
///
/// Conventions (DESIGN.md): data on stdout, progress and errors on stderr; `--json` for
/// machine-readable output; exit status 0 on success and 1 on a reported error.
@main
struct MetaProbe: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metaprobe",
    abstract: "Meta-learning hyperparameter optimisation: learn from past tuning, start near the optimum.",
    discussion: """
      Datasets are given by registry name (see `metaprobe datasets list`) or by path \
      (.csv, .arff, .dat). Set METAPROBE_DATASETS to use another datasets folder.
      """,
    subcommands: [
      DatasetsCommand.self, FitCommand.self, FeaturesCommand.self, ProbeCommand.self, TuneCommand.self,
      StudiesCommand.self,
      Logs.self, MetaCommand.self, OptimizeCommand.self, BenchCommand.self,
    ]
  )

  /// Sets the allocator policy (``ProcessMemory/keepFreedMemory()``), then parses and runs.
  static func main() async {
    ProcessMemory.keepFreedMemory()
    await main(nil)
  }
}
