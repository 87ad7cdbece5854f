import ArgumentParser
import Foundation
import MetaProbeKit

/// Options shared by every command that prints results.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
  var json = false
}

/// Writes `value` to stdout as pretty-printed JSON with sorted keys (deterministic bytes).
func printJSON(_ value: some Encodable) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  encoder.nonConformingFloatEncodingStrategy = .convertToString(
    positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
  let data = try encoder.encode(value)
  FileHandle.standardOutput.write(data)
  FileHandle.standardOutput.write(Data("\n".utf8))
}

/// A fixed-width text table for human-readable output.
func renderTable(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
  let widths = header.indices.map { j in
    max(header[j].count, rows.map { $0[j].count }.max() ?? 0)
  }
  func line(_ cells: [String]) -> String {
    cells.enumerated().map { j, cell in
      let pad = String(repeating: " ", count: widths[j] - cell.count)
      return rightAligned.contains(j) ? pad + cell : cell + pad
    }.joined(separator: "  ").replacing(/\s+$/, with: "")
  }
  return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
    .joined(separator: "\n")
}

/// `--resource-kind data|epochs|trees`: what a resource level scales.
enum ResourceKindArgument: String, ExpressibleByArgument, CaseIterable {
  case data, epochs, trees

  /// The search module's kind.
  var kind: Resource.Kind {
    switch self {
    case .data: .dataFraction
    case .epochs: .epochs
    case .trees: .trees
    }
  }
}
