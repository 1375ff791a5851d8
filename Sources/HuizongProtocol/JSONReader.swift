/// A pull reader over one line of JSON: the request decoder asks for each token in turn and reads
/// it straight into the value it wants, with no tree in between.
///
/// It makes exactly `JSONParser`'s checks, in the same order, and fails with the same message at the
/// same offset: a line is `bad_json` for the same reason whichever of the two reads it (the
/// differential tests hold them to it). Where a method below says "as the parser", it is a step of
/// `JSONParser` taken apart so that the caller drives it.
struct JSONReader {
    /// What a value is, known from its first byte.
    enum Kind: Equatable {
        case object, array, string, number, `true`, `false`, null

        /// The names `JSON.typeName` gives, for messages.
        var typeName: String {
            switch self {
            case .null: return "null"
            case .true, .false: return "boolean"
            case .number: return "number"
            case .string: return "string"
            case .array: return "array"
            case .object: return "object"
            }
        }
    }

    /// A string's place in the line. `text` is nil when the bytes between the quotes are the text
    /// itself and plain ASCII (the common case, read in place); otherwise it holds the text, made
    /// while checking escapes or UTF-8, so that nothing is decoded twice.
    struct StringToken {
        var start: Int
        var end: Int
        var text: String?
    }

    /// A value as a decoder keeps it until it asks for it: scalars by position, containers only by
    /// kind (they were checked and skipped).
    enum Scalar {
        case null
        case bool(Bool)
        case number(Range<Int>)
        case string(StringToken)
        case array
        case object

        var typeName: String {
            switch self {
            case .null: return "null"
            case .bool: return "boolean"
            case .number: return "number"
            case .string: return "string"
            case .array: return "array"
            case .object: return "object"
            }
        }
    }

    let bytes: UnsafeRawBufferPointer
    /// Stored: the buffer's own `count` tests its base address for nil at every byte.
    let count: Int
    private(set) var index = 0
    /// Containers open around `index`; bounded by `JSONParser.maxDepth` as the parser bounds it.
    private var depth = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        count = bytes.count
    }

    func error(_ message: String) -> JSONError { JSONError(message: message, offset: index) }

    @inline(__always) private var atEnd: Bool { index >= count }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The byte at `i`, or 0 past the end: 0 matches no token byte, so the end of the line takes the
    /// same "unexpected" branch as any wrong byte, which is where the parser reports it too.
    @inline(__always) private func byte(_ i: Int) -> UInt8 { i < count ? bytes[i] : 0 }

    /// After the top-level value: only whitespace may follow.
    mutating func finish() throws(JSONError) {
        skipWhitespace()
        guard atEnd else { throw error("unexpected data after the JSON value") }
    }

    /// The kind of the value at `index`, without consuming it (the parser's `parseValue` dispatch).
    @inline(__always)
    func peek() throws(JSONError) -> Kind {
        guard !atEnd else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"): return .true
        case UInt8(ascii: "f"): return .false
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("unexpected character")
        }
    }

    /// Any value as a scalar: strings and numbers by position, containers checked and skipped.
    mutating func readScalar() throws(JSONError) -> Scalar {
        switch try peek() {
        case .string: return .string(try readString())
        case .number: return .number(try readNumber())
        case .true: try readLiteral("true"); return .bool(true)
        case .false: try readLiteral("false"); return .bool(false)
        case .null: try readLiteral("null"); return .null
        case .array: try skipContainer(.array); return .array
        case .object: try skipContainer(.object); return .object
        }
    }

    /// Checks the value at `index` as the parser would and steps over it.
    @discardableResult
    mutating func skipValue() throws(JSONError) -> Kind {
        let kind = try peek()
        switch kind {
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .true: try readLiteral("true")
        case .false: try readLiteral("false")
        case .null: try readLiteral("null")
        case .array, .object: try skipContainer(kind)
        }
        return kind
    }

    /// Recursion is bounded by the depth check, as in the parser.
    private mutating func skipContainer(_ kind: Kind) throws(JSONError) {
        if kind == .object {
            guard try enterObject() else { return }
            repeat {
                _ = try readKey()
                try skipValue()
            } while try nextMember()
        } else {
            guard try enterArray() else { return }
            repeat { try skipValue() } while try nextElement()
        }
    }

    // MARK: Containers, step by step

    /// At `{`: false when the object is empty (and consumed).
    @inline(__always)
    mutating func enterObject() throws(JSONError) -> Bool {
        try enter()
        skipWhitespace()
        guard byte(index) != UInt8(ascii: "}") else { index += 1; depth -= 1; return false }
        return true
    }

    /// A member's key, leaving `index` at its value.
    @inline(__always)
    mutating func readKey() throws(JSONError) -> StringToken {
        skipWhitespace()
        guard byte(index) == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let key = try readString()
        skipWhitespace()
        guard byte(index) == UInt8(ascii: ":") else { throw error("expected ':'") }
        index += 1
        skipWhitespace()
        return key
    }

    /// After a member's value: true when another member follows.
    @inline(__always)
    mutating func nextMember() throws(JSONError) -> Bool {
        skipWhitespace()
        switch byte(index) {
        case UInt8(ascii: ","): index += 1; return true
        case UInt8(ascii: "}"): index += 1; depth -= 1; return false
        default: throw error("expected ',' or '}'")
        }
    }

    /// At `[`: false when the array is empty (and consumed); else `index` is at the first element.
    @inline(__always)
    mutating func enterArray() throws(JSONError) -> Bool {
        try enter()
        skipWhitespace()
        guard byte(index) != UInt8(ascii: "]") else { index += 1; depth -= 1; return false }
        return true
    }

    /// After an element: true when another follows, with `index` at it.
    @inline(__always)
    mutating func nextElement() throws(JSONError) -> Bool {
        skipWhitespace()
        switch byte(index) {
        case UInt8(ascii: ","): index += 1; skipWhitespace(); return true
        case UInt8(ascii: "]"): index += 1; depth -= 1; return false
        default: throw error("expected ',' or ']'")
        }
    }

    @inline(__always)
    private mutating func enter() throws(JSONError) {
        guard depth < JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth)") }
        depth += 1
        index += 1
    }

    // MARK: Scalars

    /// At `t`, `f` or `n`.
    mutating func readLiteral(_ literal: StaticString) throws(JSONError) {
        let n = literal.utf8CodeUnitCount
        guard index + n <= count else { throw error("invalid literal") }
        let lit = literal.utf8Start
        for i in 0..<n where bytes[index + i] != lit[i] { throw error("invalid literal") }
        index += n
    }

    /// At `-` or a digit: the literal's bytes, checked against the grammar as the parser checks them.
    mutating func readNumber() throws(JSONError) -> Range<Int> {
        let start = index
        if byte(index) == UInt8(ascii: "-") { index += 1 }
        guard isDigit(byte(index)) else { throw error("invalid number") }
        let first = bytes[index]
        index += 1
        if first != UInt8(ascii: "0") { while isDigit(byte(index)) { index += 1 } }
        if byte(index) == UInt8(ascii: ".") {
            index += 1
            guard isDigit(byte(index)) else { throw error("invalid number: digit expected after '.'") }
            while isDigit(byte(index)) { index += 1 }
        }
        if byte(index) | 0x20 == UInt8(ascii: "e") {
            index += 1
            if byte(index) == UInt8(ascii: "+") || byte(index) == UInt8(ascii: "-") { index += 1 }
            guard isDigit(byte(index)) else { throw error("invalid number: digit expected in exponent") }
            while isDigit(byte(index)) { index += 1 }
        }
        return start..<index
    }

    @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// At `"`. Escape-free ASCII, nearly every string of a request, is only scanned, a word at a
    /// time: the first byte that needs a look (a quote, a backslash, a control or a non-ASCII byte)
    /// is found within the word, and the parser's byte loop goes on from it.
    mutating func readString() throws(JSONError) -> StringToken {
        let start = index + 1
        var i = start
        while i + 8 <= count {
            let look = Self.bytesNeedingALook(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            if look != 0 { i += look.trailingZeroBitCount >> 3; break }
            i += 8
        }
        return try finishString(from: start, at: i)
    }

    /// Bit 7 of each byte of `w` (little-endian) that is `"`, `\`, below 0x20 or above 0x7F. The
    /// SWAR tests for a zero byte and for a byte below n flag every such byte and may flag bytes
    /// after it, never before: the lowest flag is exact.
    @inline(__always) private static func bytesNeedingALook(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeros(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeros(w ^ (ones &* 0x22)) | zeros(w ^ (ones &* 0x5C)) | ((w &- ones &* 0x20) & ~w & highs) | (w & highs)
    }

    /// The parser's loop, from `i` (every byte before it plain ASCII): up to the closing quote, or
    /// to the first backslash, after which the escaped path takes over.
    private mutating func finishString(from start: Int, at i: Int) throws(JSONError) -> StringToken {
        var i = i
        var high: UInt8 = 0
        while i < count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { break }
            guard c >= 0x20 else { index = i; throw error("control character in string") }
            high |= c
            i += 1
        }
        index = i
        guard !atEnd else { throw error("unterminated string") }
        guard bytes[index] == UInt8(ascii: "\"") else { return try readEscapedString(from: start) }
        let end = index
        index += 1
        guard high & 0x80 != 0 else { return StringToken(start: start, end: end, text: nil) }
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) else {
            throw error("invalid UTF-8 in string")
        }
        return StringToken(start: start, end: end, text: text)
    }

    /// The parser's slow path, from the first backslash: UTF-8 is checked over the decoded bytes
    /// once the string is closed, so every other error in it is reported first, as there.
    private mutating func readEscapedString(from start: Int) throws(JSONError) -> StringToken {
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard !atEnd else { throw error("unterminated string") }
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
                return StringToken(start: start, end: index - 1, text: text)
            case UInt8(ascii: "\\"):
                index += 1
                try readEscape(into: &out)
            case ..<0x20:
                throw error("control character in string")
            default:
                out.append(c)
                index += 1
            }
        }
    }

    private mutating func readEscape(into out: inout [UInt8]) throws(JSONError) {
        guard !atEnd else { throw error("unterminated escape") }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard byte(index) == UInt8(ascii: "\\"), byte(index + 1) == UInt8(ascii: "u")
                else { throw error("lone surrogate in string") }
                index += 2
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("lone surrogate in string")
            }
            guard let u = Unicode.Scalar(scalar) else { throw error("invalid code point") }
            UTF8.encode(u) { out.append($0) }
        default:
            throw error("invalid escape")
        }
    }

    private mutating func readHex4() throws(JSONError) -> UInt32 {
        guard index + 4 <= count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }
}

extension JSONReader.StringToken {
    /// The string's text (a copy of the raw bytes when it was read in place).
    func string(in bytes: UnsafeRawBufferPointer) -> String {
        text ?? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The text's UTF-8 without a copy when it was read in place.
    func withUTF8<R>(in bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard var text else { return body(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
