/// The member names a decoder knows, matched on a key's bytes where they lie: no String is made
/// for a known key. Names are ASCII of at most 16 bytes, packed into two words and a length.
///
/// Matching bytes is matching Swift's `String ==` here: the only non-ASCII scalars canonically
/// equivalent to ASCII are U+037E (`;`), U+1FEF (`` ` ``) and U+212A (`K`), in none of the names.
struct NameTable<Name: Sendable>: Sendable {
    private struct Packed: Equatable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count: Int

        init?(_ utf8: UnsafeRawBufferPointer) {
            guard utf8.count <= 16 else { return nil }
            count = utf8.count
            for i in 0..<count {
                if i < 8 { low |= UInt64(utf8[i]) << (8 * i) } else { high |= UInt64(utf8[i]) << (8 * (i - 8)) }
            }
        }

        /// The same packing in two loads, for `count` bytes at `offset` of a line with 16 to read there.
        init?(_ line: UnsafeRawBufferPointer, at offset: Int, count: Int) {
            guard count <= 16 else { return nil }
            self.count = count
            func mask(_ n: Int) -> UInt64 { n >= 8 ? ~0 : (1 << UInt64(8 * n)) &- 1 }
            low = UInt64(littleEndian: line.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) & mask(count)
            if count > 8 { high = UInt64(littleEndian: line.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) & mask(count - 8) }
        }
    }

    private let entries: [(packed: Packed, name: Name)]

    /// The most frequent names first: they are tried in order.
    init(_ names: [(String, Name)]) {
        entries = names.map { spelling, name in
            var s = spelling
            guard let packed = s.withUTF8({ Packed(UnsafeRawBufferPointer($0)) }) else { preconditionFailure("name longer than 16 bytes: \(spelling)") }
            return (packed, name)
        }
    }

    /// The name a key spells, nil for any other key.
    func callAsFunction(_ key: JSONReader.StringToken, in bytes: UnsafeRawBufferPointer) -> Name? {
        let packed = key.text == nil && key.start + 16 <= bytes.count
            ? Packed(bytes, at: key.start, count: key.end - key.start)
            : key.withUTF8(in: bytes) { Packed($0) }
        guard let packed else { return nil }
        for entry in entries where entry.packed == packed { return entry.name }
        return nil
    }
}
