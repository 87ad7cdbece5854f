import Foundation
import Search
import Testing

@testable import Storage

/// The path of a file in the test bundle's `Fixtures` folder.
func fixture(_ name: String) -> String {
  let folder =
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)
    ?? URL(fileURLWithPath: "Fixtures")
  return folder.appendingPathComponent(name).path
}

/// A fresh empty temporary directory.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("metaprobe-storage-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A space with every parameter kind.
func mixedSpace() throws -> SearchSpace {
  try SearchSpace(
    .float("x", -5, 5), .float("lr", 1e-5, 1e-1, log: true), .int("layers", 1, 6),
    .categorical("activation", ["relu", "tanh", "gelu"]))
}

/// Dates equal to the microsecond (the storage keeps microseconds, as Optuna does).
func sameInstant(_ a: Date?, _ b: Date?) -> Bool {
  switch (a, b) {
  case (nil, nil): return true
  case (let x?, let y?): return abs(x.timeIntervalSince(y)) < 1e-6
  default: return false
  }
}

/// `true` when two trials agree on every field, dates to the microsecond.
func sameTrial(_ a: Trial, _ b: Trial) -> Bool {
  a.number == b.number && a.state == b.state && a.params == b.params
    && a.params.names == b.params.names && a.values == b.values
    && a.intermediateValues == b.intermediateValues && a.userAttributes == b.userAttributes
    && a.systemAttributes == b.systemAttributes && sameInstant(a.startDate, b.startDate)
    && sameInstant(a.completeDate, b.completeDate) && a.failReason == b.failReason
}
