import HuizongCore

/// Writes one JSON object as UTF-8 bytes, member by member, in the order given: replies put `type`
/// and `id` first so a person reading a socket sees what a line is at a glance.
public struct JSONObjectWriter {
    public private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    public init() {}

    private mutating func key(_ k: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONObjectWriter.appendString(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ k: String, _ v: String?) {
        key(k)
        if let v { JSONObjectWriter.appendString(v, to: &bytes) } else { bytes.append(contentsOf: Array("null".utf8)) }
    }

    /// Exact decimals are written as JSON strings: a client's float parser never sees them.
    public mutating func decimal(_ k: String, _ v: ExactDecimal?) {
        string(k, v?.description)
    }

    public mutating func int(_ k: String, _ v: Int?) {
        key(k)
        bytes.append(contentsOf: Array((v.map(String.init) ?? "null").utf8))
    }

    public mutating func int64(_ k: String, _ v: Int64) {
        key(k)
        bytes.append(contentsOf: Array(String(v).utf8))
    }

    /// Appends the members of another serialised object (`{...}`) to this one.
    public mutating func members(_ object: [UInt8]) {
        guard object.count > 2 else { return }
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(contentsOf: object[1..<(object.count - 1)])
    }

    public mutating func bool(_ k: String, _ v: Bool) {
        key(k)
        bytes.append(contentsOf: Array((v ? "true" : "false").utf8))
    }

    public mutating func null(_ k: String) {
        key(k)
        bytes.append(contentsOf: Array("null".utf8))
    }

    /// A nested object or array already serialised.
    public mutating func raw(_ k: String, _ json: [UInt8]) {
        key(k)
        bytes.append(contentsOf: json)
    }

    public mutating func array(_ k: String, _ elements: [[UInt8]]) {
        key(k)
        bytes.append(contentsOf: JSONObjectWriter.array(elements))
    }

    /// An array of strings.
    public mutating func strings(_ k: String, _ values: [String]) {
        array(k, values.map { v in
            var quoted: [UInt8] = []
            Self.appendString(v, to: &quoted)
            return quoted
        })
    }

    public static func array(_ elements: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, e) in elements.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: e)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// The finished object, without the line terminator.
    public func finish() -> [UInt8] { bytes + [UInt8(ascii: "}")] }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
