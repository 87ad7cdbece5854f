import Foundation
import Testing

@testable import Datasets

/// The path of a file in the test bundle's `Fixtures` folder.
func fixture(_ name: String) -> String {
  let folder =
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)
    ?? URL(fileURLWithPath: "Fixtures")
  return folder.appendingPathComponent(name).path
}

/// `true` when both arrays are equal, treating `NaN == NaN`.
func sameValues(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }
}

/// A fresh empty temporary directory.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("metaprobe-datasets-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
