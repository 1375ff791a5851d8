/// Text encodings of parameter values. Values only: these never produce SQL.
public enum PGText {
    /// A one-dimensional array literal: every element double-quoted with `\\` and `"` escaped, so no
    /// element can break out; nil becomes an unquoted NULL. Built byte by byte (this runs for every
    /// column of every batch).
    public static func array(_ elements: [String?]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(2 + elements.reduce(0) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (i, e) in elements.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard var e else { out += "NULL".utf8; continue }
            out.append(UInt8(ascii: "\""))
            e.withUTF8 { bytes in
                for b in bytes {
                    if b == UInt8(ascii: "\\") || b == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
                    out.append(b)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A text[] whose elements are integer-array literals (`{"{1,2}",NULL,"{}"}`), cast element by
    /// element to integer[] in SQL: built in one pass (per-element strings joined cost a bulk batch
    /// 3 % of the machine's time).
    public static func intArrays(_ elements: [[Int]?]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(2 + elements.count * 16)
        for (i, e) in elements.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard let e else { out += "NULL".utf8; continue }
            out += #""{"#.utf8
            for (j, n) in e.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                out += String(n).utf8
            }
            out += #"}""#.utf8
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a one-dimensional array as PostgreSQL writes it (`{a,"b c",NULL}`); NULL becomes nil.
    /// Works on the UTF-8 bytes (every delimiter is ASCII, so no multi-byte character is split).
    public static func textArray(_ text: String) -> [String?] {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return [] }
            var out: [String?] = []
            guard bytes.count > 2 else { return out }
            var current: [UInt8] = []
            var quoted = false, wasQuoted = false, escaped = false
            func finish() {
                let isNull = !wasQuoted && current.count == 4 && current.elementsEqual("NULL".utf8)
                out.append(isNull ? nil : String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                wasQuoted = false
            }
            for b in bytes[1..<(bytes.count - 1)] {
                if escaped { current.append(b); escaped = false; continue }
                switch b {
                case UInt8(ascii: "\\") where quoted: escaped = true
                case UInt8(ascii: "\""): quoted.toggle(); wasQuoted = true
                case UInt8(ascii: ",") where !quoted: finish()
                default: current.append(b)
                }
            }
            finish()
            return out
        }
    }

    /// `bytea` in hex form.
    public static func bytea(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xf)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `bytea` hex output (`\x…`).
    public static func bytes(fromBytea text: String) -> [UInt8]? {
        let u = Array(text.utf8)
        guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x"), u.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((u.count - 2) / 2)
        var i = 2
        while i < u.count {
            guard let hi = hex(u[i]), let lo = hex(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }
}

/// Rows for `COPY … FROM STDIN` in text format: columns separated by tabs, rows by newlines, NULL as
/// `\N`, and backslash, tab, newline and carriage return escaped inside values.
public struct COPYText {
    public private(set) var bytes: [UInt8] = []
    private var columnsInRow = 0

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func add(_ value: String?) {
        if columnsInRow > 0 { bytes.append(0x09) }
        columnsInRow += 1
        guard var value else { bytes += [0x5C, 0x4E]; return }  // \N
        value.withUTF8 { utf8 in
            for b in utf8 {
                switch b {
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x09: bytes += [0x5C, 0x74]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: bytes += [0x5C, 0x72]
                default: bytes.append(b)
                }
            }
        }
    }

    public mutating func endRow() {
        bytes.append(0x0A)
        columnsInRow = 0
    }
}
