import CLibPQ

/// One row of a result in binary format, read while the result is alive: inside the `rows` callback
/// of `Connection.query` or `Connection.pipeline`, before libpq's result is cleared. Each getter
/// returns nil for NULL and throws when the bytes are not what the column's type sends.
public struct Row {
    let result: OpaquePointer
    let index: Int32

    public var columns: Int { Int(PQnfields(result)) }

    public func isNull(_ column: Int) -> Bool { PQgetisnull(result, index, Int32(column)) == 1 }

    /// The column's bytes, or nil for NULL.
    public func bytes(_ column: Int) -> UnsafeRawBufferPointer? {
        guard !isNull(column) else { return nil }
        let length = Int(PQgetlength(result, index, Int32(column)))
        return UnsafeRawBufferPointer(start: PQgetvalue(result, index, Int32(column)), count: length)
    }

    public func text(_ column: Int) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    public func bytea(_ column: Int) -> [UInt8]? { bytes(column).map { Array($0) } }

    public func bool(_ column: Int) throws(PostgresError) -> Bool? {
        guard let b = bytes(column) else { return nil }
        guard b.count == 1 else { throw Self.malformed("bool", column) }
        return b[0] != 0
    }

    public func int64(_ column: Int) throws(PostgresError) -> Int64? {
        guard let b = bytes(column) else { return nil }
        switch b.count {
        case 8: return Int64(bitPattern: BinaryReader.uint64(b, 0))
        case 4: return Int64(Int32(bitPattern: BinaryReader.uint32(b, 0)))
        case 2: return Int64(Int16(bitPattern: BinaryReader.uint16(b, 0)))
        default: throw Self.malformed("integer", column)
        }
    }

    public func int(_ column: Int) throws(PostgresError) -> Int? { try int64(column).map { Int($0) } }

    /// Days since 2000-01-01.
    public func date(_ column: Int) throws(PostgresError) -> Int32? {
        guard let b = bytes(column) else { return nil }
        guard b.count == 4 else { throw Self.malformed("date", column) }
        return Int32(bitPattern: BinaryReader.uint32(b, 0))
    }

    /// Microseconds since 2000-01-01 00:00:00 UTC.
    public func timestamptz(_ column: Int) throws(PostgresError) -> Int64? {
        guard let b = bytes(column) else { return nil }
        guard b.count == 8 else { throw Self.malformed("timestamptz", column) }
        return Int64(bitPattern: BinaryReader.uint64(b, 0))
    }

    /// A numeric as its significand and display scale: exactly as stored ("1.50" is 150 and 2).
    public func numeric(_ column: Int) throws(PostgresError) -> (significand: Int128, scale: Int)? {
        guard let b = bytes(column) else { return nil }
        guard let n = BinaryReader.numeric(b) else { throw Self.malformed("numeric", column) }
        return n
    }

    /// The elements of a one-dimensional array (an empty array has none), each as its bytes.
    public func array(_ column: Int) throws(PostgresError) -> [UnsafeRawBufferPointer?]? {
        guard let b = bytes(column) else { return nil }
        guard let elements = BinaryReader.arrayElements(b) else { throw Self.malformed("array", column) }
        return elements
    }

    public func textArray(_ column: Int) throws(PostgresError) -> [String?]? {
        try array(column).map { $0.map { $0.map { String(decoding: $0, as: UTF8.self) } } }
    }

    public func int32Array(_ column: Int) throws(PostgresError) -> [Int32?]? {
        guard let elements = try array(column) else { return nil }
        var out: [Int32?] = []
        for e in elements {
            guard let e else { out.append(nil); continue }
            guard e.count == 4 else { throw Self.malformed("integer[]", column) }
            out.append(Int32(bitPattern: BinaryReader.uint32(e, 0)))
        }
        return out
    }

    public func numericArray(_ column: Int) throws(PostgresError) -> [(significand: Int128, scale: Int)?]? {
        guard let elements = try array(column) else { return nil }
        var out: [(significand: Int128, scale: Int)?] = []
        out.reserveCapacity(elements.count)
        for e in elements {
            guard let e else { out.append(nil); continue }
            guard let n = BinaryReader.numeric(e) else { throw Self.malformed("numeric[]", column) }
            out.append(n)
        }
        return out
    }

    static func malformed(_ type: String, _ column: Int) -> PostgresError {
        PostgresError(.statement, "column \(column) is not a binary \(type)")
    }
}

/// Reads PostgreSQL's big-endian binary layouts.
enum BinaryReader {
    static func uint16(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt16 { UInt16(b[at]) << 8 | UInt16(b[at + 1]) }
    static func uint32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(uint16(b, at)) << 16 | UInt32(uint16(b, at + 2))
    }
    static func uint64(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(uint32(b, at)) << 32 | UInt64(uint32(b, at + 4))
    }

    /// `numeric_send`'s layout back to a significand at the display scale; nil for NaN, infinities,
    /// malformed bytes, or a value beyond 38 digits.
    static func numeric(_ b: UnsafeRawBufferPointer) -> (significand: Int128, scale: Int)? {
        guard b.count >= 8 else { return nil }
        let count = Int(Int16(bitPattern: uint16(b, 0)))
        let weight = Int(Int16(bitPattern: uint16(b, 2)))
        let sign = uint16(b, 4)
        let scale = Int(Int16(bitPattern: uint16(b, 6)))
        guard count >= 0, b.count == 8 + 2 * count, sign == 0 || sign == 0x4000, scale >= 0, scale <= 38 else { return nil }
        guard count > 0 else { return (0, scale) }
        // Horner over the digits, then to the display scale: the last digit's power of ten.
        var value: UInt128 = 0
        for i in 0..<count {
            let d = uint16(b, 8 + 2 * i)
            guard d < 10_000 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10_000)
            let (s, o2) = m.addingReportingOverflow(UInt128(d))
            guard !o1, !o2 else { return nil }
            value = s
        }
        let exponent = 4 * (weight - (count - 1)) + scale
        if exponent >= 0 {
            guard exponent <= 38 else { return nil }
            let (m, o) = value.multipliedReportingOverflow(by: pow10[exponent])
            guard !o else { return nil }
            value = m
        } else {
            guard -exponent <= 38 else { return value == 0 ? (0, scale) : nil }
            let p = pow10[-exponent]
            guard value % p == 0 else { return nil }  // digits beyond the display scale are zeros
            value /= p
        }
        guard value <= UInt128(Int128.max) else { return nil }
        return (sign == 0 ? Int128(value) : -Int128(value), scale)
    }

    /// The elements of a one-dimensional array (`array_send`), or nil when it is not one.
    static func arrayElements(_ b: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer?]? {
        guard b.count >= 12 else { return nil }
        let dimensions = Int32(bitPattern: uint32(b, 0))
        if dimensions == 0 { return [] }
        guard dimensions == 1, b.count >= 20 else { return nil }
        let count = Int(Int32(bitPattern: uint32(b, 12)))
        guard count >= 0 else { return nil }
        var out: [UnsafeRawBufferPointer?] = []
        out.reserveCapacity(count)
        var at = 20
        for _ in 0..<count {
            guard at + 4 <= b.count else { return nil }
            let length = Int(Int32(bitPattern: uint32(b, at)))
            at += 4
            if length < 0 { out.append(nil); continue }
            guard at + length <= b.count else { return nil }
            out.append(UnsafeRawBufferPointer(rebasing: b[at..<(at + length)]))
            at += length
        }
        return out
    }
}
