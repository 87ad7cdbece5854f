import Testing

@testable import MetaFeatures

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

  /// `np.random.seed(0); np.random.random_sample(3)` and `choice(n, m)` with replacement then
  /// `ranf(2)` (numpy 2.4), the draws of pymfe's `_interpolate`.
  @Test func samplingMatchesNumpyLegacyGenerator() {
    var a = LegacyNumpyRandom(seed: 0)
    #expect((0..<3).map { _ in a.randomSample() } == [0.5488135039273248, 0.7151893663724195, 0.6027633760716439])
    var b = LegacyNumpyRandom(seed: 0)
    #expect(b.choiceWithReplacement(0, 0) == [])
    #expect(b.choiceWithReplacement(1, 1) == [0])
    #expect(b.choiceWithReplacement(5, 5) == [4, 0, 3, 3, 3])
    #expect(b.choiceWithReplacement(3, 4) == [1, 1, 2, 0])
    #expect([b.randomSample(), b.randomSample()] == [0.2975346065444723, 0.05671297731744318])
  }

  /// scikit-learn seeds liblinear with `RandomState(0).randint(2**31 - 1)` = 209652396.
  @Test func liblinearSeedMatchesNumpy() {
    var a = LegacyNumpyRandom(seed: 0)
    #expect(a.interval(2_147_483_646) == 209_652_396)
  }
}
