import Linalg
import Testing

@testable import Search

@Suite struct EncodingTests {
  @Test func encodedNamesOneHotCategoricals() throws {
    let space = try SearchSpaceTests.conditionalSpace()
    #expect(
      space.encodedNames == [
        "optimizer=sgd", "optimizer=adam", "lr", "momentum", "layers", "width", "dropout=0",
        "dropout=0.1", "dropout=0.5",
      ])
    #expect(space.encodedDimension == 9)
  }

  @Test func encodingUsesLogScaleAndFillsInactiveColumns() throws {
    let space = try SearchSpaceTests.conditionalSpace()
    let c: Configuration = [
      "optimizer": .categorical("adam"), "lr": .float(1e-3), "layers": .int(4),
      "width": .int(64), "dropout": .categorical("0"),
    ]
    let v = space.encode(c)
    #expect(v[0] == 0 && v[1] == 1)
    #expect(abs(v[2] - 0.5) < 1e-12)  // log10: -3 is halfway between -5 and -1
    #expect(v[3] == SearchSpace.inactiveFill)
    #expect(abs(v[4] - 1) < 1e-12)
    #expect(abs(v[5] - 0.5) < 1e-12)  // 64 is the geometric midpoint of 16 and 256
    #expect(Array(v[6...]) == [1, 0, 0])
  }

  @Test(arguments: [UInt64(1), 2, 3, 4, 5])
  func decodeInvertsEncodeForRandomConfigurations(seed: UInt64) throws {
    let space = try SearchSpaceTests.conditionalSpace()
    var g = SeededGenerator(seed: seed)
    for _ in 0..<200 {
      let c = space.sample(using: &g)
      try space.validate(c)
      let v = space.encode(c)
      #expect(v.allSatisfy { ($0 >= 0 && $0 <= 1) || $0 == SearchSpace.inactiveFill })
      let back = try space.decode(v)
      #expect(back["optimizer"] == c["optimizer"])
      #expect(back["layers"] == c["layers"])
      #expect(back["width"] == c["width"])
      #expect(
        back["momentum"] == c["momentum"]
          || abs((back["momentum"]?.doubleValue ?? -9) - (c["momentum"]?.doubleValue ?? 9)) < 1e-12)
      let x = try #require(c["lr"]?.doubleValue)
      let y = try #require(back["lr"]?.doubleValue)
      #expect(abs(x - y) <= 1e-12 * x)
      #expect(back.names == c.names)
    }
  }

  @Test func decodeRoundsAndUsesArgmax() throws {
    let space = try SearchSpaceTests.conditionalSpace()
    let c = try space.decode([0.7, 0.2, 0.5, 0.44, 0.4, 1.2, 0.1, 0.3, 0.2])
    #expect(c["optimizer"] == .categorical("sgd"))
    #expect(c["momentum"] == .float(0.4))  // 0.44·0.9 = 0.396 → 0.4 on the 0.1 grid
    #expect(c["layers"] == .int(2))  // 1 + 0.4·3 = 2.2 → 2
    #expect(c["width"] == nil)  // layers = 2 deactivates width
    #expect(c["dropout"] == .categorical("0.1"))
    #expect(throws: SearchError.encodingLength(expected: 9, got: 2)) { try space.decode([0, 1]) }
  }

  @Test func gridExpandsConditionalParametersOnlyWhereActive() throws {
    let space = try SearchSpace(
      .categorical("optimizer", ["sgd", "adam"]),
      .float("momentum", 0, 0.9, when: Condition("optimizer", is: "sgd")),
      .float("lr", 1e-4, 1e-1, log: true))
    // (k momentum values under sgd + 1 for adam) × k learning rates.
    let grid = space.grid(pointsPerNumeric: 4)
    #expect(space.grid(pointsPerNumeric: 3).count == (3 + 1) * 3)
    #expect(grid.count == (4 + 1) * 4)
    #expect(Set(grid).count == grid.count)
    for c in grid { try space.validate(c) }
    let lrs = Set(grid.compactMap { $0["lr"]?.doubleValue }).sorted()
    let expected = [1e-4, 1e-3, 1e-2, 1e-1]
    for (a, b) in zip(lrs, expected) { #expect(abs(a - b) <= 1e-12 * b) }
  }

  @Test func gridOfSmallIntRangeListsEachValueOnce() throws {
    let space = try SearchSpace(.int("k", 1, 3), .categorical("c", ["a", "b"]))
    #expect(space.grid(pointsPerNumeric: 10).count == 3 * 2)
    #expect(space.grid(pointsPerNumeric: 1).count == 2)
  }

  @Test func uniformSamplingCoversTheLogRangeEvenly() throws {
    let space = try SearchSpace(.float("lr", 1e-4, 1, log: true))
    var g = SeededGenerator(seed: 7)
    let n = 4000
    let below = (0..<n).filter { _ in (space.sample(using: &g)["lr"]?.doubleValue ?? 0) < 1e-2 }
    // log-uniform: P(lr < 1e-2) = 2/4.
    #expect(abs(Double(below.count) / Double(n) - 0.5) < 0.03)
  }
}
