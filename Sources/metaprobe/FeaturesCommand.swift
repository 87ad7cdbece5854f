import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe features D [--groups ...] [--summary ...] [--json|--csv]`.
struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "Dataset meta-features with pymfe 0.4.4's names and definitions.",
    discussion: """
      Groups: \(MetaFeatureGroup.allCases.filter(\.isImplemented).map(\.rawValue).joined(separator: ", ")); \
      separate them by spaces or commas. \
      Default: \(MetaFeatureGroup.defaults.map(\.rawValue).joined(separator: ", ")). \
      Summaries default to mean and sd (ddof 1), named `<feature>.<summary>` as pymfe does; \
      scalar features keep their bare name (nr_inst). Missing values are imputed (median / most \
      frequent) before extraction, which pymfe cannot do.
      With --json: an object with dataset, features (each feature name to its value, null where \
      undefined) and reasons (each undefined feature's name to why). With --csv: name,value rows.
      """
  )

  @OptionGroup var dataset: DatasetOptions

  @Option(name: .long, parsing: .upToNextOption, help: "Groups to extract (pymfe names).")
  var groups: [String] = MetaFeatureGroup.defaults.map(\.rawValue)

  @Option(name: .long, parsing: .upToNextOption, help: "Summary functions (pymfe names, e.g. mean sd min max).")
  var summary: [String] = ["mean", "sd"]

  @Option(name: .long, help: "Seed of the random choices (pymfe's random_state: attr_conc's subset, random_node, trees).")
  var seed: Int = 0

  @Option(name: .long, help: "Threads to use (groups and landmarking folds run side by side; the values do not depend on it). Default: all cores.")
  var jobs: Int?

  /// `--jobs`, or every core.
  var threads: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

  @OptionGroup var output: OutputOptions

  @Flag(name: .long, help: "Print name,value CSV rows.")
  var csv = false

  /// The groups, with comma-separated lists split (`--groups landmarking,model-based`).
  var groupNames: [String] { groups.flatMap { $0.split(separator: ",").map(String.init) } }

  func validate() throws {
    for g in groupNames where MetaFeatureGroup(rawValue: g) == nil {
      throw ValidationError("unknown group '\(g)'; groups: \(MetaFeatureGroup.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    for s in summary where SummaryFunction(rawValue: s) == nil {
      throw ValidationError("unknown summary '\(s)'; summaries: \(SummaryFunction.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if csv && output.json { throw ValidationError("--json and --csv exclude each other") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
  }

  func run() throws {
    let data = try dataset.load()
    // Several extraction threads each calling BLAS: one OpenBLAS thread each (DESIGN.md, Threads).
    if threads > 1 { BLASThreads.set(1) }
    let extractor = MetaFeatureExtractor(
      groups: groupNames.compactMap(MetaFeatureGroup.init(rawValue:)),
      summaries: summary.compactMap(SummaryFunction.init(rawValue:)), randomSeed: seed, nJobs: threads)
    let vector = extractor.features(of: data)
    let pairs = zip(vector.names, vector.values).map { ($0, $1) }
    if output.json {
      var features = [String: JSONValue]()
      for (name, value) in pairs { features[name] = value.isFinite ? .number(value) : .null }
      try printJSON([
        "dataset": JSONValue.string(data.name), "features": .object(features),
        "reasons": .object(vector.reasons.mapValues { .string($0) }),
      ])
    } else if csv {
      print("name,value")
      for (name, value) in pairs { print("\(name),\(value.isFinite ? "\(value)" : "")") }
    } else {
      print(renderTable(header: ["feature", "value"], rows: pairs.map { [$0.0, $0.1.isFinite ? "\($0.1)" : "NaN"] }))
      for (name, reason) in vector.reasons.sorted(by: { $0.key < $1.key }) { print("note: \(name): \(reason)") }
    }
  }
}

/// A JSON value for heterogeneous objects (numbers, null, strings, objects).
enum JSONValue: Encodable {
  case number(Double)
  case string(String)
  case null
  case object([String: JSONValue])

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .number(let x): try c.encode(x)
    case .string(let s): try c.encode(s)
    case .null: try c.encodeNil()
    case .object(let o): try c.encode(o)
    }
  }
}
