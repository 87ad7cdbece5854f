#if canImport(Glibc)
  import CMalloc
#endif

/// The process-wide allocator policy of MetaProbe's executables (`metaprobe`, the benchmarks).
public enum ProcessMemory {
  /// Keeps memory glibc's `malloc` frees for reuse instead of handing it back to the kernel:
  /// blocks up to 32 MiB come from the heap rather than from their own `mmap`
  /// (`M_MMAP_THRESHOLD`), and up to 256 MiB of free heap is kept rather than trimmed
  /// (`M_TRIM_THRESHOLD`).
  ///
  /// With glibc's defaults, each cross-validation fold's buffers of a few hundred KiB or more
  /// (row subsets, presorted feature lists, tree arrays) are mapped anew and their pages faulted
  /// in and zeroed by the kernel each time, then unmapped on release: on marketing (6876 × 13)
  /// 94 000 page faults per 10 landmarking extractions, against 3 800 with this policy.
  /// A library does not own the process's allocator, so only executables call this, first thing.
  ///
  /// - Returns: whether `malloc` took both settings (`false` where the C library is not glibc).
  @discardableResult
  public static func keepFreedMemory() -> Bool {
    #if canImport(Glibc)
      return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1
    #else
      return false
    #endif
  }
}
