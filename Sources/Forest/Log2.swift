#if canImport(Glibc)
  import Glibc
  /// log₂ from the C library.
  @inline(__always) func forestLog2(_ x: Double) -> Double { Glibc.log2(x) }
#else
  import Foundation
  /// log₂ from the C library.
  @inline(__always) func forestLog2(_ x: Double) -> Double { Foundation.log2(x) }
#endif
