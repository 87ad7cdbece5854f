import Linalg
import Testing

#if canImport(Glibc)
  import CMalloc
#endif

@Suite struct ProcessMemoryTests {
  #if canImport(Glibc)
    /// glibc takes both settings (`mallopt` refuses, returning 0, an `M_MMAP_THRESHOLD` above
    /// 32 MiB), and afterwards a 4 MiB block comes from the heap, not from a mapping of its own
    /// (`hblkhd`, the bytes in mapped blocks, does not grow by it while it is held).
    @Test func largeBlocksComeFromTheHeap() throws {
      #expect(ProcessMemory.keepFreedMemory())
      let size = 4 << 20
      let before = mallinfo2().hblkhd
      let block = try #require(malloc(size))
      let during = mallinfo2().hblkhd
      free(block)
      #expect(during < before + size, "mapped bytes \(before) before the block, \(during) while held")
    }
  #endif
}
