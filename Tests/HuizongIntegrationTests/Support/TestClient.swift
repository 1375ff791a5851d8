import Foundation
import HuizongProtocol
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers

/// A protocol client over a real socket: sends raw lines, reads reply lines as JSON. Nothing in it
/// knows the server's types, so it talks to the daemon the way any client would.
final class TestClient: Sendable {
    private let channel: Channel
    private let collector: LineCollector

    static func unix(_ path: String) async throws -> TestClient {
        let collector = LineCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { $0.pipeline.addHandler(collector) }
            .connect(unixDomainSocketPath: path).get()
        return TestClient(channel: channel, collector: collector)
    }

    static func tcp(port: Int) async throws -> TestClient {
        let collector = LineCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { $0.pipeline.addHandler(collector) }
            .connect(host: "127.0.0.1", port: port).get()
        return TestClient(channel: channel, collector: collector)
    }

    private init(channel: Channel, collector: LineCollector) {
        self.channel = channel
        self.collector = collector
    }

    /// Sends raw bytes as they are (the caller adds any newline).
    func sendBytes(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    /// Sends one line (a newline is appended).
    func send(_ line: String) async throws {
        try await sendBytes(Array(line.utf8) + [0x0A])
    }

    /// The next reply, parsed; fails after `timeout`.
    func receive(timeout: Duration = .seconds(20)) async throws -> JSON {
        guard let line = await collector.next(timeout: timeout) else {
            throw TestFailure("no reply within \(timeout) (connection \(channel.isActive ? "open" : "closed"))")
        }
        return try JSONParser.parse(line)
    }

    func request(_ line: String) async throws -> JSON {
        try await send(line)
        return try await receive()
    }

    /// Stops (or resumes) reading from the socket: a subscriber that falls behind.
    func setReading(_ on: Bool) async throws {
        try await channel.setOption(ChannelOptions.autoRead, value: on).get()
        if on { channel.read() }
    }

    /// False once the server (or we) closed the connection.
    var isOpen: Bool { channel.isActive }

    func close() async {
        try? await channel.close().get()
    }
}

/// Splits inbound bytes into lines and hands them to whoever waits, in order.
final class LineCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private struct State {
        var partial: [UInt8] = []
        var lines: [String] = []
        var waiter: (id: Int, continuation: CheckedContinuation<String?, Never>)?
        var nextWaiter = 0
        var closed = false
    }

    private let state = NIOLockedValueBox(State())

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        deliver(Array(buffer.readableBytesView))
    }

    func channelInactive(context: ChannelHandlerContext) {
        let waiter = state.withLockedValue { s in
            s.closed = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.continuation.resume(returning: nil)
        context.fireChannelInactive()
    }

    private func deliver(_ bytes: [UInt8]) {
        var ready: [(CheckedContinuation<String?, Never>, String)] = []
        state.withLockedValue { s in
            for b in bytes {
                if b == 0x0A {
                    s.lines.append(String(decoding: s.partial, as: UTF8.self))
                    s.partial.removeAll(keepingCapacity: true)
                } else {
                    s.partial.append(b)
                }
            }
            if let w = s.waiter, !s.lines.isEmpty {
                s.waiter = nil
                ready.append((w.continuation, s.lines.removeFirst()))
            }
        }
        for (c, line) in ready { c.resume(returning: line) }
    }

    func next(timeout: Duration) async -> String? {
        await withCheckedContinuation { (c: CheckedContinuation<String?, Never>) in
            let (immediate, id): (String??, Int) = state.withLockedValue { s in
                if !s.lines.isEmpty { return (.some(s.lines.removeFirst()), 0) }
                if s.closed { return (.some(nil), 0) }
                s.nextWaiter += 1
                s.waiter = (s.nextWaiter, c)
                return (nil, s.nextWaiter)
            }
            if let immediate { c.resume(returning: immediate); return }
            Task {
                try? await Task.sleep(for: timeout)
                let expired = self.state.withLockedValue { s -> CheckedContinuation<String?, Never>? in
                    guard let w = s.waiter, w.id == id else { return nil }
                    s.waiter = nil
                    return w.continuation
                }
                expired?.resume(returning: nil)
            }
        }
    }
}

extension JSON {
    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    subscript(index: Int) -> JSON? {
        guard case .array(let items) = self, index < items.count else { return nil }
        return items[index]
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var array: [JSON] {
        if case .array(let items) = self { return items }
        return []
    }

    var type: String? { self["type"]?.string }
    var code: String? { self["code"]?.string }
}
