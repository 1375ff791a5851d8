import ArgumentParser
import Foundation
import HuizongCore
import HuizongPostgres
import HuizongServer
import HuizongStore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

@main
struct Huizongd: AsyncParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "huizongd",
        abstract: "Huizong daemon: county offices push monthly figures as NDJSON; PostgreSQL keeps them.",
        discussion: """
            Serves the wire protocol of PROTOCOL.md on a Unix socket and a TCP port at once.

            Without --database (or HUIZONG_DATABASE) it runs its own PostgreSQL cluster in --data-dir: initdb on first start (as the postgres user when run as root), start, migrate, serve; the cluster is stopped again when the daemon stops. A cluster left running by a daemon that was killed is adopted and stopped likewise. With a connection string it uses that database, migrating it on start.

            Every option is also an environment variable (HUIZONG_ and its name in capitals, - as _: HUIZONG_DATABASE, HUIZONG_MAX_QUEUED …) and a line of the configuration file (max-queued = 8192; Deploy/huizongd.conf lists them all). A flag wins over the environment, the environment over the file, the file over the default. --check-config prints the effective settings and where each came from.

            SIGHUP (systemctl reload) reads the file again without dropping a connection: log-level, max-line-bytes (for new connections), subscriber-queue and max-queued take effect at once; the other settings are named in a warning and wait for a restart. It also ends the sessions of offices revoked in the database. Under systemd it reports RELOADING=1 with MONOTONIC_USEC, then READY=1.

            Under systemd (Type=notify) it reports READY=1 once the sockets are bound and the database answered, keeps STATUS= current (connections, submissions per second, last commit), and sends WATCHDOG=1 when WatchdogSec is set, while its threads make progress (whether or not PostgreSQL is up). With stderr on the journal (JOURNAL_STREAM) each log line carries its syslog priority (<3> error … <7> debug) and no timestamp of its own, so journalctl -p warning filters by level.

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

    @Option(help: "Longest accepted request line in bytes (default: 1048576). Reloadable.")
    var maxLineBytes: Int?

    @Option(help: ArgumentHelp("Schema directory holding migrations/ (default: found next to the binary or the source checkout).",
                               valueName: "path"))
    var schema: String?

    @Option(help: "Day of the following month on which a month's figures are due, for completeness (default: 8).")
    var deadlineDay: Int?

    @Option(help: "Hour (China Standard Time) of that day at which they are due (default: 12).")
    var deadlineHour: Int?

    @Option(help: "Days of change log kept for subscribers resuming with since (default: 90).")
    var changeRetentionDays: Int?

    @Option(help: "Events a subscriber may leave unread before it is cut off with slow_consumer (default: 4096). Reloadable.")
    var subscriberQueue: Int?

    @Option(help: "Largest number of submissions committed in one transaction, group commit (default: 1024).")
    var batchMax: Int?

    @Option(help: "Submissions queued for the writers across all connections; past it, sockets are not read (default: 8192). Reloadable.")
    var maxQueued: Int?

    @Option(help: "Group-commit writers, each with its own database connection; regions are spread over them (default: 2).")
    var writers: Int?

    @Option(help: "Database threads serving reads: hello, query, replays (default: 2).")
    var readers: Int?

    @Option(help: "Seconds a database statement may run, and a lock be waited for (twice as long); a silent server counts as lost soon after (default: 30).")
    var statementTimeout: Int?

    @Option(help: "Seconds a stopping daemon waits for its connections to finish before closing them (default: 20).")
    var stopTimeout: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default: info). Reloadable.")
    var logLevel: String?

    @Option(help: ArgumentHelp("Serve Prometheus metrics over HTTP at host:port/metrics (default: off), e.g. 127.0.0.1:9330.", valueName: "host:port"))
    var metrics: String?

    @Flag(help: "Leave the embedded PostgreSQL cluster running when the daemon stops.")
    var keepDatabaseRunning = false

    @Option(help: ArgumentHelp("Configuration file of name = value lines (default: HUIZONG_CONFIG, else /etc/huizong/huizongd.conf if it exists).",
                               valueName: "path"))
    var config: String?

    @Flag(help: "Validate the configuration (flags, environment, file), print the effective settings and where each comes from, and exit.")
    var checkConfig = false

    /// The flags given, by setting name.
    var flags: [String: String] {
        var f: [String: String] = [:]
        f["database"] = database
        f["data-dir"] = dataDir
        f["unix-socket"] = unixSocket
        f["tcp"] = tcp
        f["max-line-bytes"] = maxLineBytes.map(String.init)
        f["schema"] = schema
        f["deadline-day"] = deadlineDay.map(String.init)
        f["deadline-hour"] = deadlineHour.map(String.init)
        f["change-retention-days"] = changeRetentionDays.map(String.init)
        f["subscriber-queue"] = subscriberQueue.map(String.init)
        f["batch-max"] = batchMax.map(String.init)
        f["max-queued"] = maxQueued.map(String.init)
        f["writers"] = writers.map(String.init)
        f["readers"] = readers.map(String.init)
        f["statement-timeout"] = statementTimeout.map(String.init)
        f["stop-timeout"] = stopTimeout.map(String.init)
        f["log-level"] = logLevel
        f["metrics"] = metrics
        if keepDatabaseRunning { f["keep-database-running"] = "true" }
        return f
    }

    func run() async throws {
        // Memory: a bulk batch allocates and frees arrays of megabytes. With glibc's default the
        // threshold for mmap rises after the first such free, and later ones come from the arenas,
        // where what outlives them pins the pages: peak RSS during the bulk benchmark went from
        // 280–306 MiB to 228–244 MiB with a fixed 128 KiB threshold (five runs each; BENCHMARKS.md).
        MallocTuning.mapAllocations(from: 128 << 10)
        // Socket activation: systemd bound the addresses (Deploy/huizongd.socket). Taken first, made
        // close-on-exec, so that the embedded PostgreSQL started below never inherits them.
        let inherited = try SocketActivation.takeListeningSockets()
        let settings: Settings
        do {
            settings = try Settings(flags: flags, configFile: config)
        } catch {
            FileHandle.standardError.write(Data("huizongd: configuration: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if checkConfig {
            print("# configuration file: \(settings.file ?? "none")")
            print(settings.report)
            return
        }
        // SIGHUP trapped from here on (its default would end the process): a reload during the
        // start waits in the sequence and is handled once serving.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        LogOutput.level = Logger.Level(rawValue: settings.string("log-level")!) ?? .info
        LoggingSystem.bootstrap { label in LogOutput(label: label) }
        let metricsAddress = settings.string("metrics").flatMap(Settings.parseTCP)
        let metricsRegistry = metricsAddress.map { _ in MetricsEndpoint.bootstrap() }
        let logger = Logger(label: "huizongd")
        let notifier = SystemdNotifier()
        let watchdogInterval = SystemdNotifier.watchdogInterval()
        // systemd's variables are this process's: the embedded PostgreSQL started below must not
        // read them (it would send READY=1 and STOPPING=1 of its own).
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { unsetenv(name) }
        let files = FileLimit.raise()
        if files < 4096 { logger.warning("few open files allowed; each connection needs one", metadata: ["limit": "\(files)"]) }

        let dataDirectory = Bootstrap.dataDirectory(settings.string("data-dir"))
        // Whoever holds the data directory's lock owns its embedded cluster (and adopts one a killed
        // predecessor left running); a second daemon on the same directory shares it and leaves it.
        let ownsDataDirectory = DataDirectoryLock.acquire(dataDirectory)
        let keepDatabaseRunning = settings.bool("keep-database-running")
        let database = try Bootstrap.open(conninfo: settings.string("database"), dataDirectory: dataDirectory, schema: settings.string("schema"),
                                          adoptRunningCluster: ownsDataDirectory, logger: logger)
        let reference = try {  // a connection for this only, closed when done
            let c = try Connection(database.conninfo)
            return Reference(tree: try ReferenceStore.regions(c), catalog: try ReferenceStore.catalog(c), version: try ReferenceStore.version(c))
        }()
        logger.info("reference data", metadata: ["regions": "\(reference.tree.regions.count)",
                                                 "indicators": "\(reference.catalog.indicators.count)"])

        let statementTimeout = settings.int("statement-timeout")
        var connectionSettings = ConnectionSettings()
        connectionSettings.statementTimeout = .seconds(statementTimeout)
        connectionSettings.lockTimeout = .seconds(statementTimeout * 2)
        connectionSettings.applicationName = "huizongd"
        let connections = Connections()
        let writer = WriterPool(lanes: settings.int("writers"), conninfo: database.conninfo, settings: connectionSettings, reference: reference,
                                maxBatch: settings.int("batch-max"), logger: logger)
        let readerPool = ReaderPool(count: settings.int("readers"), conninfo: database.conninfo, settings: connectionSettings, logger: logger)
        let hub = BroadcastHub(conninfo: database.conninfo, settings: connectionSettings, reference: reference,
                               queueLimit: settings.int("subscriber-queue"),
                               logger: logger, onRevoked: { connections.revoke(office: $0) })
        let services = Services(reference: reference, writer: writer, readers: readerPool, hub: hub,
                                connections: connections, maxQueuedSubmissions: settings.int("max-queued"),
                                serverName: "huizongd/\(Self.version)",
                                deadline: Deadline(day: settings.int("deadline-day"), hour: settings.int("deadline-hour")))

        let metricsEndpoint = metricsRegistry.map { MetricsEndpoint(registry: $0, services: services, logger: logger) }

        var configuration = ServerConfiguration()
        let socketPath = settings.string("unix-socket") ?? dataDirectory + "/huizongd.sock"
        configuration.unixSocketPath = socketPath.isEmpty ? nil : socketPath
        if let tcp = settings.string("tcp"), let (host, port) = Settings.parseTCP(tcp) {
            configuration.tcpHost = host
            configuration.tcpPort = port
        }
        configuration.maxLineBytes = settings.int("max-line-bytes")
        let stopTimeout = settings.int("stop-timeout")
        configuration.stopDeadline = .seconds(stopTimeout)
        configuration.drainGrace = .seconds(max(1, stopTimeout / 2))
        if !inherited.isEmpty {
            configuration.inheritedSockets = inherited.map(\.fd)
            logger.info("socket-activated", metadata: ["sockets": "\(inherited.count)", "unix": "\(inherited.filter(\.isUnix).count)"])
        }

        let server = Server(configuration: configuration, services: services,
                            group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        let bound: BoundServer
        var metricsChannel: (any Channel)?
        do {
            if let metricsEndpoint, let (host, port) = metricsAddress {
                metricsChannel = try await metricsEndpoint.bind(host: host, port: port, group: MultiThreadedEventLoopGroup.singleton)
            }
            bound = try await server.bind()
        } catch {
            try? await metricsChannel?.close()
            await writer.shutdown()
            await readerPool.shutdown()
            await hub.shutdown()
            if let cluster = database.ownedCluster, !keepDatabaseRunning { try? cluster.stop() }
            throw error
        }

        let reloader = Reloader(settings: settings, configFile: config, flags: flags, server: server, services: services,
                                readers: readerPool, notifier: notifier, logger: logger)

        // Started in this order, stopped in the reverse one: the server drains its connections
        // first, the database threads finish their queues, and the cluster stops last.
        var lifecycle: [any Service] = []
        if let cluster = database.ownedCluster, !keepDatabaseRunning {
            lifecycle.append(OnShutdown("embedded cluster", logger: logger) { try? cluster.stop() })
        }
        lifecycle.append(OnShutdown("readers", logger: logger) { await readerPool.shutdown() })
        lifecycle.append(OnShutdown("writers", logger: logger) { await writer.shutdown() })
        lifecycle.append(OnShutdown("broadcaster", logger: logger) { await hub.shutdown() })
        lifecycle.append(Periodic(Janitor(readers: readerPool, retentionDays: settings.int("change-retention-days"), logger: logger).run))
        lifecycle.append(Periodic { await reference.follow(readers: readerPool, logger: logger) })
        lifecycle.append(Periodic { await reloader.run(hangups) })
        if let metricsEndpoint, let metricsChannel {
            lifecycle.append(Periodic { await metricsEndpoint.countConflicts(readers: readerPool) })
            lifecycle.append(OnShutdown("metrics", logger: logger) { try? await metricsChannel.close() })
        }
        if notifier.isActive {
            lifecycle.append(Periodic { await StatusReporter(notifier: notifier, services: services).run() })
        }
        if let interval = watchdogInterval {
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
        logger.info("huizongd ready", metadata: ["version": "\(Self.version)", "config": "\(settings.file ?? "none")"])
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
