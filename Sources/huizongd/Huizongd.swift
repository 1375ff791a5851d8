import ArgumentParser
import Foundation
import HuizongCore
import HuizongPostgres
import HuizongServer
import HuizongStore
import Logging
import NIOPosix
import ServiceLifecycle

@main
struct Huizongd: AsyncParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "huizongd",
        abstract: "Huizong daemon: county offices push monthly figures as NDJSON; PostgreSQL keeps them.",
        discussion: """
            Serves the wire protocol of PROTOCOL.md on a Unix socket and a TCP port at once.

            Without --database (or HUIZONG_DATABASE) it runs its own PostgreSQL cluster in --data-dir: initdb on first start (as the postgres user when run as root), start, migrate, serve; the cluster is stopped again when the daemon stops. A cluster left running by a daemon that was killed is adopted and stopped likewise. With a connection string it uses that database, migrating it on start.

            Every option can also be set in the environment: HUIZONG_DATABASE, HUIZONG_DATA_DIR, HUIZONG_UNIX_SOCKET, HUIZONG_TCP, HUIZONG_MAX_LINE_BYTES, HUIZONG_SCHEMA, HUIZONG_LOG_LEVEL. Under systemd (Type=notify) it reports READY=1 once the sockets are bound and the database answered, and sends WATCHDOG=1 when WatchdogSec is set, while its threads make progress (whether or not PostgreSQL is up).

            Socket activation (Deploy/huizongd.socket, or systemd-socket-activate): the listening sockets systemd passes (LISTEN_FDS, LISTEN_PID) are served instead of --unix-socket and --tcp, and are never unlinked. Without them the daemon binds its own, refuses a socket path a live daemon listens on, replaces a stale one, and removes at exit only the socket file it created.

            SIGTERM or SIGINT stop it gracefully: no new connections; each connection is read until it is quiet, every request received is answered, subscribers are told {"type":"closing"}; then the database threads finish and the embedded cluster stops (all within --stop-timeout, after which what is left is closed). SIGQUIT stops at once.
            """,
        version: version
    )

    @Option(help: ArgumentHelp("libpq connection string or postgresql:// URI. Default: the embedded cluster in --data-dir.",
                               valueName: "conninfo"))
    var database: String?

    @Option(help: ArgumentHelp("Directory of the embedded cluster and the default socket (default: /var/lib/huizong as root, else ~/.local/share/huizong).",
                               valueName: "path"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Unix socket path (default: <data-dir>/huizongd.sock). Empty to disable.", valueName: "path"))
    var unixSocket: String?

    @Option(help: ArgumentHelp("TCP listen address host:port (default: 127.0.0.1:7330). Empty to disable.", valueName: "host:port"))
    var tcp: String?

    @Option(help: "Longest accepted request line in bytes (default: 1048576).")
    var maxLineBytes: Int?

    @Option(help: ArgumentHelp("Schema directory holding migrations/ (default: found next to the binary or the source checkout).",
                               valueName: "path"))
    var schema: String?

    @Option(help: "Day of the following month on which a month's figures are due (completeness).")
    var deadlineDay: Int = 8

    @Option(help: "Hour (China Standard Time) of that day at which they are due.")
    var deadlineHour: Int = 12

    @Option(help: "Days of change log kept for subscribers resuming with since.")
    var changeRetentionDays: Int = 90

    @Option(help: "Events a subscriber may leave unread before it is cut off with slow_consumer.")
    var subscriberQueue: Int = 4096

    @Option(help: "Largest number of submissions committed in one transaction (group commit).")
    var batchMax: Int = 1024

    @Option(help: "Submissions queued for the writers across all connections; past it, sockets are not read.")
    var maxQueued: Int = 8192

    @Option(help: "Group-commit writers, each with its own database connection; regions are spread over them.")
    var writers: Int = 2

    @Option(help: "Database threads serving reads (hello, query, replays).")
    var readers: Int = 2

    @Option(help: "Seconds a database statement may run, and a lock be waited for (twice as long); a silent server counts as lost soon after.")
    var statementTimeout: Int = 30

    @Option(help: "Seconds a stopping daemon waits for its connections to finish before closing them.")
    var stopTimeout: Int = 20

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Flag(help: "Leave the embedded PostgreSQL cluster running when the daemon stops.")
    var keepDatabaseRunning = false

    func run() async throws {
        // Socket activation: systemd bound the addresses (Deploy/huizongd.socket). Taken first, made
        // close-on-exec, so that the embedded PostgreSQL started below never inherits them.
        let inherited = try SocketActivation.takeListeningSockets()
        let env = ProcessInfo.processInfo.environment
        let level = Logger.Level(rawValue: logLevel ?? env["HUIZONG_LOG_LEVEL"] ?? "info") ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "huizongd")
        let notifier = SystemdNotifier()
        let files = FileLimit.raise()
        if files < 4096 { logger.warning("few open files allowed; each connection needs one", metadata: ["limit": "\(files)"]) }

        let dataDirectory = Bootstrap.dataDirectory(dataDir)
        // Whoever holds the data directory's lock owns its embedded cluster (and adopts one a killed
        // predecessor left running); a second daemon on the same directory shares it and leaves it.
        let ownsDataDirectory = DataDirectoryLock.acquire(dataDirectory)
        let database = try Bootstrap.open(conninfo: database, dataDirectory: dataDirectory, schema: schema,
                                          adoptRunningCluster: ownsDataDirectory, logger: logger)
        let reference = try {  // a connection for this only, closed when done
            let c = try Connection(database.conninfo)
            return Reference(tree: try ReferenceStore.regions(c), catalog: try ReferenceStore.catalog(c), version: try ReferenceStore.version(c))
        }()
        logger.info("reference data", metadata: ["regions": "\(reference.tree.regions.count)",
                                                 "indicators": "\(reference.catalog.indicators.count)"])

        var settings = ConnectionSettings()
        settings.statementTimeout = .seconds(statementTimeout)
        settings.lockTimeout = .seconds(statementTimeout * 2)
        settings.applicationName = "huizongd"
        let connections = Connections()
        let writer = WriterPool(lanes: writers, conninfo: database.conninfo, settings: settings, reference: reference,
                                maxBatch: batchMax, logger: logger)
        let readerPool = ReaderPool(count: readers, conninfo: database.conninfo, settings: settings, logger: logger)
        let hub = BroadcastHub(conninfo: database.conninfo, settings: settings, reference: reference, queueLimit: subscriberQueue,
                               logger: logger, onRevoked: { connections.revoke(office: $0) })
        let services = Services(reference: reference, writer: writer, readers: readerPool, hub: hub,
                                connections: connections, maxQueuedSubmissions: maxQueued, serverName: "huizongd/\(Self.version)",
                                deadline: Deadline(day: deadlineDay, hour: deadlineHour))

        var configuration = ServerConfiguration()
        let socketPath = unixSocket ?? env["HUIZONG_UNIX_SOCKET"] ?? dataDirectory + "/huizongd.sock"
        configuration.unixSocketPath = socketPath.isEmpty ? nil : socketPath
        let tcpAddress = tcp ?? env["HUIZONG_TCP"] ?? "127.0.0.1:7330"
        if !tcpAddress.isEmpty {
            guard let colon = tcpAddress.lastIndex(of: ":"), let port = Int(tcpAddress[tcpAddress.index(after: colon)...]) else {
                throw ValidationError("--tcp must be host:port, e.g. 127.0.0.1:7330")
            }
            configuration.tcpHost = String(tcpAddress[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            configuration.tcpPort = port
        }
        if let limit = maxLineBytes ?? env["HUIZONG_MAX_LINE_BYTES"].flatMap(Int.init) { configuration.maxLineBytes = limit }
        configuration.stopDeadline = .seconds(stopTimeout)
        configuration.drainGrace = .seconds(max(1, stopTimeout / 2))

        if !inherited.isEmpty {
            configuration.inheritedSockets = inherited.map(\.fd)
            logger.info("socket-activated", metadata: ["sockets": "\(inherited.count)", "unix": "\(inherited.filter(\.isUnix).count)"])
        }

        let server = Server(configuration: configuration, services: services,
                            group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        let bound: BoundServer
        do {
            bound = try await server.bind()
        } catch {
            await writer.shutdown()
            await readerPool.shutdown()
            await hub.shutdown()
            if let cluster = database.ownedCluster, !keepDatabaseRunning { try? cluster.stop() }
            throw error
        }

        // Started in this order, stopped in the reverse one: the server drains its connections
        // first, the database threads finish their queues, and the cluster stops last.
        var lifecycle: [any Service] = []
        if let cluster = database.ownedCluster, !keepDatabaseRunning {
            lifecycle.append(OnShutdown("embedded cluster", logger: logger) { try? cluster.stop() })
        }
        lifecycle.append(OnShutdown("readers", logger: logger) { await readerPool.shutdown() })
        lifecycle.append(OnShutdown("writers", logger: logger) { await writer.shutdown() })
        lifecycle.append(OnShutdown("broadcaster", logger: logger) { await hub.shutdown() })
        lifecycle.append(Periodic(Janitor(readers: readerPool, retentionDays: changeRetentionDays, logger: logger).run))
        lifecycle.append(Periodic { await reference.follow(readers: readerPool, logger: logger) })
        if let interval = SystemdNotifier.watchdogInterval() {
            let limit = Duration.seconds(statementTimeout * 3)
            lifecycle.append(Periodic {
                while !Task.isCancelled {
                    // Progress, not PostgreSQL being up: a database outage is answered with
                    // `unavailable`, and restarting the daemon would not mend it.
                    if writer.isResponsive(within: limit), readerPool.isResponsive(within: limit),
                       hub.isResponsive(within: limit), await EventLoopProbe.answers(within: .seconds(5)) {
                        notifier.notify("WATCHDOG=1")
                    }
                    try? await Task.sleep(for: interval)
                }
            })
        }
        lifecycle.append(ServingService(server: server, bound: bound) {
            logger.info("stopping: no new connections; answering what was received")
            notifier.notify("STOPPING=1")
        })
        let group = ServiceGroup(configuration: .init(
            services: lifecycle.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [.sigquit],
            logger: logger))
        // (ServiceGroupConfiguration's escalation to cancellation is left off: Server.serve has its own
        // stop deadline, and the database threads' waits have theirs.)
        notifier.notify("READY=1\nSTATUS=serving")
        logger.info("huizongd ready", metadata: ["version": "\(Self.version)"])
        try await group.run()
        logger.info("stopped", metadata: ["accepted": "\(writer.stats.accepted)", "batches": "\(writer.stats.batches)"])
    }
}

/// Does nothing until the daemon stops, then `stop`: a part that only needs winding down.
struct OnShutdown: Service {
    let name: String
    let logger: Logger
    let stop: @Sendable () async -> Void

    init(_ name: String, logger: Logger, _ stop: @escaping @Sendable () async -> Void) {
        self.name = name
        self.logger = logger
        self.stop = stop
    }

    func run() async throws {
        try? await gracefulShutdown()
        logger.debug("stopping", metadata: ["part": "\(name)"])
        await stop()
    }
}

/// A loop that ends when the daemon stops.
struct Periodic: Service {
    let body: @Sendable () async -> Void
    init(_ body: @escaping @Sendable () async -> Void) { self.body = body }

    func run() async throws {
        await cancelWhenGracefulShutdown { await body() }
    }
}

/// The server: serves until the daemon stops, then drains its connections.
struct ServingService: Service {
    let server: Server
    let bound: BoundServer
    let onStop: @Sendable () -> Void

    func run() async throws {
        await withGracefulShutdownHandler {
            await server.serve(bound)
        } onGracefulShutdown: {
            onStop()
            server.shutdown()
        }
    }
}
