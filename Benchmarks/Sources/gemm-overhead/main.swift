// Measures the overhead of `Matrix.multiply` (Linalg's gemm wrapper) against calling
// `cblas_sgemm` / `cblas_dgemm` directly on the same buffers, interleaved in one run.
// Prints, per size and precision, the median time of each and the median of the per-pair
// ratios (wrapper / raw). Usage: gemm-overhead [--threads T] [--seconds S] [sizes...]
import CBLASRaw
import Foundation
import Linalg

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
}

protocol RawGemm: BLASScalar {
  static func rawGemm(_ n: Int, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafeMutablePointer<Self>)
}
extension Float: RawGemm {
  static func rawGemm(_ n: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>) {
    let n32 = Int32(n)
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, 1, a, n32, b, n32, 0, c, n32)
  }
}
extension Double: RawGemm {
  static func rawGemm(_ n: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>) {
    let n32 = Int32(n)
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, 1, a, n32, b, n32, 0, c, n32)
  }
}

struct Result { var raw: Double; var wrapped: Double; var ratio: Double; var pairs: Int }

func measure<T: RawGemm>(_: T.Type, n: Int, seconds: Double) throws -> Result {
  var rng = SeededGenerator(seed: UInt64(n))
  let a = Matrix<T>(rows: n, columns: n, storage: (0..<(n * n)).map { _ in T(rng.uniform(-1, 1)) })
  let b = Matrix<T>(rows: n, columns: n, storage: (0..<(n * n)).map { _ in T(rng.uniform(-1, 1)) })
  var c = Matrix<T>(rows: n, columns: n)
  var rawC = [T](repeating: 0, count: n * n)
  var raws = [Double](), wraps = [Double](), ratios = [Double]()
  // Warm up both paths.
  try Matrix.multiply(a, b, into: &c)
  a.storage.withUnsafeBufferPointer { pa in b.storage.withUnsafeBufferPointer { pb in
    rawC.withUnsafeMutableBufferPointer { pc in T.rawGemm(n, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!) } } }
  let deadline = now() + UInt64(seconds * 1e9)
  var pair = 0
  while (now() < deadline || pair < 5) && pair < 100_000 {
    // Alternate which runs first, so cache warmth favours neither.
    var tRaw = 0.0, tWrap = 0.0
    for order in pair % 2 == 0 ? [0, 1] : [1, 0] {
      let t0 = now()
      if order == 0 {
        a.storage.withUnsafeBufferPointer { pa in b.storage.withUnsafeBufferPointer { pb in
          rawC.withUnsafeMutableBufferPointer { pc in T.rawGemm(n, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!) } } }
        tRaw = Double(now() - t0)
      } else {
        try Matrix.multiply(a, b, into: &c)
        tWrap = Double(now() - t0)
      }
    }
    raws.append(tRaw); wraps.append(tWrap); ratios.append(tWrap / tRaw)
    pair += 1
  }
  precondition(c.storage == rawC, "wrapper and raw gemm disagree")
  return Result(raw: median(raws), wrapped: median(wraps), ratio: median(ratios), pairs: pair)
}

var args = Array(CommandLine.arguments.dropFirst())
var threads = 1
var seconds = 1.0
var sizes = [64, 128, 256, 512, 1024]
var positional = [Int]()
while let arg = args.first {
  args.removeFirst()
  switch arg {
  case "--threads": threads = Int(args.removeFirst()) ?? 1
  case "--seconds": seconds = Double(args.removeFirst()) ?? 1
  default: if let n = Int(arg) { positional.append(n) }
  }
}
if !positional.isEmpty { sizes = positional }
BLASThreads.set(threads)
print("gemm: Matrix.multiply (Linalg) vs raw cblas_?gemm, same buffers, interleaved; OpenBLAS threads \(threads)")
print("precision      n   raw median (ms)   Matrix median (ms)   ratio (median of pairs)   pairs")
for (label, run) in [("Float ", { (n: Int) throws -> Result in try measure(Float.self, n: n, seconds: seconds) }),
                     ("Double", { (n: Int) throws -> Result in try measure(Double.self, n: n, seconds: seconds) })] {
  for n in sizes {
    let r = try run(n)
    print(String(format: "%@  %6d   %15.4f   %18.4f   %23.4f   %5d", label, n, r.raw / 1e6, r.wrapped / 1e6, r.ratio, r.pairs))
  }
}
