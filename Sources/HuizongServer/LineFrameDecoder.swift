import NIOCore

/// One inbound unit of the NDJSON framing.
public enum Frame: Sendable {
    /// A complete line without its `\n` (and without a `\r` before it).
    case line(ByteBuffer)
    /// A line longer than the limit: its bytes were dropped as they arrived, never buffered whole.
    case tooLong
}

/// Splits a byte stream into lines of at most `maxLength` bytes. `LineBasedFrameDecoder` has no limit
/// of its own, so a client sending a gigabyte without a newline would exhaust memory; here, past the
/// limit the decoder switches to discarding until the next newline and then reports `.tooLong`.
final class LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = Frame

    private let maxLength: Int
    private var discarding = false
    /// Bytes already searched for a newline, so that a long line arriving in pieces is scanned once.
    private var scanned = 0

    init(maxLength: Int) { self.maxLength = maxLength }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view[(view.startIndex + scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            if discarding || view.count > maxLength {
                discarding = true
                buffer.moveReaderIndex(forwardBy: view.count)
                scanned = 0
            } else {
                scanned = view.count
            }
            return .needMoreData
        }
        let length = newline - view.startIndex
        scanned = 0
        if discarding || length > maxLength {
            discarding = false
            buffer.moveReaderIndex(forwardBy: length + 1)
            context.fireChannelRead(wrapInboundOut(.tooLong))
            return .continue
        }
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        context.fireChannelRead(wrapInboundOut(.line(line)))
        return .continue
    }

    /// At end of input a final line without `\n` is still a request.
    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if discarding {
            discarding = false
            context.fireChannelRead(wrapInboundOut(.tooLong))
        } else if buffer.readableBytes > 0 {
            var line = buffer.readSlice(length: buffer.readableBytes)!
            if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
            context.fireChannelRead(wrapInboundOut(.line(line)))
        }
        scanned = 0
        return .needMoreData
    }
}
