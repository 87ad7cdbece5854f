// gemm through Matrix (Linalg) and through raw cblas_dgemm, n = 64…1024, as ordo-one/benchmark
// suites; `gemm-overhead` prints the paired ratio.
import Benchmark
import CBLASRaw
import Linalg

let benchmarks: @Sendable () -> Void = {
  BLASThreads.set(1)
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(2))
  for n in [64, 128, 256, 512, 1024] {
    var rng = SeededGenerator(seed: UInt64(n))
    let a = Matrix<Double>(rows: n, columns: n, storage: (0..<(n * n)).map { _ in rng.uniform(-1, 1) })
    let b = Matrix<Double>(rows: n, columns: n, storage: (0..<(n * n)).map { _ in rng.uniform(-1, 1) })
    Benchmark("dgemm Matrix.multiply n=\(n)") { benchmark in
      var c = Matrix<Double>(rows: n, columns: n)
      for _ in benchmark.scaledIterations {
        try Matrix.multiply(a, b, into: &c)
        blackHole(c.storage[0])
      }
    }
    Benchmark("dgemm raw cblas n=\(n)") { benchmark in
      var c = [Double](repeating: 0, count: n * n)
      let n32 = Int32(n)
      for _ in benchmark.scaledIterations {
        a.storage.withUnsafeBufferPointer { pa in
          b.storage.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
              cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, 1, pa.baseAddress, n32,
                pb.baseAddress, n32, 0, pc.baseAddress, n32)
            }
          }
        }
        blackHole(c[0])
      }
    }
  }
}
