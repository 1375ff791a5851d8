import ArgumentParser
import Foundation
import HuizongDatabase
import HuizongCore
import HuizongPostgres
import HuizongConsole
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

    @Option(help: ArgumentHelp("Serve the web console (pages, sign-in, uploads, a WebSocket) at host:port (default: 127.0.0.1:7331; empty: none). Put it behind TLS for other machines (Deploy/README.md).", valueName: "host:port"))
    var http: String?

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
        f["http"] = http
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
        let statementTimeout = settings.int("statement-timeout")
        var app = ApplicationConfiguration(conninfo: database.conninfo)
        app.connection.statementTimeout = .seconds(statementTimeout)
        app.connection.lockTimeout = .seconds(statementTimeout * 2)
        app.connection.applicationName = "huizongd"
        app.writers = settings.int("writers")
        app.readers = settings.int("readers")
        app.batchMax = settings.int("batch-max")
        app.maxQueued = settings.int("max-queued")
        app.subscriberQueue = settings.int("subscriber-queue")
        app.serverName = "huizongd/\(Self.version)"
        app.deadline = Deadline(day: settings.int("deadline-day"), hour: settings.int("deadline-hour"))
        let socketPath = settings.string("unix-socket") ?? dataDirectory + "/huizongd.sock"
        app.server.unixSocketPath = socketPath.isEmpty ? nil : socketPath
        if let tcp = settings.string("tcp"), let (host, port) = Settings.parseTCP(tcp) {
            app.server.tcpHost = host
            app.server.tcpPort = port
        }
        app.server.maxLineBytes = settings.int("max-line-bytes")
        let stopTimeout = settings.int("stop-timeout")
        app.server.stopDeadline = .seconds(stopTimeout)
        app.server.drainGrace = .seconds(max(1, stopTimeout / 2))
        if !inherited.isEmpty {
            app.server.inheritedSockets = inherited.map(\.fd)
            logger.info("socket-activated", metadata: ["sockets": "\(inherited.count)", "unix": "\(inherited.filter(\.isUnix).count)"])
        }

        var metricsChannel: (any Channel)?
        let application: Application
        do {
            application = try await Application.start(app, logger: logger)
        } catch {
            if let cluster = database.ownedCluster, !keepDatabaseRunning { try? cluster.stop() }
            throw error
        }
        let services = application.services
        let (writer, readerPool, hub) = (application.writer, application.readers, application.hub)
        logger.info("reference data", metadata: ["regions": "\(services.regions.regions.count)", "indicators": "\(services.catalog.indicators.count)"])
        let metricsEndpoint = metricsRegistry.map { MetricsEndpoint(registry: $0, services: services, logger: logger) }
        if let metricsEndpoint, let (host, port) = metricsAddress {
            do {
                metricsChannel = try await metricsEndpoint.bind(host: host, port: port, group: MultiThreadedEventLoopGroup.singleton)
            } catch {
                if let cluster = database.ownedCluster, !keepDatabaseRunning { try? cluster.stop() }
                throw error
            }
        }

        // The console binds before readiness is reported, like the sockets: a port in use stops the start.
        let consoleAddress = settings.string("http").flatMap(Settings.parseTCP)
        let console = consoleAddress.map { Console(configuration: ConsoleConfiguration(host: $0.0, port: $0.1), services: services,
                                                  server: application.server, logger: logger) }
        var boundConsole: BoundConsole?
        if let console {
            do {
                boundConsole = try await console.bind(group: MultiThreadedEventLoopGroup.singleton)
            } catch {
                logger.error("the console cannot listen", metadata: ["address": "\(settings.string("http") ?? "")", "error": "\(error)"])
                try? await metricsChannel?.close()
                if let cluster = database.ownedCluster, !keepDatabaseRunning { try? cluster.stop() }
                throw error
            }
        }

        let reloader = Reloader(settings: settings, configFile: config, flags: flags, server: application.server, services: services,
                                readers: readerPool, notifier: notifier, logger: logger)

        // Started in this order, stopped in the reverse one: the server drains its connections
        // first, the writers finish their queues, the database connections close, and the cluster
        // stops last.
        var lifecycle: [any Service] = []
        if let cluster = database.ownedCluster, !keepDatabaseRunning {
            lifecycle.append(Running.cleanup("embedded cluster", logger: logger) { try? cluster.stop() })
        }
        var extras: [any Service] = []
        extras.append(Running.poll("janitor", logger: logger, Janitor(readers: readerPool, retentionDays: settings.int("change-retention-days"), logger: logger).run))
        extras.append(Running.poll("reloader", logger: logger) { await reloader.run(hangups) })
        if let metricsEndpoint, let metricsChannel {
            extras.append(Running.poll("conflict count", logger: logger) { await metricsEndpoint.countConflicts(readers: readerPool) })
            extras.append(Running.cleanup("metrics", logger: logger) { try? await metricsChannel.close() })
        }
        if let console, let boundConsole {
            // Its listener closes when the server starts draining (below); the part itself ends in
            // its turn, after the server's, so that the group sees no part end before its time.
            extras.append(Running.loop("console", logger: logger, run: {
                await console.serve(boundConsole)
                try? await gracefulShutdown()
            }, stop: { console.shutdown() }))
        }
        if notifier.isActive {
            extras.append(Running.poll("status", logger: logger) { await StatusReporter(notifier: notifier, services: services).run() })
        }
        if let interval = watchdogInterval {
            let limit = Duration.seconds(statementTimeout * 3)
            extras.append(Running.poll("watchdog", logger: logger) {
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
        lifecycle += application.lifecycle(logger: logger, extras: extras) {
            console?.stopAccepting()  // no new connections while the server drains the open ones
            logger.info("stopping: no new connections; answering what was received")
            notifier.notify("STOPPING=1")
        }
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

