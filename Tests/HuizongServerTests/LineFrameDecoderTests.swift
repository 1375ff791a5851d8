import NIOCore
import NIOEmbedded
import Testing
@testable import HuizongServer

/// The NDJSON framing on an `EmbeddedChannel`: no socket, no event loop thread, every byte
/// boundary the tests choose.
@Suite struct LineFrameDecoderTests {
    func channel(max: Int = 16) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLength: max)))
        return channel
    }

    /// The frames read so far, as text ("<too long>" for a dropped line).
    func frames(_ channel: EmbeddedChannel) throws -> [String] {
        var out: [String] = []
        while let frame = try channel.readInbound(as: Frame.self) {
            switch frame {
            case .line(let b): out.append(String(buffer: b))
            case .tooLong: out.append("<too long>")
            }
        }
        return out
    }

    @Test func linesSplitAnywhereComeOutWhole() throws {
        let text = "{\"type\":\"ping\"}\r\n\nabc\nde"
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            let channel = try channel(max: 64)
            try channel.writeInbound(ByteBuffer(bytes: bytes[..<cut]))
            try channel.writeInbound(ByteBuffer(bytes: bytes[cut...]))
            var got = try frames(channel)
            _ = try channel.finish()  // end of input: the last line without its newline
            got += try frames(channel)
            // CR before LF dropped, a blank line kept (a keep-alive), the last line without LF at EOF.
            #expect(got == ["{\"type\":\"ping\"}", "", "abc", "de"], "cut at \(cut)")
        }
    }

    @Test func aLineTooLongIsDroppedAsItArrivesAndTheNextOneIsRead() throws {
        let channel = try channel(max: 16)
        // A megabyte without a newline, in pieces: never held whole.
        for _ in 0..<1024 {
            try channel.writeInbound(ByteBuffer(bytes: Array(repeating: UInt8(ascii: "x"), count: 1024)))
        }
        #expect(try frames(channel).isEmpty)
        try channel.writeInbound(ByteBuffer(string: "xx\nshort\n"))
        #expect(try frames(channel) == ["<too long>", "short"])
        // Exactly the limit is a line; one byte more is not.
        try channel.writeInbound(ByteBuffer(string: String(repeating: "a", count: 16) + "\n" + String(repeating: "b", count: 17) + "\n"))
        #expect(try frames(channel) == [String(repeating: "a", count: 16), "<too long>"])
        _ = try channel.finish()
    }

    @Test func aTooLongLineCutByTheEndOfInputIsReportedOnce() throws {
        let channel = try channel(max: 4)
        try channel.writeInbound(ByteBuffer(string: "ok\n123456789"))
        _ = try channel.finish()
        #expect(try frames(channel) == ["ok", "<too long>"])
    }
}
