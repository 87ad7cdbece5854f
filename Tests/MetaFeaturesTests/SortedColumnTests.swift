import Testing

@testable import MetaFeatures

/// `SortedColumn.sorted` must return `x.sorted()` bit for bit, whichever path it takes.
@Suite struct SortedColumnTests {
  static func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

  static func column(_ name: String) -> [Double] {
    let rows = Array(0..<1000)
    switch name {
    case "0/1 indicator": return rows.map { ($0 * 7919) % 3 == 0 ? 1.0 : 0.0 }
    case "small integers": return rows.map { Double(($0 * 7919) % 10 + 1) }
    case "negative integers": return rows.map { Double(($0 * 104_729) % 41 - 20) }
    case "one value": return [Double](repeating: 5, count: 100)
    case "single row": return [3.0]
    case "range just within 2n + 64": return rows.prefix(100).map { Double(($0 * 37) % 264) }
    case "range beyond 2n + 64": return rows.prefix(100).map { Double(($0 * 37) % 100) * 3 }
    case "non-integers": return rows.map { Double(($0 * 7919) % 10) + 0.5 }
    case "negative zero": return rows.prefix(200).map { $0 % 3 == 0 ? -0.0 : Double($0 % 4) }
    case "large integers": return rows.prefix(200).map { $0 % 2 == 0 ? 0x1p53 : Double($0 % 5) }
    case "infinity": return rows.prefix(200).map { $0 == 7 ? Double.infinity : Double($0 % 5) }
    default: return []
    }
  }

  @Test(arguments: [
    "0/1 indicator", "small integers", "negative integers", "one value", "single row",
    "range just within 2n + 64", "range beyond 2n + 64", "non-integers", "negative zero",
    "large integers", "infinity",
  ])
  func equalsTheComparisonSort(_ name: String) {
    let x = Self.column(name)
    #expect(!x.isEmpty)
    #expect(Self.bits(SortedColumn.sorted(x)) == Self.bits(x.sorted()))
  }

  @Test func emptyColumn() {
    #expect(SortedColumn.sorted([]).isEmpty)
  }

  /// The counting path places −0.0 and +0.0 as the stable sort does only because it refuses
  /// −0.0: with it, a counted column would come back with +0.0 where −0.0 was.
  @Test func negativeZeroKeepsItsBits() {
    let x = [1.0, -0.0, 0.0, 2.0, -0.0]
    let sorted = SortedColumn.sorted(x)
    #expect(sorted.map { $0.sign == .minus } == [true, false, true, false, false])
  }
}
