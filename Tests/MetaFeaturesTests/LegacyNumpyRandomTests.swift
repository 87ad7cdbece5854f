@testable import MetaFeatures
import Testing

@Suite struct LegacyNumpyRandomTests {
  /// Values from `np.random.seed(s); np.random.choice(np.arange(n), 12, replace=False)` (numpy 2.4).
  @Test func choiceMatchesNumpyLegacyGenerator() {
    var a = LegacyNumpyRandom(seed: 0)
    #expect(a.choice(15, 12) == [1, 6, 8, 9, 14, 4, 2, 13, 10, 7, 11, 3])
    var b = LegacyNumpyRandom(seed: 0)
    #expect(b.choice(64, 12) == [45, 29, 43, 61, 34, 33, 31, 40, 26, 62, 22, 2])
    var c = LegacyNumpyRandom(seed: 3)
    #expect(c.choice(30, 12) == [15, 5, 22, 26, 18, 14, 13, 2, 16, 1, 17, 27])
  }
}
