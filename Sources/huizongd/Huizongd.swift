import ArgumentParser
import Dispatch
import Foundation
import HuizongCore
import HuizongPostgres
import HuizongServer
import HuizongStore
import Logging
import NIOPosix

@main
struct Huizongd: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "huizongd",
        abstract: "Huizong daemon: county offices push monthly figures as NDJSON; PostgreSQL keeps them.",
        discussion: """
            Serves the wire protocol of PROTOCOL.md on a Unix socket and a TCP port at once.

            Without --database (or HUIZONG_DATABASE) it runs its own PostgreSQL cluster in --data-dir: initdb on first start (as the postgres user when run as root), start, migrate, serve; the cluster is stopped again when the daemon stops. With a connection string it uses that database, migrating it on start.

            Every option can also be set in the environment: HUIZONG_DATABASE, HUIZONG_DATA_DIR, HUIZONG_UNIX_SOCKET, HUIZONG_TCP, HUIZONG_MAX_LINE_BYTES, HUIZONG_SCHEMA, HUIZONG_LOG_LEVEL. Under systemd (Type=notify) it reports READY=1 once the sockets are bound and the database answered, and sends WATCHDOG=1 when WatchdogSec is set.
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

    @Option(help: "Group-commit writers, each with its own database connection; regions are spread over them.")
    var writers: Int = 2

    @Option(help: "Database threads serving reads (hello, query).")
    var readers: Int = 2

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Flag(help: "Leave the embedded PostgreSQL cluster running when the daemon stops.")
    var keepDatabaseRunning = false

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let level = Logger.Level(rawValue: logLevel ?? env["HUIZONG_LOG_LEVEL"] ?? "info") ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "huizongd")
        let notifier = SystemdNotifier()

        let database = try Bootstrap.open(conninfo: database, dataDirectory: dataDir, schema: schema, logger: logger)
        let dataDirectory = database.dataDirectory
        let (regions, catalog) = try {  // a connection for this only, closed when done
            let c = try Connection(database.conninfo)
            return (try ReferenceStore.regions(c), try ReferenceStore.catalog(c))
        }()
        logger.info("reference data: \(regions.regions.count) regions, \(catalog.indicators.count) indicators")

        let writer = WriterPool(lanes: writers, conninfo: database.conninfo, regions: regions, catalog: catalog, maxBatch: batchMax, logger: logger)
        let readerPool = ReaderPool(count: readers, conninfo: database.conninfo, logger: logger)
        let hub = BroadcastHub(conninfo: database.conninfo, catalog: catalog, queueLimit: subscriberQueue,
                                 retentionDays: changeRetentionDays, logger: logger)
        let services = Services(regions: regions, catalog: catalog, writer: writer, readers: readerPool, hub: hub,
                                serverName: "huizongd/\(Self.version)",
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

        let server = Server(configuration: configuration, services: services,
                            group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        let bound = try await server.bind()
        notifier.notify("READY=1\nSTATUS=serving")
        logger.info("huizongd \(Self.version) ready")

        let serving = Task { await server.serve(bound) }
        let signals = Self.onTermination {
            logger.info("stopping: no new connections; finishing submissions in flight")
            notifier.notify("STOPPING=1")
            serving.cancel()
        }
        let watchdog = SystemdNotifier.watchdogInterval().map { interval in
            Task {
                while !Task.isCancelled {
                    // Only while the database thread still answers: a stuck writer must be restarted.
                    if (try? await readerPool.run { c in try c.execute("SELECT 1") }) != nil { notifier.notify("WATCHDOG=1") }
                    try? await Task.sleep(for: interval)
                }
            }
        }
        await serving.value
        watchdog?.cancel()
        // A real use: `_ = signals` would let the optimizer free the sources early, and SIGTERM,
        // set to SIG_IGN for them, would then be ignored for good.
        signals.forEach { $0.cancel() }

        // Sessions have drained; the writer's queue is empty once their futures completed.
        writer.shutdown()
        readerPool.shutdown()
        hub.shutdown()
        if let cluster = database.startedCluster, !keepDatabaseRunning {
            logger.info("stopping the embedded PostgreSQL cluster")
            try? cluster.stop()
        }
        logger.info("stopped; \(writer.stats.accepted) submissions accepted in \(writer.stats.batches) batches")
    }

    /// Calls `handler` once on SIGTERM or SIGINT.
    static func onTermination(_ handler: @escaping @Sendable () -> Void) -> [DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }
}
