/// PostgreSQL's binary wire format for the types Huizong sends and reads: integers, booleans, text,
/// bytea, date, timestamptz, numeric, and one-dimensional arrays of them. Binary values cross libpq
/// without being printed and parsed again on either side, and `numeric`'s binary form carries its
/// display scale, so "1.50" stays 1.50 (PostgreSQL's `numeric_send` / `numeric_recv`).
public enum PGType: UInt32, Sendable {
    case bool = 16, bytea = 17, int8 = 20, int2 = 21, int4 = 23, text = 25, numeric = 1700, date = 1082, timestamptz = 1184
    case boolArray = 1000, byteaArray = 1001, int2Array = 1005, int4Array = 1007, textArray = 1009, int8Array = 1016
    case numericArray = 1231, dateArray = 1182, timestamptzArray = 1185

    /// The array type whose elements are this type.
    public var array: PGType {
        switch self {
        case .bool: return .boolArray
        case .bytea: return .byteaArray
        case .int2: return .int2Array
        case .int4: return .int4Array
        case .int8: return .int8Array
        case .text: return .textArray
        case .numeric: return .numericArray
        case .date: return .dateArray
        case .timestamptz: return .timestamptzArray
        default: preconditionFailure("\(self) is an array type")
        }
    }
}

/// One parameter in binary format: its type and its bytes (nil for NULL).
public struct PGValue: Sendable {
    public let type: PGType
    public let bytes: [UInt8]?

    public init(_ type: PGType, _ bytes: [UInt8]?) {
        self.type = type
        self.bytes = bytes
    }

    public static func null(_ type: PGType) -> PGValue { PGValue(type, nil) }

    public static func text(_ s: String?) -> PGValue { PGValue(.text, s.map { Array($0.utf8) }) }
    public static func int8(_ v: Int64?) -> PGValue { PGValue(.int8, v.map { var b = BinaryWriter(); b.int64(v: $0); return b.bytes }) }
    public static func int4(_ v: Int32?) -> PGValue { PGValue(.int4, v.map { var b = BinaryWriter(); b.int32(v: $0); return b.bytes }) }
    public static func bool(_ v: Bool?) -> PGValue { PGValue(.bool, v.map { [$0 ? 1 : 0] }) }
    public static func bytea(_ v: [UInt8]?) -> PGValue { PGValue(.bytea, v) }
    /// Days since 2000-01-01 (PostgreSQL's epoch).
    public static func date(days: Int32?) -> PGValue { PGValue(.date, days.map { var b = BinaryWriter(); b.int32(v: $0); return b.bytes }) }
    /// Microseconds since 2000-01-01 00:00:00 UTC.
    public static func timestamptz(microseconds: Int64?) -> PGValue {
        PGValue(.timestamptz, microseconds.map { var b = BinaryWriter(); b.int64(v: $0); return b.bytes })
    }
    /// `significand × 10^(−scale)`, keeping `scale` as the value's display scale.
    public static func numeric(significand: Int128, scale: Int) -> PGValue {
        var b = BinaryWriter()
        b.numeric(significand: significand, scale: scale)
        return PGValue(.numeric, b.bytes)
    }
}

/// Big-endian bytes, as PostgreSQL's binary formats are written.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func int16(v: Int16) { append(UInt16(bitPattern: v)) }
    public mutating func int32(v: Int32) { append(UInt32(bitPattern: v)) }
    public mutating func int64(v: Int64) { append(UInt64(bitPattern: v)) }
    public mutating func raw(_ b: some Sequence<UInt8>) { bytes.append(contentsOf: b) }
    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    private mutating func append<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Overwrites four bytes at `offset` (a length or count written after its contents).
    mutating func patch(int32 v: Int32, at offset: Int) {
        withUnsafeBytes(of: UInt32(bitPattern: v).bigEndian) { raw in
            for i in 0..<4 { bytes[offset + i] = raw[i] }
        }
    }

    var count: Int { bytes.count }

    /// A numeric in `numeric_send`'s layout: digit count, weight, sign, display scale, then base-10000
    /// digits, most significant first, leading and trailing zero digits left out.
    public mutating func numeric(significand: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= 38, "numeric scale out of range")
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 24) { buffer in
            let magnitude = significand.magnitude
            let (digits, weight) = magnitude <= UInt128(UInt64.max) && scale <= 19
                ? NumericDigits.fill(buffer, UInt64(magnitude), scale: scale, powers: pow10x64)
                : NumericDigits.fill(buffer, magnitude, scale: scale, powers: pow10)
            int16(v: Int16(digits.count))
            int16(v: Int16(weight))
            append(UInt16(significand < 0 ? 0x4000 : 0))
            int16(v: Int16(scale))
            for d in digits { append(d) }
        }
    }
}

/// The base-10000 digits of a magnitude with `scale` decimals, aligned on the decimal point:
/// value = Σ digit[i] × 10000^(weight − i). Done in 64 bits when the number fits (nearly always:
/// 128-bit division is a library call).
enum NumericDigits {
    static func fill<T: FixedWidthInteger & UnsignedInteger>(_ buffer: UnsafeMutableBufferPointer<UInt16>, _ magnitude: T,
                                                             scale: Int, powers: [T]) -> (Slice<UnsafeMutableBufferPointer<UInt16>>, Int) {
        guard magnitude != 0 else { return (buffer[0..<0], 0) }
        let unit = powers[scale]
        var integer = magnitude / unit
        let fraction = magnitude % unit
        var n = 0
        while integer > 0 {  // least significant first, reversed below
            buffer[n] = UInt16(truncatingIfNeeded: integer % 10_000)
            integer /= 10_000
            n += 1
        }
        let integerGroups = n
        buffer[0..<n].reverse()
        // Fraction groups from the point rightwards: group k holds decimals 4k+1 … 4k+4.
        var remaining = scale
        while remaining > 0 {
            if remaining >= 4 {
                buffer[n] = UInt16(truncatingIfNeeded: (fraction / powers[remaining - 4]) % 10_000)
            } else {
                buffer[n] = UInt16(truncatingIfNeeded: (fraction % powers[remaining]) * powers[4 - remaining])
            }
            n += 1
            remaining -= 4
        }
        var start = 0
        let weight: Int
        if integerGroups == 0 {
            while start < n, buffer[start] == 0 { start += 1 }
            weight = -1 - start
        } else {
            weight = integerGroups - 1
        }
        while n > start, buffer[n - 1] == 0 { n -= 1 }
        return (buffer[start..<n], weight)
    }
}

/// 10^0 … 10^38 as UInt128, and 10^0 … 10^19 as UInt64.
let pow10: [UInt128] = {
    var out: [UInt128] = [1]
    for _ in 1...38 { out.append(out.last! * 10) }
    return out
}()
let pow10x64: [UInt64] = (0...19).map { UInt64(pow10[$0]) }

/// A one-dimensional array parameter built element by element into one buffer (`array_recv`'s
/// layout: dimensions, a null flag, the element type, then each element's length and bytes).
public struct PGArray: Sendable {
    private var writer: BinaryWriter
    private let element: PGType
    private var count: Int32 = 0
    private var hasNull = false

    public init(of element: PGType, capacity: Int = 0) {
        self.element = element
        writer = BinaryWriter(capacity: 20 + capacity * 12)
        writer.int32(v: 1)  // dimensions: patched to 0 for an empty array
        writer.int32(v: 0)  // has nulls: patched
        writer.int32(v: Int32(bitPattern: element.rawValue))
        writer.int32(v: 0)  // length: patched
        writer.int32(v: 1)  // lower bound
    }

    public mutating func appendNull() {
        writer.int32(v: -1)
        hasNull = true
        count += 1
    }

    public mutating func append(text: String?) {
        guard var s = text else { return appendNull() }
        s.withUTF8 { utf8 in
            writer.int32(v: Int32(utf8.count))
            writer.raw(utf8)
        }
        count += 1
    }

    public mutating func append(bytes b: [UInt8]?) {
        guard let b else { return appendNull() }
        writer.int32(v: Int32(b.count))
        writer.raw(b)
        count += 1
    }

    public mutating func append(int64 v: Int64?) {
        guard let v else { return appendNull() }
        writer.int32(v: 8)
        writer.int64(v: v)
        count += 1
    }

    public mutating func append(int32 v: Int32?) {
        guard let v else { return appendNull() }
        writer.int32(v: 4)
        writer.int32(v: v)
        count += 1
    }

    public mutating func append(bool v: Bool?) {
        guard let v else { return appendNull() }
        writer.int32(v: 1)
        writer.byte(v ? 1 : 0)
        count += 1
    }

    /// Days since 2000-01-01.
    public mutating func append(date days: Int32?) { append(int32: days) }

    /// Microseconds since 2000-01-01 00:00:00 UTC.
    public mutating func append(timestamptz microseconds: Int64?) { append(int64: microseconds) }

    public mutating func append(numeric significand: Int128, scale: Int) {
        let lengthAt = writer.count
        writer.int32(v: 0)
        writer.numeric(significand: significand, scale: scale)
        writer.patch(int32: Int32(writer.count - lengthAt - 4), at: lengthAt)
        count += 1
    }

    public var isEmpty: Bool { count == 0 }

    public func value() -> PGValue {
        var w = writer
        if count == 0 {
            // An empty array has no dimensions (and no dimension header).
            var empty = BinaryWriter(capacity: 12)
            empty.int32(v: 0)
            empty.int32(v: 0)
            empty.int32(v: Int32(bitPattern: element.rawValue))
            return PGValue(element.array, empty.bytes)
        }
        w.patch(int32: hasNull ? 1 : 0, at: 4)
        w.patch(int32: count, at: 12)
        return PGValue(element.array, w.bytes)
    }
}

/// Rows for `COPY … FROM STDIN (FORMAT binary)`: a signature, then per row its field count and each
/// field's length and bytes, then a trailer. Values are written as their types' binary forms, the
/// same as binary parameters, so nothing is printed or parsed.
public struct COPYBinary: Sendable {
    private var writer: BinaryWriter
    public private(set) var rows = 0

    public init(capacity: Int = 0) {
        writer = BinaryWriter(capacity: 19 + capacity)
        writer.raw([0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00])  // PGCOPY\n\377\r\n\0
        writer.int32(v: 0)  // flags
        writer.int32(v: 0)  // header extension
    }

    public mutating func startRow(fields: Int) {
        writer.int16(v: Int16(fields))
        rows += 1
    }

    public mutating func null() { writer.int32(v: -1) }

    public mutating func text(_ s: String?) {
        guard var s else { return null() }
        s.withUTF8 { utf8 in
            writer.int32(v: Int32(utf8.count))
            writer.raw(utf8)
        }
    }

    public mutating func int64(_ v: Int64?) {
        guard let v else { return null() }
        writer.int32(v: 8)
        writer.int64(v: v)
    }

    public mutating func int32(_ v: Int32?) {
        guard let v else { return null() }
        writer.int32(v: 4)
        writer.int32(v: v)
    }

    public mutating func bool(_ v: Bool?) {
        guard let v else { return null() }
        writer.int32(v: 1)
        writer.byte(v ? 1 : 0)
    }

    public mutating func bytea(_ v: [UInt8]?) {
        guard let v else { return null() }
        writer.int32(v: Int32(v.count))
        writer.raw(v)
    }

    /// Days since 2000-01-01.
    public mutating func date(_ days: Int32?) { int32(days) }

    /// Microseconds since 2000-01-01 00:00:00 UTC.
    public mutating func timestamptz(_ microseconds: Int64?) { int64(microseconds) }

    public mutating func numeric(_ significand: Int128, scale: Int) {
        let lengthAt = writer.count
        writer.int32(v: 0)
        writer.numeric(significand: significand, scale: scale)
        writer.patch(int32: Int32(writer.count - lengthAt - 4), at: lengthAt)
    }

    /// The rows with the trailer.
    public func finish() -> [UInt8] {
        var w = writer
        w.int16(v: -1)
        return w.bytes
    }
}
