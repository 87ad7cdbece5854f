import Linalg
import Testing

@Suite struct SeededGeneratorTests {
  @Test func sameSeedGivesSameStream() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
  }
}

// MARK: - Streams

extension SeededGeneratorTests {
  @Test func differentSeedsGiveDifferentStreams() {
    var a = SeededGenerator(seed: 1)
    var b = SeededGenerator(seed: 2)
    let first = (0..<8).map { _ in a.next() }
    let second = (0..<8).map { _ in b.next() }
    #expect(first != second)
  }

  @Test func splitStreamsAreReproducibleAndDistinct() {
    var parent1 = SeededGenerator(seed: 7)
    var parent2 = SeededGenerator(seed: 7)
    var childA = parent1.split(stream: 0)
    var childB = parent2.split(stream: 0)
    #expect(childA.next() == childB.next())
    var p = SeededGenerator(seed: 7)
    var q = SeededGenerator(seed: 7)
    var c0 = p.split(stream: 0)
    var c1 = q.split(stream: 1)
    #expect(c0.next() != c1.next())
  }
}

// MARK: - Distributions

extension SeededGeneratorTests {
  @Test func uniformHasMeanOneHalfAndVarianceOneTwelfth() {
    var rng = SeededGenerator(seed: 2024)
    let draws = (0..<100_000).map { _ in rng.uniform() }
    #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(abs(Statistics.mean(draws) - 0.5) < 0.005)
    #expect(abs(Statistics.variance(draws) - 1.0 / 12.0) < 0.002)
    let shifted = (0..<10_000).map { _ in rng.uniform(-3, 5) }
    #expect(shifted.allSatisfy { $0 >= -3 && $0 < 5 })
    #expect(abs(Statistics.mean(shifted) - 1) < 0.1)
  }

  @Test func normalHasStandardMoments() {
    var rng = SeededGenerator(seed: 99)
    let draws = (0..<100_000).map { _ in rng.normal() }
    #expect(abs(Statistics.mean(draws)) < 0.01)
    #expect(abs(Statistics.variance(draws) - 1) < 0.02)
    #expect(abs(Statistics.skewness(draws)) < 0.05)
    #expect(abs(Statistics.kurtosis(draws)) < 0.1)
    let scaled = (0..<20_000).map { _ in rng.normal(mean: 10, sd: 2) }
    #expect(abs(Statistics.mean(scaled) - 10) < 0.05)
    #expect(abs(Statistics.standardDeviation(scaled) - 2) < 0.05)
  }

  @Test func integerBelowCoversRangeUniformly() {
    var rng = SeededGenerator(seed: 5)
    var counts = [Int](repeating: 0, count: 7)
    for _ in 0..<70_000 { counts[rng.integer(below: 7)] += 1 }
    #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
  }
}

// MARK: - Permutations and samples

extension SeededGeneratorTests {
  @Test func shuffleIsAPermutation() {
    var rng = SeededGenerator(seed: 3)
    let original = Array(0..<50)
    var shuffled = original
    rng.shuffle(&shuffled)
    #expect(shuffled.sorted() == original)
    #expect(shuffled != original)
    #expect(rng.permutation(20).sorted() == Array(0..<20))
    #expect(rng.shuffled(["a", "b", "c"]).sorted() == ["a", "b", "c"])
  }

  @Test(arguments: [(k: 3, n: 100), (k: 60, n: 100), (k: 100, n: 100), (k: 0, n: 5)])
  func sampleWithoutReplacementGivesDistinctValuesInRange(_ k: Int, _ n: Int) {
    var rng = SeededGenerator(seed: UInt64(k * 1000 + n))
    let sample = rng.sample(k, from: n)
    #expect(sample.count == k)
    #expect(Set(sample).count == k)
    #expect(sample.allSatisfy { $0 >= 0 && $0 < n })
  }

  @Test func sameSeedGivesSameShuffle() {
    var a = SeededGenerator(seed: 77)
    var b = SeededGenerator(seed: 77)
    #expect(a.permutation(30) == b.permutation(30))
    #expect(a.sample(5, from: 1000) == b.sample(5, from: 1000))
  }
}
