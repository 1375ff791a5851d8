import HuizongCore
import HuizongProtocol
import HuizongServer
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

public struct ConsoleConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Largest file a clerk may upload (a month of a county is a few KiB; a province's, a few MiB).
    public var maxUploadBytes = 8 << 20
    /// Largest request of any other kind (a WebSocket message is bounded by the server's line limit).
    public var maxRequestBytes = 64 << 10
    /// An HTTP connection that sends nothing for this long is closed (a WebSocket is not: a
    /// bureau's screen may watch the month for hours).
    public var idleTimeout: TimeAmount = .seconds(60)
    public var sessionLifetime: Duration = .seconds(12 * 3600)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// The web console (`--http`): pages built into the binary, sign-in exchanging an office's token
/// for a session cookie, uploads read by the same code as `huizong submit`, the printable report,
/// and a WebSocket that the server serves as one more NDJSON connection. Nothing here decides a
/// figure: every request goes through `Session`, with the office's authority.
public final class Console: Sendable {
    typealias HTTPChannel = NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>
    enum Accepted: Sendable {
        case webSocket(NIOAsyncChannel<Frame, ByteBuffer>, SignIns.Signed)
        case http(HTTPChannel, remote: String)
    }

    let configuration: ConsoleConfiguration
    let services: Services
    let server: Server
    let logger: Logger
    let signIns: SignIns
    private let listener = Mutex<(any Channel)?>(nil)
    /// Every connection from its accept (so that none escapes a stop), whether a request of it is
    /// being answered, and for a WebSocket the session it was opened under (signing out closes it).
    private let open = Mutex<(stopping: Bool, channels: [ObjectIdentifier: Open])>((false, [:]))
    struct Open {
        let channel: any Channel
        var busy = false
        var session: String?
    }
    /// Uploads being read and answered now: each holds a file in memory.
    let uploads = Atomic<Int>(0)

    public init(configuration: ConsoleConfiguration, services: Services, server: Server, logger: Logger) {
        self.configuration = configuration
        self.services = services
        self.server = server
        self.logger = logger
        self.signIns = SignIns(lifetime: configuration.sessionLifetime)
    }

    /// Binds the port (so that a port in use stops the daemon at its start, not later); returns the
    /// port bound (useful with port 0).
    public func bind(group: any EventLoopGroup) async throws -> BoundConsole {
        let channel: NIOAsyncChannel<EventLoopFuture<Accepted>, Never> = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel) }
            }
        listener.withLock { $0 = channel.channel }
        let port = channel.channel.localAddress?.port ?? configuration.port
        logger.info("console listening", metadata: ["address": "http://\(configuration.host):\(port)/"])
        return BoundConsole(listener: channel, port: port)
    }

    /// Serves until `shutdown()`; each connection in a task of its own.
    public func serve(_ bound: BoundConsole) async {
        await withDiscardingTaskGroup { group in
            do {
                try await bound.listener.executeThenClose { inbound in
                    for try await accepted in inbound {
                        group.addTask { await self.handle(accepted) }
                    }
                }
            } catch {
                logger.error("console listener stopped", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The daemon starts to stop: no new connections, idle HTTP ones closed, busy ones closed once
    /// answered. WebSockets are the server's connections: its drain winds them down like any other.
    public func stopAccepting() {
        listener.withLock { $0?.close(promise: nil) }
        let idle = open.withLock { o -> [any Channel] in
            o.stopping = true
            return o.channels.values.filter { !$0.busy && $0.session == nil }.map(\.channel)
        }
        for channel in idle { channel.close(promise: nil) }
    }

    /// The console's turn to stop, after the server's drain: whatever is still open is closed.
    public func shutdown() {
        stopAccepting()
        for o in open.withLock({ Array($0.channels.values) }) { o.channel.close(promise: nil) }
    }

    /// Counts a connection from its accept; one accepted while stopping is closed at once.
    private func register(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let stopping = open.withLock { o in
            if !o.stopping { o.channels[id] = Open(channel: channel) }
            return o.stopping
        }
        if stopping { channel.close(promise: nil); return }
        channel.closeFuture.whenComplete { _ in _ = self.open.withLock { $0.channels.removeValue(forKey: id) } }
    }

    /// A request of `channel` is being answered (or no longer): a stop waits for it. False when
    /// the daemon is stopping and the connection should close instead of reading another.
    func markBusy(_ channel: any Channel, _ busy: Bool) -> Bool {
        open.withLock { o in
            o.channels[ObjectIdentifier(channel)]?.busy = busy
            return !o.stopping
        }
    }

    /// Signing out (or the session's end) closes the WebSockets opened under it.
    func closeWebSockets(of session: String) {
        for o in open.withLock({ $0.channels.values.filter { $0.session == session } }) { o.channel.close(promise: nil) }
    }

    private func handle(_ accepted: EventLoopFuture<Accepted>) async {
        do {
            switch try await accepted.get() {
            case .webSocket(let connection, let signed):
                try await serveWebSocket(connection, signed)
            case .http(let channel, let remote):
                try await channel.executeThenClose { inbound, outbound in
                    try await self.serveHTTP(inbound, outbound, channel: channel.channel, remote: remote)
                }
            }
        } catch {
            logger.debug("console connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// HTTP/1.1 with an upgrade to a WebSocket at `/ws` for a signed-in browser of this site.
    private func configure(_ channel: any Channel) throws -> EventLoopFuture<Accepted> {
        let remote = channel.remoteAddress?.ipAddress ?? "unknown"
        let upgrader = NIOTypedWebSocketServerUpgrader<Accepted>(
            maxFrameSize: server.maxLineBytes,
            // Decided at once, from memory (a declined upgrade must be decided synchronously: NIO
            // 2.101 loses the request otherwise); the office is checked against the database next.
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(self.mayUpgrade(head) == nil ? nil : HTTPHeaders())
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    // The same request read again (from memory): nothing kept between the two calls.
                    guard let signed = self.mayUpgrade(head) else { throw ChannelError.inappropriateOperationForState }
                    // Closed when its session ends: at its expiry, or when it signs out.
                    self.open.withLock { $0.channels[ObjectIdentifier(channel)]?.session = signed.id }
                    let left = signed.expires - ContinuousClock.now
                    channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(max(0, left.components.seconds)) * 1_000_000_000)) {
                        channel.close(promise: nil)
                    }
                    let sync = channel.pipeline.syncOperations
                    _ = sync.removeHandler(name: "idle")
                    _ = sync.removeHandler(name: "idle-close")
                    // A message is bounded like a socket's line (`--max-line-bytes`, reloadable).
                    try sync.addHandler(NIOWebSocketFrameAggregator(minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1024,
                                                                    maxAccumulatedFrameSize: self.server.maxLineBytes))
                    try sync.addHandler(WebSocketLines())
                    return .webSocket(try NIOAsyncChannel<Frame, ByteBuffer>(wrappingChannelSynchronously: channel), signed)
                }
            })
        register(channel)
        let sync = channel.pipeline.syncOperations
        try sync.addHandler(IdleStateHandler(readTimeout: configuration.idleTimeout), name: "idle")
        try sync.addHandler(CloseWhenIdle(), name: "idle-close")
        return try sync.configureUpgradableHTTPServerPipeline(configuration: .init(upgradeConfiguration: .init(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteBufferResponseParts())
                    return .http(try HTTPChannel(wrappingChannelSynchronously: channel), remote: remote)
                }
            })))
    }

    /// A WebSocket is opened only at `/ws`, by a page of this site (its `Origin`), for a live
    /// session; anything else stays HTTP and is refused there (403).
    private func mayUpgrade(_ head: HTTPRequestHead) -> SignIns.Signed? {
        let request = HTTPRequest(head: head, body: ByteBuffer(), remote: "")
        guard request.path == "/ws", head.headers.first(name: "Origin") != nil, !request.isCrossSite,
              let id = request.cookie(Self.cookieName) else { return nil }
        return signIns.lookup(id)
    }

    /// A WebSocket's office, checked against the database as every sign-in use is (a revoked
    /// office's browser is told, as a socket would be, and closed).
    private func serveWebSocket(_ connection: NIOAsyncChannel<Frame, ByteBuffer>, _ signed: SignIns.Signed) async throws {
        let office: Office?
        do {
            office = try await services.readers.authenticate(code: signed.code, token: signed.token)
        } catch {
            try await connection.executeThenClose { _, outbound in
                try await outbound.write(ByteBuffer(bytes: Reply.error(id: nil, code: .unavailable, message: "database unavailable; try again shortly")))
            }
            return
        }
        guard let office else {
            signIns.close(office: signed.code)
            try await connection.executeThenClose { _, outbound in
                try await outbound.write(ByteBuffer(bytes: Reply.error(id: nil, code: .unauthenticated, message: "office \(signed.code) is no longer valid; sign in again")))
            }
            return
        }
        await server.serve(connection, signedIn: office)
    }
}

public struct BoundConsole: Sendable {
    let listener: NIOAsyncChannel<EventLoopFuture<Console.Accepted>, Never>
    public let port: Int
}

/// Closes an HTTP connection that has sent nothing for the idle timeout (a deadline on every wait).
final class CloseWhenIdle: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) } else { context.fireUserInboundEventTriggered(event) }
    }
}
