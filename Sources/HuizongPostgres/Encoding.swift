/// Text encodings of parameter values. Values only: these never produce SQL.
public enum PGText {
    /// A one-dimensional array literal: every element double-quoted with `\` and `"` escaped, so no
    /// element can break out; nil becomes an unquoted NULL.
    public static func array(_ elements: [String?]) -> String {
        var out = "{"
        for (i, e) in elements.enumerated() {
            if i > 0 { out += "," }
            guard let e else { out += "NULL"; continue }
            out += "\""
            for ch in e.unicodeScalars {
                if ch == "\\" || ch == "\"" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        return out + "}"
    }

    /// Parses a one-dimensional array as PostgreSQL writes it (`{a,"b c",NULL}`); NULL becomes nil.
    public static func textArray(_ text: String) -> [String?] {
        var chars = Substring(text)
        guard chars.first == "{", chars.last == "}" else { return [] }
        chars = chars.dropFirst().dropLast()
        var out: [String?] = []
        var current = ""
        var quoted = false, wasQuoted = false, escaped = false
        for ch in chars {
            if escaped { current.append(ch); escaped = false; continue }
            switch ch {
            case "\\" where quoted: escaped = true
            case "\"": quoted.toggle(); wasQuoted = true
            case "," where !quoted:
                out.append(!wasQuoted && current == "NULL" ? nil : current)
                current = ""; wasQuoted = false
            default: current.append(ch)
            }
        }
        if !chars.isEmpty { out.append(!wasQuoted && current == "NULL" ? nil : current) }
        return out
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
