/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64.
///
/// Library code never uses the system generator; every random choice takes a
/// `SeededGenerator` (or any `RandomNumberGenerator`) passed in, so the same seed gives the same
/// result on every machine. `SeededGenerator` conforms to `RandomNumberGenerator`, so the
/// standard library's `random(in:using:)` and `shuffled(using:)` accept it too, but the methods
/// here are the ones whose output is documented and stable across Swift versions.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Creates a generator whose whole stream is determined by `seed`.
  ///
  /// - Parameter seed: any 64-bit value; the four words of state are filled by SplitMix64.
  public init(seed: UInt64) {
    var sm = seed
    func splitMix() -> UInt64 {
      sm &+= 0x9E37_79B9_7F4A_7C15
      var z = sm
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A derived, independent generator for a sub-task (a fold, a trial, a tree).
  ///
  /// The child's seed mixes this generator's next output with `stream`, so children for
  /// different `stream` values differ, and the parent advances by one step.
  public mutating func split(stream: UInt64 = 0) -> SeededGenerator {
    SeededGenerator(seed: next() ^ (stream &* 0xD1B5_4A32_D192_ED03))
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  @inlinable
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform `Double` in [`low`, `high`).
  @inlinable
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
  ///
  /// - Precondition: `bound > 0`.
  @inlinable
  public mutating func integer(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let t = (0 &- b) % b
      while m.low < t { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  /// A standard normal draw (mean 0, sd 1) by the Box–Muller transform.
  public mutating func normal() -> Double {
    // u1 in (0, 1] so log(u1) is finite.
    let u1 = 1.0 - uniform()
    let u2 = uniform()
    return (-2.0 * _log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2)
  }

  /// A normal draw with the given mean and standard deviation (sd ≥ 0).
  public mutating func normal(mean: Double, sd: Double) -> Double {
    mean + sd * normal()
  }

  /// Shuffles `array` in place (Fisher–Yates, from the last position down).
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = integer(below: i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }

  /// `array` in a random order.
  public mutating func shuffled<T>(_ array: [T]) -> [T] {
    var copy = array
    shuffle(&copy)
    return copy
  }

  /// A random permutation of `0..<n`.
  public mutating func permutation(_ n: Int) -> [Int] {
    shuffled(Array(0..<n))
  }

  /// `k` distinct indices drawn uniformly from `0..<n`, in the order drawn.
  ///
  /// Uses a partial Fisher–Yates shuffle for dense draws and rejection with a set for
  /// sparse ones; both are O(k) expected beyond the O(n) of the dense case.
  /// - Precondition: `0 ≤ k ≤ n`.
  public mutating func sample(_ k: Int, from n: Int) -> [Int] {
    precondition(k >= 0 && k <= n, "cannot draw \(k) distinct values from \(n)")
    if k * 4 > n {
      var pool = Array(0..<n)
      for i in 0..<k {
        let j = i + integer(below: n - i)
        pool.swapAt(i, j)
      }
      return Array(pool[0..<k])
    }
    var seen = Set<Int>(minimumCapacity: k)
    var out = [Int]()
    out.reserveCapacity(k)
    while out.count < k {
      let v = integer(below: n)
      if seen.insert(v).inserted { out.append(v) }
    }
    return out
  }
}

#if canImport(Glibc)
  import Glibc
  @usableFromInline func _log(_ x: Double) -> Double { Glibc.log(x) }
  @usableFromInline func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
  import Foundation
  @usableFromInline func _log(_ x: Double) -> Double { Foundation.log(x) }
  @usableFromInline func _cos(_ x: Double) -> Double { Foundation.cos(x) }
#endif

extension SeededGenerator {
  /// FNV-1a (64-bit) of the UTF-8 bytes of `name`: a stable seed salt for a named thing (a task,
  /// a learner), so that seeds derived from names do not depend on which other names a run
  /// holds nor on their order.
  public static func nameHash(_ name: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in name.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x0000_0100_0000_01B3
    }
    return h
  }
}
