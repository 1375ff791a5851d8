import Foundation
import HuizongCore
import HuizongStore
import Logging
import NIOPosix
import ServiceLifecycle

/// How to build the daemon's parts (huizongd fills it from its settings; tests from their own).
public struct ApplicationConfiguration: Sendable {
    public var conninfo: String
    /// Where the change feed listens (tests point it through a faulty proxy); default: `conninfo`.
    public var feedConninfo: String?
    public var connection = ConnectionSettings()
    public var server = ServerConfiguration()
    public var writers = 2
    public var readers = 2
    public var batchMax = 1024
    public var flushWindow: Duration = .milliseconds(250)
    public var maxQueued = 8192
    public var subscriberQueue = 4096
    public var serverName = "huizongd"
    public var deadline = Deadline()
    public var now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    public init(conninfo: String) { self.conninfo = conninfo }
}

/// The one place the daemon's object graph is built (hummingbird's `Application` is the model):
/// reference data, readers, the change feed, the broadcaster, the writers, the sessions' services
/// and the server, bound and ready. `huizongd` and the tests both start it, and run its parts as
/// one `ServiceGroup`.
public final class Application: Sendable {
    public let services: Services
    public let server: Server
    public let bound: BoundServer
    let feed: ChangeFeed

    public var writer: WriterPool { services.writer }
    public var readers: ReaderPool { services.readers }
    public var hub: BroadcastHub { services.hub }

    /// Reads the reference data, builds every part and binds the sockets (so that readiness is
    /// reported only once clients can connect).
    public static func start(_ configuration: ApplicationConfiguration, logger: Logger) async throws -> Application {
        let c = configuration
        let reference = try Reference.read(c.conninfo)
        let origin = Self.origin()
        let reconnects = Reconnects()
        let readers = ReaderPool(count: c.readers, conninfo: c.conninfo, settings: c.connection, reconnects: reconnects, logger: logger)
        let connections = Connections()
        let latest = try EventStore.latest(conninfo: c.conninfo)
        // The broadcaster reads (other daemons' events, hand-overs) on a connection of its own: never
        // behind a session's long replay.
        let hubReader = ReaderPool(count: 1, conninfo: c.conninfo, settings: c.connection, reconnects: reconnects, logger: logger)
        let hub = BroadcastHub(readers: hubReader, reference: reference, origin: origin, position: latest, queueLimit: c.subscriberQueue, logger: logger,
                               onRevoked: { connections.revoke(office: $0) })
        let writer = WriterPool(lanes: c.writers, conninfo: c.conninfo, settings: c.connection, reference: reference, maxBatch: c.batchMax,
                                flushWindow: c.flushWindow,
                                hooks: WriterHooks(deliver: AckTicket.deliver, publish: hub.publish, watched: { hub.watched }),
                                reconnects: reconnects, origin: origin, logger: logger)
        let services = Services(reference: reference, writer: writer, readers: readers, hub: hub, connections: connections,
                                maxQueuedSubmissions: c.maxQueued, serverName: c.serverName, deadline: c.deadline, now: c.now)
        let feed = ChangeFeed(conninfo: c.feedConninfo ?? c.conninfo, settings: c.connection, reconnects: reconnects, logger: logger)
        let server = Server(configuration: c.server, services: services, group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        do {
            let bound = try await server.bind()
            if !(await feed.waitUntilListening(within: .seconds(5))) {
                logger.warning("the change feed is not listening yet; subscriptions are refused until it is")
            }
            return Application(services: services, server: server, bound: bound, feed: feed)
        } catch {
            feed.shutdown()
            await readers.shutdown()
            throw error
        }
    }

    private init(services: Services, server: Server, bound: BoundServer, feed: ChangeFeed) {
        self.services = services
        self.server = server
        self.bound = bound
        self.feed = feed
    }

    /// The parts as services, in start order; a `ServiceGroup` stops them in reverse: the server
    /// drains its connections first, then the broadcaster stops, the writers finish their queues
    /// and write what is left behind, the feed and the readers close.
    /// - Parameters:
    ///   - extras: the daemon's own parts (janitor, metrics, watchdog …), started after these and
    ///     before the server, stopped after the server has drained.
    ///   - onStop: called when the server starts draining (huizongd says STOPPING=1).
    public func lifecycle(referencePoll: Duration = .seconds(2), logger: Logger, extras: [any Service] = [],
                          onStop: @escaping @Sendable () -> Void = {}) -> [any Service] {
        let (services, server, bound, feed) = (self.services, self.server, self.bound, self.feed)
        let parts: [any Service] = [
            Running.cleanup("readers", logger: logger) { await services.readers.shutdown() },
            Running.cleanup("change feed", logger: logger) { feed.shutdown() },
            Running.loop("writers", logger: logger, run: { await services.writer.run() }, stop: { services.writer.close() }),
            Running.loop("broadcaster", logger: logger, run: { await services.hub.run(feed: feed) }, stop: { services.hub.shutdown() }),
            Running.poll("reference", logger: logger) {
                await services.reference.follow(readers: services.readers, interval: referencePoll, logger: logger)
            },
        ]
        return parts + extras + [Running.loop("server", logger: logger, run: { await server.serve(bound) }, stop: {
            onStop()
            server.shutdown()
        })]
    }

    /// A name for this daemon that no other on the database has: its commits' notifications carry it.
    static func origin() -> String {
        var g = SystemRandomNumberGenerator()
        return String(g.next() & 0xFFFF_FFFF_FFFF, radix: 36)
    }
}

/// A part of the daemon as a service, of one of three kinds: a loop that a signal ends (`loop`), a
/// poll that is cancelled (`poll`), or something with nothing to run that must be wound down when
/// the daemon stops (`cleanup`).
public struct Running: Service {
    enum Kind: Sendable {
        case loop(run: @Sendable () async -> Void, stop: @Sendable () -> Void)
        case poll(@Sendable () async -> Void)
        case cleanup(@Sendable () async -> Void)
    }

    let name: String
    let logger: Logger
    let kind: Kind

    public static func loop(_ name: String, logger: Logger, run: @escaping @Sendable () async -> Void, stop: @escaping @Sendable () -> Void) -> Running {
        Running(name: name, logger: logger, kind: .loop(run: run, stop: stop))
    }

    public static func poll(_ name: String, logger: Logger, _ run: @escaping @Sendable () async -> Void) -> Running {
        Running(name: name, logger: logger, kind: .poll(run))
    }

    public static func cleanup(_ name: String, logger: Logger, _ stop: @escaping @Sendable () async -> Void) -> Running {
        Running(name: name, logger: logger, kind: .cleanup(stop))
    }

    public func run() async throws {
        switch kind {
        case .loop(let body, let stop):
            await withGracefulShutdownHandler {
                await body()
            } onGracefulShutdown: {
                logger.debug("stopping", metadata: ["part": "\(name)"])
                stop()
            }
        case .poll(let body):
            await cancelWhenGracefulShutdown { await body() }
        case .cleanup(let stop):
            try? await gracefulShutdown()
            logger.debug("stopping", metadata: ["part": "\(name)"])
            await stop()
        }
    }
}
