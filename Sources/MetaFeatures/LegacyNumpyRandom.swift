/// numpy's legacy global generator (`np.random.seed(s)` then `np.random.choice`), used only
/// to reproduce pymfe's random choice of 12 attributes in `attr_conc`.
///
/// MT19937 seeded with `init_genrand(s)`; `choice(n, k, replace=False)` is the first `k`
/// entries of `permutation(n)`, a Fisher–Yates shuffle from the back whose draws are
/// bounded 32-bit integers by mask rejection (numpy's `random_interval`).
struct LegacyNumpyRandom {
  private var mt = [UInt32](repeating: 0, count: 624)
  private var index = 624

  init(seed: UInt32) {
    mt[0] = seed
    for i in 1..<624 {
      mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
    }
    index = 624
  }

  mutating func nextUInt32() -> UInt32 {
    if index >= 624 { twist() }
    var y = mt[index]
    index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9d2c_5680
    y ^= (y << 15) & 0xefc6_0000
    y ^= y >> 18
    return y
  }

  private mutating func twist() {
    for i in 0..<624 {
      let y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % 624] & 0x7fff_ffff)
      var v = mt[(i + 397) % 624] ^ (y >> 1)
      if y & 1 != 0 { v ^= 0x9908_b0df }
      mt[i] = v
    }
    index = 0
  }

  /// A uniform integer in 0...max (numpy's legacy `random_interval`, max < 2³²).
  mutating func interval(_ max: Int) -> Int {
    guard max > 0 else { return 0 }
    var mask = UInt32(max)
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    while true {
      let v = nextUInt32() & mask
      if v <= UInt32(max) { return Int(v) }
    }
  }

  /// `np.random.permutation(n)`.
  mutating func permutation(_ n: Int) -> [Int] {
    var a = Array(0..<n)
    var i = n - 1
    while i >= 1 {
      let j = interval(i)
      a.swapAt(i, j)
      i -= 1
    }
    return a
  }

  /// `np.random.choice(n, k, replace=False)`.
  mutating func choice(_ n: Int, _ k: Int) -> [Int] {
    Array(permutation(n).prefix(k))
  }
}
