import ArgumentParser
import Foundation
import MetaProbeKit

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

      Every command runs OpenBLAS's Haswell kernels (the tool restarts itself with \
      OPENBLAS_CORETYPE=Haswell on a CPU with AVX2 and FMA), so the same seed gives the same \
      results and reports byte for byte on any x86-64 host. METAPROBE_BLAS_KERNELS=native keeps \
      the CPU's own kernels instead.
      """,
    subcommands: [
      DatasetsCommand.self, FitCommand.self, FeaturesCommand.self, ProbeCommand.self, TuneCommand.self,
      StudiesCommand.self,
      Logs.self, MetaCommand.self, OptimizeCommand.self, BenchCommand.self,
    ]
  )

  /// Pins OpenBLAS's kernel family (``BLASKernel/pinForReproducibility(arguments:)``: the same
  /// seed gives the same bits on every x86-64 host), sets the allocator policy
  /// (``ProcessMemory/keepFreedMemory()``), then parses and runs.
  static func main() async {
    BLASKernel.pinForReproducibility()
    ProcessMemory.keepFreedMemory()
    do {
      var command = try parseAsRoot(nil)
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      // Help and version requests exit 0 as ArgumentParser prints them; every reported error,
      // a usage error included (ArgumentParser's own code would be 64), exits 1 (DESIGN.md);
      // passwords and tokens in the message are masked.
      guard exitCode(for: error) != .success else { exit(withError: error) }
      FileHandle.standardError.write(Data((Redaction.redact(fullMessage(for: error)) + "\n").utf8))
      Foundation.exit(1)
    }
  }
}
