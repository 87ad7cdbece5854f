internal import CBLAS
import Foundation

/// Which OpenBLAS kernel family runs this process's BLAS and LAPACK calls, and the pin that
/// makes results byte-identical across x86-64 hosts.
///
/// OpenBLAS built with `DYNAMIC_ARCH` (Debian's) picks its kernels for the CPU when the library
/// loads: AVX-512 kernels (`SkylakeX`, `Cooperlake`) on one host, AVX2 (`Haswell`, `Zen`) on
/// another. They round differently, so a trained network, a meta-model's predictions and every
/// report built on them differ in their last digits from host to host. The `Haswell` kernels
/// run on every x86-64 CPU with AVX2 and FMA and use fixed blocking sizes (no cache-size
/// detection), so a process pinned to them computes the same bits everywhere.
///
/// The choice is made from `OPENBLAS_CORETYPE` before `main` runs, so a process pins itself by
/// setting the variable and executing itself again: ``pinForReproducibility(arguments:)``,
/// which the `metaprobe` tool calls first thing. A library user does the same, or starts the
/// process with `OPENBLAS_CORETYPE=Haswell`.
public enum BLASKernel {
  /// The kernel family every reproducible result is computed with.
  public static let pinnedFamily = "Haswell"

  /// The environment variable that turns the pin off (`METAPROBE_BLAS_KERNELS=native`): the
  /// CPU's own kernels, faster on some hosts, results no longer identical across hosts.
  public static let optOutVariable = "METAPROBE_BLAS_KERNELS"

  /// The kernel family OpenBLAS chose for this process (`Haswell`, `SkylakeX`, `Cooperlake`,
  /// `Zen`, …), from `openblas_get_corename`.
  public static var coreName: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
  }

  /// True when this process runs the pinned family.
  public static var isPinned: Bool { coreName.caseInsensitiveCompare(pinnedFamily) == .orderedSame }

  /// One line for a report's header: the kernel family and whether it is the pinned one.
  public static var reportLine: String {
    isPinned
      ? "BLAS kernels: OpenBLAS \(coreName) (pinned, so results are byte-identical on any x86-64 host with AVX2)."
      : "BLAS kernels: OpenBLAS \(coreName) (not the pinned \(pinnedFamily): results may differ in the last digits on other hosts)."
  }

  /// Re-executes this process with `OPENBLAS_CORETYPE` set to ``pinnedFamily`` when it runs
  /// other kernels, the CPU can run the pinned ones (x86-64 Linux with AVX2 and FMA) and
  /// ``optOutVariable`` is not `native`. Returns (without re-executing) otherwise, or when the
  /// variable already names the pinned family, or when `execv` fails (a warning on stderr).
  /// - Parameter arguments: the process's arguments, `CommandLine.arguments`.
  public static func pinForReproducibility(arguments: [String] = CommandLine.arguments) {
    #if arch(x86_64) && os(Linux)
      let env = ProcessInfo.processInfo.environment
      if env[optOutVariable]?.lowercased() == "native" { return }
      if env["OPENBLAS_CORETYPE"]?.caseInsensitiveCompare(pinnedFamily) == .orderedSame { return }
      if isPinned || !cpuRunsPinnedKernels() { return }
      setenv("OPENBLAS_CORETYPE", pinnedFamily, 1)
      var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
      argv.append(nil)
      execv("/proc/self/exe", argv)
      // Only reached when execv failed: run on with the CPU's own kernels.
      let message =
        "warning: could not pin OpenBLAS to \(pinnedFamily) kernels (execv: errno \(errno)); "
        + "results may differ in the last digits from other hosts\n"
      FileHandle.standardError.write(Data(message.utf8))
    #endif
  }

  /// True when /proc/cpuinfo lists both `avx2` and `fma` (what the Haswell kernels need).
  static func cpuRunsPinnedKernels() -> Bool {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return false }
    let set = Set(flags.split(separator: " ").map(String.init))
    return set.contains("avx2") && set.contains("fma")
  }
}
