import Foundation
import MetaFeatures
import Testing

struct ShapiroCase: Decodable {
  let x: [Double]
  let w: Double
  let p: Double
}

@Suite struct ShapiroWilkTests {
  static let cases: [ShapiroCase] = {
    guard let dir = try? fixturesDirectory(),
      let data = try? Data(contentsOf: dir.appendingPathComponent("shapiro.json"))
    else { return [] }
    return (try? JSONDecoder().decode([ShapiroCase].self, from: data)) ?? []
  }()

  @Test func statisticAndPValueMatchScipy() throws {
    #expect(Self.cases.count >= 30)
    for c in Self.cases {
      let r = try #require(ShapiroWilk.test(c.x))
      #expect(abs(r.w - c.w) <= 1e-9, "n = \(c.x.count): W \(r.w) scipy \(c.w)")
      #expect(abs(r.p - c.p) <= Swift.max(1e-9, 1e-7 * c.p), "n = \(c.x.count): p \(r.p) scipy \(c.p)")
    }
  }

  @Test func constantSampleIsNormalWithPValueOne() throws {
    let r = try #require(ShapiroWilk.test([2, 2, 2, 2, 2]))
    #expect(r.w == 1 && r.p == 1)
  }

  @Test func fewerThanThreeValuesHaveNoTest() {
    #expect(ShapiroWilk.test([1, 2]) == nil)
    #expect(ShapiroWilk.test([1, .nan, 3]) == nil)
  }
}
