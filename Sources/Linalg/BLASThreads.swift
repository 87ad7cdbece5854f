internal import CBLAS

/// The number of threads OpenBLAS uses for each kernel call.
///
/// The setting is **process-global** (OpenBLAS keeps one thread pool): it affects every
/// BLAS and LAPACK call from every task. Set it only at phase boundaries (before a run starts,
/// or when switching between one trial using all cores and several trials running in
/// parallel, where it should be 1), never inside a kernel or from concurrent tasks.
public enum BLASThreads {
  /// The number of threads OpenBLAS currently uses (≥ 1), from `openblas_get_num_threads`.
  public static var count: Int { Int(openblas_get_num_threads()) }

  /// Sets the number of threads OpenBLAS uses, via `openblas_set_num_threads`.
  ///
  /// - Parameter n: the thread count, n ≥ 1; OpenBLAS caps it at the maximum it was built
  ///   for, so ``count`` may afterwards be smaller than `n`.
  /// - Precondition: `n ≥ 1` (validate user input before calling).
  public static func set(_ n: Int) {
    precondition(n >= 1, "BLASThreads.set: thread count must be at least 1, got \(n)")
    openblas_set_num_threads(Int32(clamping: n))
  }
}
