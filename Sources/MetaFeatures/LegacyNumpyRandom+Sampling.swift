extension LegacyNumpyRandom {
  /// `np.random.random_sample()` (`ranf`): 53-bit double in [0, 1) from two 32-bit draws.
  mutating func randomSample() -> Double {
    let a = Double(nextUInt32() >> 5)
    let b = Double(nextUInt32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
  }

  /// `np.random.choice(n, count)` with replacement (`randint(0, n, count)`); empty when n = 0.
  mutating func choiceWithReplacement(_ n: Int, _ count: Int) -> [Int] {
    guard n > 0 else { return [] }
    return (0..<count).map { _ in interval(n - 1) }
  }
}
