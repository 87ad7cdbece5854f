import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe datasets list|describe`.
struct DatasetsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "datasets",
    abstract: "List the bundled datasets or describe one.",
    subcommands: [List.self, Describe.self]
  )

  /// `metaprobe datasets list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the bundled datasets with shape, classes and source.",
      discussion: "With --json: an array with one object per dataset (name, collection, rows, features, classes, missing, source, licence, path)."
    )

    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
      var name, collection, source, licence, path: String
      var rows, features, classes, missing: Int
    }

    func run() throws {
      let registry = try DatasetRegistry.located()
      var rows = [Row]()
      for entry in registry.entries {
        let d = try registry.load(entry.name)
        rows.append(
          Row(
            name: entry.name, collection: entry.collection, source: entry.source,
            licence: entry.licence, path: entry.path, rows: d.rowCount,
            features: d.featureCount, classes: d.classCount, missing: d.missingCount))
      }
      if output.json {
        try printJSON(rows)
        return
      }
      print(
        renderTable(
          header: ["name", "collection", "rows", "features", "classes", "missing"],
          rows: rows.map {
            [$0.name, $0.collection, "\($0.rows)", "\($0.features)", "\($0.classes)", "\($0.missing)"]
          },
          rightAligned: [2, 3, 4, 5]))
      print("\(rows.count) datasets in \(registry.root.path)")
    }
  }

  /// `metaprobe datasets describe D`.
  struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Describe a dataset: shape, feature kinds, class balance, missing values.",
      discussion:
        "With --json: an object with name, source, rows, features, classes, target, class_counts, class_balance, feature_kinds, missing, rows_with_missing and columns."
    )

    @OptionGroup var dataset: DatasetOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let summary = DatasetSummary(of: try dataset.load())
      if output.json {
        try printJSON(summary)
        return
      }
      print("\(summary.name)  (\(summary.source))")
      print(
        "rows \(summary.rows), features \(summary.features) "
          + "(numeric \(summary.featureKinds["numeric"] ?? 0), categorical \(summary.featureKinds["categorical"] ?? 0)), "
          + "classes \(summary.classes), target '\(summary.target)'")
      print(
        "missing values \(summary.missing) in \(summary.rowsWithMissing) rows; "
          + "class balance (smallest/largest) \(String(format: "%.3f", summary.classBalance))")
      print("")
      print(
        renderTable(
          header: ["class", "rows", "share"],
          rows: summary.classCounts.sorted { $0.key < $1.key }.map {
            [$0.key, "\($0.value)", String(format: "%.1f %%", 100 * Double($0.value) / Double(max(summary.rows, 1)))]
          },
          rightAligned: [1, 2]))
      print("")
      print(
        renderTable(
          header: ["column", "kind", "categories", "missing"],
          rows: summary.columns.map {
            [$0.name, $0.kind, $0.categories.map { "\($0.count)" } ?? "", "\($0.missing)"]
          },
          rightAligned: [2, 3]))
    }
  }
}
