// Reading the bundled datasets: the largest bundled CSV (digits) and a KEEL .dat file.
import Benchmark
import Datasets
import Foundation

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput], timeUnits: .milliseconds, maxDuration: .seconds(2))
  guard let registry = try? DatasetRegistry.located() else { return }
  for name in ["digits", "mushroom"] {
    guard let entry = registry.entries.first(where: { $0.name == name }) else { continue }
    Benchmark("read \(name)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try Dataset.read(from: entry.path).rowCount)
      }
    }
  }
}
