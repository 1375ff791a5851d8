/// glibc's malloc tuning; `<malloc.h>` is not part of Swift's Glibc module.
enum MallocTuning {
    @_silgen_name("mallopt")
    private static func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

    private static let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>

    /// Allocations of `bytes` or more get pages of their own, returned to the system when freed.
    /// Setting it also stops glibc from raising the threshold after the first large free (which
    /// is what let a bulk batch's transient arrays pin arena pages).
    static func mapAllocations(from bytes: Int32) {
        _ = mallopt(mmapThreshold, bytes)
    }
}
