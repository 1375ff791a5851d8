import Foundation
import HuizongCore
import HuizongProtocol
import Logging
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers

public struct ServerConfiguration: Sendable {
    /// Path of the Unix stream socket, or nil for none.
    public var unixSocketPath: String?
    /// Permissions of the Unix socket: connecting needs write access. Authority comes from tokens.
    public var unixSocketMode: mode_t = 0o666
    /// TCP host and port, or nil for none. Port 0 picks a free port (tests).
    public var tcpHost: String?
    public var tcpPort: Int = 7330
    /// Longest accepted line in bytes (PROTOCOL.md: default 1 MiB).
    public var maxLineBytes = 1 << 20
    /// Replies a connection may have outstanding before we stop reading its requests.
    public var outboxCapacity = 1024
    /// Stopping: a connection is closed for reading once it has been quiet this long…
    public var quietBeforeClosing: Duration = .milliseconds(200)
    /// …or after this long in any case; then what it sent is answered.
    public var drainGrace: Duration = .seconds(10)
    /// Stopping: connections still open after this long are closed as they are.
    public var stopDeadline: Duration = .seconds(20)
    /// A subscriber cut off as too slow gets this long to read what is queued and the
    /// `slow_consumer` line before its socket is closed.
    public var slowConsumerGrace: Duration = .seconds(10)
    /// Listening sockets handed over by systemd (socket activation): served instead of binding
    /// `unixSocketPath` and the TCP address, and never unlinked (they are not ours).
    public var inheritedSockets: [CInt] = []

    public init(unixSocketPath: String? = nil, tcpHost: String? = nil, tcpPort: Int = 7330) {
        self.unixSocketPath = unixSocketPath
        self.tcpHost = tcpHost
        self.tcpPort = tcpPort
    }
}

typealias ClientChannel = NIOAsyncChannel<Frame, ByteBuffer>
typealias Listener = NIOAsyncChannel<ClientChannel, Never>

public struct ServerError: Error, CustomStringConvertible {
    public let description: String
}

/// The sockets, bound and ready to serve. Bound first so that the daemon reports readiness to
/// systemd only once clients can connect.
public struct BoundServer: Sendable {
    /// Each listener with the ledger of the connections it accepted.
    let listeners: [(Listener, ChildLedger)]
    /// The TCP port actually bound (useful with port 0).
    public let tcpPort: Int?
    public let unixSocketPath: String?
    /// The socket file as we created it: removed at the end only if it is still ours.
    let unixSocketIdentity: UnixSocketFile.Identity?
}



/// The NDJSON server of PROTOCOL.md on a Unix socket and a TCP port at once.
///
/// Stopping (`shutdown`) is graceful, in the manner of PgBouncer's SIGTERM: the listeners close
/// first; each connection is read until it goes quiet, answered, told `closing` if it subscribed,
/// and closed. No accepted connection is ever dropped unhandled (`ChildLedger`).
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    let services: Services
    let group: any EventLoopGroup
    let logger: Logger
    private let stop = NIOLockedValueBox<(requested: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    private let lineLimit: NIOLockedValueBox<Int>

    /// The longest request line of connections accepted from now on (a reload changes it).
    public var maxLineBytes: Int {
        get { lineLimit.withLockedValue { $0 } }
        set { lineLimit.withLockedValue { $0 = newValue } }
    }

    public init(configuration: ServerConfiguration, services: Services, group: any EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.services = services
        self.group = group
        self.logger = logger
        self.lineLimit = NIOLockedValueBox(configuration.maxLineBytes)
    }

    public func bind() async throws -> BoundServer {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        let initializer = { (ledger: ChildLedger) -> @Sendable (any Channel) -> EventLoopFuture<ClientChannel> in { channel in
            channel.eventLoop.makeCompletedFuture {
                do {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLength: self.maxLineBytes)))
                    return try ledger.wrap(channel)
                } catch {
                    channel.close(promise: nil)  // a failed initializer's channel is ours to close
                    throw error
                }
            }
        } }
        var listeners: [(Listener, ChildLedger)] = []
        var tcpPort: Int?
        var identity: UnixSocketFile.Identity?
        do {
            for fd in configuration.inheritedSockets {
                let ledger = ChildLedger()
                let listener = try await bootstrap.bind(fd, childChannelInitializer: initializer(ledger))
                listeners.append((listener, ledger))
                if let port = listener.channel.localAddress?.port { tcpPort = port }  // nil for a Unix socket
                logger.info("listening on a socket from systemd", metadata: ["address": "\(listener.channel.localAddress.map { "\($0)" } ?? "fd \(fd)")"])
            }
            if let path = configuration.unixSocketPath, configuration.inheritedSockets.isEmpty {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                // Bound here, not by NIO: NIO removes the path of a socket it bound when it closes it,
                // even if the file there is another daemon's by then.
                let fd = try UnixSocketFile.listen(at: path, mode: configuration.unixSocketMode)
                identity = UnixSocketFile.identity(of: path)
                let ledger = ChildLedger()
                let listener = try await bootstrap.bind(fd, childChannelInitializer: initializer(ledger))
                listeners.append((listener, ledger))
                logger.info("listening", metadata: ["address": "unix:\(path)"])
            }
            if let host = configuration.tcpHost, configuration.inheritedSockets.isEmpty {
                let ledger = ChildLedger()
                let listener = try await bootstrap.bind(host: host, port: configuration.tcpPort, childChannelInitializer: initializer(ledger))
                tcpPort = listener.channel.localAddress?.port
                listeners.append((listener, ledger))
                logger.info("listening", metadata: ["address": "tcp:\(host):\(tcpPort ?? configuration.tcpPort)"])
            }
        } catch {
            for (l, _) in listeners { try? await l.channel.close() }
            if let path = configuration.unixSocketPath, let identity { UnixSocketFile.remove(path, ifStill: identity) }
            throw error
        }
        return BoundServer(listeners: listeners, tcpPort: tcpPort,
                           unixSocketPath: configuration.unixSocketPath, unixSocketIdentity: identity)
    }

    /// Serves until `shutdown()` (or cancellation, which stops at once) and every connection has
    /// ended; each connection runs in its own child task.
    public func serve(_ bound: BoundServer) async {
        enum Step { case allEnded, quiesced, deadline, cancelled }
        await withTaskCancellationHandler {
            await withTaskGroup(of: Step.self) { steps in
                steps.addTask {
                    await withDiscardingTaskGroup { group in
                        for (listener, ledger) in bound.listeners { group.addTask { await self.accept(listener, ledger: ledger) } }
                    }
                    return .allEnded
                }
                steps.addTask {
                    await self.stopRequested()
                    for (listener, _) in bound.listeners { listener.channel.close(promise: nil) }
                    await self.services.connections.quiesce(idle: self.configuration.quietBeforeClosing,
                                                             grace: self.configuration.drainGrace)
                    return .quiesced
                }
                steps.addTask {
                    await self.stopRequested()
                    // Cancelled when every connection ended in time: not a deadline passed.
                    do { try await Task.sleep(for: self.configuration.stopDeadline) } catch { return .cancelled }
                    return .deadline
                }
                while let step = await steps.next() {
                    switch step {
                    case .quiesced, .cancelled: continue
                    case .deadline:
                        logger.warning("connections still open at the stop deadline; closing them")
                        self.services.connections.closeAll()
                    case .allEnded:
                        steps.cancelAll()
                    }
                }
            }
        } onCancel: {
            self.shutdown()
            self.services.connections.closeAll()
        }
        if let path = bound.unixSocketPath, let mine = bound.unixSocketIdentity {
            UnixSocketFile.remove(path, ifStill: mine)  // only our own: another daemon may have replaced it
        }
    }

    /// Stops accepting and winds every connection down (see `ServerConfiguration`).
    public func shutdown() {
        let waiters = stop.withLockedValue { s -> [CheckedContinuation<Void, Never>] in
            s.requested = true
            defer { s.waiters = [] }
            return s.waiters
        }
        waiters.forEach { $0.resume() }
    }

    private func stopRequested() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = stop.withLockedValue { s -> Bool in
                if s.requested { return true }
                s.waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }

    private func accept(_ listener: Listener, ledger: ChildLedger) async {
        await withDiscardingTaskGroup { connections in
            do {
                try await listener.executeThenClose { inbound in
                    for try await connection in inbound {
                        ledger.claim(connection)
                        connections.addTask { await self.handle(connection) }
                    }
                }
            } catch {
                logger.error("listener stopped", metadata: ["error": "\(error)"])
            }
            // Accepted but never delivered (the listener closed under them): closed, not dropped.
            for orphan in ledger.sealAndTakeOrphans() {
                connections.addTask { try? await orphan.executeThenClose { _, _ in } }
            }
        }
    }

    /// Serves a connection that arrived another way (the console's WebSocket, whose codec turns
    /// messages into lines and lines into messages) exactly as a socket's, already signed in as
    /// `office`. Returns when it has ended.
    public func serve(_ connection: NIOAsyncChannel<Frame, ByteBuffer>, signedIn office: Office) async {
        await handle(connection, office: office)
    }

    /// Two tasks per connection: one reads requests and queues their replies, the other (this one)
    /// writes the replies in order. When the writer ends (the outbox drained and closed, the peer
    /// gone, the office revoked), the reader is cancelled: nothing waits on a dead connection.
    private func handle(_ connection: ClientChannel, office: Office? = nil) async {
        let channel = connection.channel
        let grace = TimeAmount.nanoseconds(Int64(configuration.slowConsumerGrace.nanoseconds))
        let outbox = Outbox(capacity: configuration.outboxCapacity, cut: {
            channel.eventLoop.scheduleTask(in: grace) { channel.close(promise: nil) }
        })
        let entry = services.connections.add(channel: channel, outbox: outbox)
        let services = services
        let maxLineBytes = self.maxLineBytes
        do {
            try await connection.executeThenClose { inbound, outbound in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        defer { outbox.close() }
                        var session = Session(services: services, maxLineBytes: maxLineBytes, outbox: outbox, entry: entry, office: office)
                        do {
                            for try await frame in inbound {
                                entry.requestRead()
                                if let reply = await session.handle(frame) { await outbox.push(reply) }
                                entry.requestHandled()
                            }
                        } catch {}
                    }
                    do {
                        while let batch = await outbox.next() {
                            try await outbound.write(batch.bytes)
                            if batch.events > 0 || batch.through != nil { outbox.wrote(events: batch.events, through: batch.through) }
                        }
                        if outbox.ending == nil, outbox.isSubscribed, entry.quiescing.load(ordering: .relaxed) {
                            try await outbound.write(ByteBuffer(bytes: Reply.closing()))
                        }
                    } catch {
                        logger.debug("connection ended", metadata: ["error": "\(error)"])
                    }
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
        services.connections.remove(entry)
        services.hub.unsubscribe(outbox)
    }
}

/// Holds every accepted connection until the accept loop has taken it: NIO traps (in release builds
/// too) when an `NIOAsyncChannel` is released without having been run, which is what happened to
/// connections accepted while the daemon was stopping.
final class ChildLedger: Sendable {
    private let state = NIOLockedValueBox<(sealed: Bool, live: [ObjectIdentifier: ClientChannel])>((false, [:]))

    /// Wraps a new connection (on its event loop) and keeps it until claimed.
    func wrap(_ channel: any Channel) throws -> ClientChannel {
        try state.withLockedValue { s in
            guard !s.sealed else { throw ChannelError.ioOnClosedChannel }
            let wrapped = try ClientChannel(wrappingChannelSynchronously: channel)
            s.live[ObjectIdentifier(channel)] = wrapped
            return wrapped
        }
    }

    func claim(_ connection: ClientChannel) {
        _ = state.withLockedValue { $0.live.removeValue(forKey: ObjectIdentifier(connection.channel)) }
    }

    /// No more connections are taken; those never claimed are returned to be closed.
    func sealAndTakeOrphans() -> [ClientChannel] {
        state.withLockedValue { s in
            s.sealed = true
            defer { s.live = [:] }
            return Array(s.live.values)
        }
    }
}
