import Foundation
import HuizongPostgres
import Logging

/// A PostgreSQL cluster of our own in a data directory: what `huizongd` runs when no database is
/// configured, and what the tests start in a temporary directory.
///
/// Layout under `directory`: `pg/` (the cluster), `run/` (its Unix socket; TCP is off), `postgresql.log`.
/// PostgreSQL refuses to run as root, so as root every PostgreSQL program runs through `runuser` as
/// `postgres` (or as the owner of an existing cluster), and the directories are handed to that user.
/// Only that user (and root) can connect: the socket directory is private and `listen_addresses` is
/// empty, so trust authentication on it is safe.
public struct EmbeddedCluster: Sendable {
    public let directory: URL
    public let database: String

    /// Connections the server accepts: each daemon holds a few (writers, readers, the broadcaster).
    public let maxConnections: Int
    /// More lines for the cluster's settings file (`name = value`), e.g. to profile it.
    public let settings: [String]

    public init(directory: URL, database: String = "huizong", maxConnections: Int = 100, settings: [String] = []) {
        self.directory = directory.standardizedFileURL
        self.database = database
        self.maxConnections = maxConnections
        self.settings = settings
    }

    public var dataDirectory: URL { directory.appendingPathComponent("pg") }
    public var socketDirectory: URL { directory.appendingPathComponent("run") }
    public var logFile: URL { directory.appendingPathComponent("postgresql.log") }

    public func conninfo(database: String? = nil) -> String {
        "host=\(socketDirectory.path) dbname=\(database ?? self.database) user=postgres"
    }

    /// Initialises the cluster on first use, starts it unless it is running, creates the database,
    /// and returns a connection string for it.
    @discardableResult
    public func start(logger: Logger) throws -> String {
        let bin = try Self.binDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for d in [dataDirectory, socketDirectory] {
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
            try handOver(d)
            chmod(d.path, 0o700)
        }
        if !FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) {
            logger.info("initialising a PostgreSQL cluster in \(dataDirectory.path)")
            try run(bin.appendingPathComponent("initdb"),
                    ["-D", dataDirectory.path, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"])
            let conf = dataDirectory.appendingPathComponent("postgresql.conf")
            let include = "\ninclude_if_exists = 'huizong.conf'\n"
            let handle = try FileHandle(forWritingTo: conf)
            handle.seekToEndOfFile()
            handle.write(Data(include.utf8))
            try handle.close()
        }
        // Rewritten at every start so that a moved data directory still finds its socket.
        let settings = """
            # Written by huizongd at every start; edit postgresql.conf instead.
            listen_addresses = ''
            unix_socket_directories = '\(socketDirectory.path.replacingOccurrences(of: "'", with: "''"))'
            unix_socket_permissions = 0700
            max_connections = \(maxConnections)
            # The daemon's own sessions set it too; this covers psql and pg_dump, whose JIT would fail
            # under the service's MemoryDenyWriteExecute.
            jit = off
            \(settings.joined(separator: "\n"))

            """
        let settingsFile = dataDirectory.appendingPathComponent("huizong.conf")
        try settings.write(to: settingsFile, atomically: false, encoding: .utf8)
        try handOver(settingsFile)

        if (try? run(bin.appendingPathComponent("pg_ctl"), ["status", "-D", dataDirectory.path])) == nil {
            logger.info("starting PostgreSQL (log: \(logFile.path))")
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
            try handOver(logFile)
            // Right after its postmaster was killed, the old backends may still hold the shared
            // memory for a moment, and PostgreSQL refuses to start until they are gone.
            var attempt = 1
            while true {
                do {
                    try run(bin.appendingPathComponent("pg_ctl"),
                            ["start", "-w", "-t", "120", "-D", dataDirectory.path, "-l", logFile.path])
                    break
                } catch {
                    if attempt == 5 { throw error }
                    logger.warning("PostgreSQL did not start; trying again", metadata: ["error": "\(error)"])
                    attempt += 1
                    Thread.sleep(forTimeInterval: 1)
                }
            }
        }
        let admin = try connectWhenReady()
        if try admin.execute("SELECT 1 FROM pg_database WHERE datname = $1", [database]).isEmpty {
            // CREATE DATABASE takes no parameters; the name is ours (a flag or a test), checked here.
            guard database.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw ClusterError("database name \(database) must be letters, digits and _")
            }
            try admin.execute("CREATE DATABASE \(database)")
        }
        return conninfo()
    }

    /// A cluster that pg_ctl says is running may still be starting or recovering after a crash (it
    /// answers, but not yet with a connection): it gets `seconds` for that. One that refuses
    /// connections outright has no postmaster listening (pg_ctl saw the pid of one that died and was
    /// not yet reaped): that is an error after a few seconds.
    private func connectWhenReady(within seconds: Double = 60) throws -> Connection {
        let start = Date()
        while true {
            do {
                return try Connection(conninfo(database: "postgres"))
            } catch {
                let refused = "\(error)".contains("Connection refused") || "\(error)".contains("No such file")
                if Date().timeIntervalSince(start) >= (refused ? 5 : seconds) { throw error }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }

    /// Stops the cluster. `fast` (the default) rolls back open transactions; `immediate` is a crash
    /// (the next start recovers from the WAL); either way committed data is safe.
    public func stop(mode: String = "fast") throws {
        let bin = try Self.binDirectory()
        try run(bin.appendingPathComponent("pg_ctl"), ["stop", "-w", "-m", mode, "-D", dataDirectory.path])
    }

    /// The directory holding initdb, pg_ctl and postgres: `$HUIZONG_PG_BIN`, `pg_config --bindir`,
    /// or the newest `/usr/lib/postgresql/*/bin`.
    public static func binDirectory() throws -> URL {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["HUIZONG_PG_BIN"] { return URL(fileURLWithPath: env) }
        if let out = try? capture(URL(fileURLWithPath: "/usr/bin/pg_config"), ["--bindir"]) {
            let dir = out.trimmingCharacters(in: .whitespacesAndNewlines)
            if fm.isExecutableFile(atPath: dir + "/initdb") { return URL(fileURLWithPath: dir) }
        }
        let versions = (try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for v in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) })
        where fm.isExecutableFile(atPath: "/usr/lib/postgresql/\(v)/bin/initdb") {
            return URL(fileURLWithPath: "/usr/lib/postgresql/\(v)/bin")
        }
        throw ClusterError("PostgreSQL server programs not found: install postgresql (apt-get install postgresql) or set HUIZONG_PG_BIN")
    }

    private static var isRoot: Bool { geteuid() == 0 }

    /// Who runs PostgreSQL when we are root: the owner of an existing cluster (e.g. the service's
    /// `huizong` user), else `postgres`. Never root: PostgreSQL refuses, and rightly.
    private func clusterOwner() throws -> (name: String, uid: uid_t, gid: gid_t) {
        var st = stat()
        if stat(dataDirectory.appendingPathComponent("PG_VERSION").path, &st) == 0, st.st_uid != 0,
           let pw = getpwuid(st.st_uid) {
            return (String(cString: pw.pointee.pw_name), pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        guard let pw = getpwnam("postgres") else {
            throw ClusterError("running as root needs a 'postgres' user to run PostgreSQL (apt-get install postgresql creates it)")
        }
        return ("postgres", pw.pointee.pw_uid, pw.pointee.pw_gid)
    }

    /// As root, gives a path to the user who runs the cluster.
    private func handOver(_ url: URL) throws {
        guard Self.isRoot else { return }
        let owner = try clusterOwner()
        guard chown(url.path, owner.uid, owner.gid) == 0 else {
            throw ClusterError("cannot hand \(url.path) to the \(owner.name) user: errno \(errno)")
        }
    }

    /// Runs a PostgreSQL program (as `postgres` when we are root), its output into a file.
    private func run(_ program: URL, _ arguments: [String]) throws {
        let output = directory.appendingPathComponent("pg_ctl.out")
        try? FileManager.default.removeItem(at: output)
        let (path, args) = Self.isRoot
            ? ("/usr/sbin/runuser", ["-u", try clusterOwner().name, "--", program.path] + arguments)
            : (program.path, arguments)
        let status = try ChildProcess.run(path, args, outputPath: output.path)
        guard status == 0 else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw ClusterError("\(program.lastPathComponent) \(arguments.first ?? "") failed (exit \(status)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    private static func capture(_ program: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ClusterError("\(program.path) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}

public struct ClusterError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
