#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of a clerk's file: UTF-8 with or without a byte-order mark, or GB18030 as Excel saves
/// "CSV" on Chinese Windows. Decided by validity, not by guessing from the name: Chinese text in
/// GB18030 is practically never valid UTF-8.
public enum TextDecoding {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        case gb18030
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Decodes `bytes`; with `encoding` nil, UTF-8 if the bytes are valid UTF-8, else GB18030.
    public static func decode(_ bytes: [UInt8], as encoding: Encoding? = nil) throws -> (text: String, encoding: Encoding) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw Failure(description: "the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or plain CSV")
        }
        switch encoding {
        case .utf8?:
            guard let text = String(validating: body, as: UTF8.self) else {
                throw Failure(description: "the file is not valid UTF-8 (try --encoding gb18030)")
            }
            return (text, .utf8)
        case .gb18030?:
            return (try gb18030(Array(body)), .gb18030)
        case nil:
            if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
            return (try gb18030(Array(body)), .gb18030)
        }
    }

    /// GB18030 to UTF-8 through glibc's iconv, which covers the whole of GB18030-2005.
    static func gb18030(_ bytes: [UInt8]) throws -> String {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { throw Failure(description: "this system's iconv has no GB18030") }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)  // 2 GB18030 bytes → at most 3 UTF-8; 4 → 4
        let produced: Int = try input.withUnsafeMutableBufferPointer { inBuf in
            try output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                    let at = inBuf.count - inLeft
                    throw Failure(description: "neither UTF-8 nor GB18030: an invalid byte sequence at byte \(at + 1)")
                }
                return outBuf.count - outLeft
            }
        }
        return String(decoding: output[..<produced], as: UTF8.self)
    }
}
