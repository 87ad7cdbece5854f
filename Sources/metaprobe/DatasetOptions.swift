import ArgumentParser
import Foundation
import MetaProbeKit

/// The dataset argument every computing command takes: a registry name or a path.
struct DatasetOptions: ParsableArguments {
  @Argument(help: "A bundled dataset's name (see `metaprobe datasets list`) or a .csv, .arff or .dat path.")
  var dataset: String

  @Option(name: .long, help: "The target column, where it is not the last one.")
  var target: String?

  /// Loads the dataset: a file when the argument names an existing file, else a registry entry.
  func load() throws -> Dataset {
    if FileManager.default.fileExists(atPath: dataset) {
      return try Dataset.read(from: dataset, target: target)
    }
    return try DatasetRegistry.located().resolve(dataset, target: target)
  }
}
