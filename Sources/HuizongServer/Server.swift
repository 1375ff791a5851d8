import Foundation
import Logging
import NIOCore
import NIOPosix

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

    public init(unixSocketPath: String? = nil, tcpHost: String? = nil, tcpPort: Int = 7330) {
        self.unixSocketPath = unixSocketPath
        self.tcpHost = tcpHost
        self.tcpPort = tcpPort
    }
}

typealias ClientChannel = NIOAsyncChannel<Frame, ByteBuffer>
typealias Listener = NIOAsyncChannel<ClientChannel, Never>

/// The sockets, bound and ready to serve. Bound first so that the daemon reports readiness to
/// systemd only once clients can connect.
public struct BoundServer: Sendable {
    let listeners: [Listener]
    /// The TCP port actually bound (useful with port 0).
    public let tcpPort: Int?
    public let unixSocketPath: String?
}

/// The NDJSON server of PROTOCOL.md on a Unix socket and a TCP port at once.
public struct Server: Sendable {
    public let configuration: ServerConfiguration
    let services: Services
    let group: EventLoopGroup
    let logger: Logger

    public init(configuration: ServerConfiguration, services: Services, group: EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.services = services
        self.group = group
        self.logger = logger
    }

    public func bind() async throws -> BoundServer {
        let maxLine = configuration.maxLineBytes
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        let initializer: @Sendable (Channel) -> EventLoopFuture<ClientChannel> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLength: maxLine)))
                return try ClientChannel(wrappingChannelSynchronously: channel)
            }
        }
        var listeners: [Listener] = []
        var tcpPort: Int?
        if let path = configuration.unixSocketPath {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            let listener = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true,
                                                    childChannelInitializer: initializer)
            chmod(path, configuration.unixSocketMode)
            listeners.append(listener)
            logger.info("listening on unix:\(path)")
        }
        if let host = configuration.tcpHost {
            let listener = try await bootstrap.bind(host: host, port: configuration.tcpPort, childChannelInitializer: initializer)
            tcpPort = listener.channel.localAddress?.port
            listeners.append(listener)
            logger.info("listening on tcp:\(host):\(tcpPort ?? configuration.tcpPort)")
        }
        return BoundServer(listeners: listeners, tcpPort: tcpPort, unixSocketPath: configuration.unixSocketPath)
    }

    /// Serves until the task is cancelled; each connection runs in its own child task.
    public func serve(_ bound: BoundServer) async {
        await withDiscardingTaskGroup { group in
            for listener in bound.listeners {
                group.addTask {
                    do {
                        try await listener.executeThenClose { connections in
                            try await withThrowingDiscardingTaskGroup { connectionsGroup in
                                for try await connection in connections {
                                    connectionsGroup.addTask { await self.handle(connection) }
                                }
                            }
                        }
                    } catch is CancellationError {
                    } catch {
                        logger.error("listener stopped: \(error)")
                    }
                }
            }
        }
        if let path = bound.unixSocketPath { unlink(path) }
    }

    /// Two tasks per connection: one reads requests and queues their replies, the other writes the
    /// replies in order. Either one closes the outbox when it ends, however it ends, so the other
    /// cannot wait on it forever (a dead peer, a cancelled server).
    private func handle(_ connection: ClientChannel) async {
        let outbox = Outbox(capacity: configuration.outboxCapacity)
        let services = services
        let maxLineBytes = configuration.maxLineBytes
        let eventLoop = connection.channel.eventLoop
        do {
            try await connection.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        defer { outbox.close() }
                        var session = Session(services: services, eventLoop: eventLoop, maxLineBytes: maxLineBytes, outbox: outbox)
                        for try await frame in inbound {
                            if let reply = await session.handle(frame) {
                                await outbox.push(reply)
                                session.replyQueued()
                            }
                        }
                    }
                    group.addTask {
                        defer { outbox.close() }
                        while let slot = await outbox.next() {
                            switch slot {
                            case .ready(let bytes): try await outbound.write(ByteBuffer(bytes: bytes))
                            case .pending(let future): try await outbound.write(ByteBuffer(bytes: try await future.get()))
                            case .events(let bytes, _): try await outbound.write(ByteBuffer(bytes: bytes))
                            }
                        }
                        if outbox.isKicked { throw SlowConsumer() }  // drop the connection, reader and all
                    }
                    try await group.waitForAll()
                }
            }
        } catch {
            logger.debug("connection ended: \(error)")
        }
        services.hub.unsubscribe(outbox)
    }

    struct SlowConsumer: Error {}
}
