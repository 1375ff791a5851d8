import HuizongServer
import NIOCore
import NIOWebSocket

/// Turns a WebSocket into the NDJSON connection the server already serves: each text message is
/// one or more request lines, each reply or event line goes out as a text message of its own. So
/// the browser speaks PROTOCOL.md itself, through the very `Session` a socket gets: one protocol,
/// one set of rules. Sits after `NIOWebSocketFrameAggregator`, which joins fragments and bounds a
/// message's size.
final class WebSocketLines: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = Frame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = WebSocketFrame

    private var closing = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            var data = frame.unmaskedData
            while data.readableBytes > 0 {
                let view = data.readableBytesView
                let end = view.firstIndex(of: UInt8(ascii: "\n")).map { $0 - view.startIndex } ?? view.count
                var line = data.readSlice(length: end)!
                data.moveReaderIndex(forwardBy: min(1, data.readableBytes))  // the newline
                if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
                context.fireChannelRead(wrapInboundOut(.line(line)))
            }
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            // The browser leaves: answer its close, then end the input like a socket's EOF, so that
            // what it sent is still answered (the session writes, then the connection closes).
            if !closing {
                closing = true
                var code = frame.unmaskedData
                let echo = WebSocketFrame(fin: true, opcode: .connectionClose, data: code.readSlice(length: min(2, code.readableBytes)) ?? ByteBuffer())
                context.writeAndFlush(wrapOutboundOut(echo), promise: nil)
            }
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        default:
            break  // pong and continuations (the aggregator joins those)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var bytes = unwrapOutboundIn(data)
        var last: EventLoopFuture<Void>?
        while bytes.readableBytes > 0 {
            let view = bytes.readableBytesView
            let end = view.firstIndex(of: UInt8(ascii: "\n")).map { $0 - view.startIndex } ?? view.count
            let line = bytes.readSlice(length: end)!
            bytes.moveReaderIndex(forwardBy: min(1, bytes.readableBytes))
            last = context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: line)))
        }
        if let last { last.cascade(to: promise) } else { promise?.succeed() }
    }

    /// The daemon ends the connection (stopping, the office revoked): a close frame first, so that
    /// the browser sees a close (1001, going away) rather than a dropped connection — flushed, not
    /// waited for: a peer that stopped reading (a slow consumer cut off) must not keep it open.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all, !closing {
            closing = true
            var code = context.channel.allocator.buffer(capacity: 2)
            code.write(webSocketErrorCode: .goingAway)
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: code)), promise: nil)
        }
        context.close(mode: mode, promise: promise)
    }
}
