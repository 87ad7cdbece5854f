import Experiments
import Search
import Testing

@Test func normalisedRegretIsZeroAtBestAndOneAtMedian() throws {
  // Values 1...5: best 5, median 3 when maximising; best 1, median 3 when minimising.
  let values: [Double] = [3, 1, 5, 2, 4]
  let up = try #require(NormalisedRegret(trueValues: values, direction: .maximize))
  #expect(up.regret(of: 5) == 0)
  #expect(up.regret(of: 3) == 1)
  #expect(up.regret(of: 4) == 0.5)
  #expect(up.regret(of: 1) == 2)
  let down = try #require(NormalisedRegret(trueValues: values, direction: .minimize))
  #expect(down.regret(of: 1) == 0)
  #expect(down.regret(of: 3) == 1)
  #expect(down.regret(of: 2) == 0.5)
  #expect(NormalisedRegret(trueValues: [.nan], direction: .maximize) == nil)
  // Best equals median (three of four tie at the top): optimal → 0, anything else → 1.
  let flat = try #require(NormalisedRegret(trueValues: [0.9, 0.9, 0.9, 0.5], direction: .maximize))
  #expect(flat.regret(of: 0.9) == 0)
  #expect(flat.regret(of: 0.5) == 1)
}
