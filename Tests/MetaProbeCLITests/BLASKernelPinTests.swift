import Foundation
import Testing

/// True when this host can run OpenBLAS's Haswell kernels (AVX2 and FMA), the pinned family.
let hostRunsHaswellKernels: Bool = {
  guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
    let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
  else { return false }
  let set = Set(flags.split(separator: " ").map(String.init))
  return set.contains("avx2") && set.contains("fma")
}()

/// `metaprobe` pins OpenBLAS to its Haswell kernels, so a report is the same bytes whichever
/// kernels the environment asks for; `METAPROBE_BLAS_KERNELS=native` keeps the asked-for ones.
@Suite(.enabled(if: hostRunsHaswellKernels, "needs an x86-64 CPU with AVX2 and FMA"))
struct BLASKernelPinTests {
  /// meta_sh trains a meta-model (BLAS in every fit), so without the pin its report would move
  /// with the kernel. Here SandyBridge's kernels (AVX, no FMA, other rounding) are requested.
  @Test func reportIsTheSameWhicheverKernelsTheEnvironmentAsksFor() throws {
    let dir = try temporaryDirectory(files: ["log.csv": benchFixtureLog()])
    defer { try? FileManager.default.removeItem(at: dir) }
    let log = dir.appendingPathComponent("log.csv").path
    func report(_ name: String, _ environment: [String: String]) throws -> String {
      let path = dir.appendingPathComponent(name).path
      let run = try metaprobe(
        [
          "bench", "--suite", log, "--methods", "meta_sh,zero_shot,random", "--budget", "3", "--seeds", "2",
          "--seed", "7", "--report", path,
        ], environment: environment)
      #expect(run.status == 0, "\(run.stderr)")
      return try String(contentsOfFile: path, encoding: .utf8)
    }
    let own = try report("own.md", [:])
    let other = try report("sandy.md", ["OPENBLAS_CORETYPE": "SandyBridge"])
    #expect(own == other)
    #expect(own.contains("BLAS kernels: OpenBLAS Haswell (pinned"), "\(own.prefix(600))")
    let native = try report("native.md", ["OPENBLAS_CORETYPE": "SandyBridge", "METAPROBE_BLAS_KERNELS": "native"])
    #expect(native.contains("BLAS kernels: OpenBLAS Sandybridge (not the pinned Haswell"), "\(native.prefix(600))")
  }
}
