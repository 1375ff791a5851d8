import Foundation
import Logging

/// Applies the versioned SQL files of `Schema/migrations/` in name order (`0001_core.sql`, …), each
/// in its own transaction, recording it in `schema_migrations` with a checksum. Running it again
/// applies nothing. Several daemons starting at once serialise on an advisory lock.
public struct Migrator {
    public struct Migration: Sendable {
        public let version: String
        public let sql: String
    }

    public let migrations: [Migration]

    /// An arbitrary constant: the advisory lock that serialises concurrent migrators.
    static let lockKey = "7330202611"

    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        guard !files.isEmpty else { throw MigrationError("no .sql files in \(directory.path)") }
        migrations = try files.map { name in
            Migration(version: String(name.dropLast(4)),
                      sql: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// Applies what is missing and returns the versions applied now (empty when up to date).
    @discardableResult
    public func migrate(_ connection: Connection, logger: Logger) throws -> [String] {
        try connection.execute("SELECT pg_advisory_lock($1::bigint)", [Self.lockKey])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1::bigint)", [Self.lockKey]) }
        // Created only when absent: CREATE TABLE IF NOT EXISTS needs CREATE on the schema even when
        // the table exists, and a daemon role without it (Deploy/README.md) must start on an
        // up-to-date database.
        let exists = try connection.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").rows.first?.first == "t"
        if !exists { try connection.runScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    text PRIMARY KEY,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """) }
        var applied: [String: String] = [:]
        for row in try connection.execute("SELECT version, checksum FROM schema_migrations").rows {
            applied[row[0]!] = row[1]!
        }
        var done: [String] = []
        for m in migrations {
            let checksum = Self.checksum(m.sql)
            if let recorded = applied[m.version] {
                guard recorded == checksum else {
                    throw MigrationError("migration \(m.version) was changed after it was applied; add a new migration instead")
                }
                continue
            }
            logger.info("applying migration \(m.version)")
            try connection.transaction {
                try connection.runScript(m.sql)
                try connection.execute("INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)", [m.version, checksum])
            }
            done.append(m.version)
        }
        return done
    }

    static func checksum(_ sql: String) -> String {
        // FNV-1a 64: enough to notice an edited file; not a security boundary.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in sql.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    /// The running executable: /proc/self/exe where there is one (Linux), else argv[0] resolved.
    /// Not argv[0] alone: run by name from $PATH, it is only "huizong".
    public static func executableURL() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// Where the schema lives: `$HUIZONG_SCHEMA`, next to an installed binary
    /// (`../share/huizong/Schema`), the source checkout above a built binary, or `/usr/share/huizong/Schema`.
    public static func locateSchema(explicit: String? = nil) -> URL? {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        if let env = ProcessInfo.processInfo.environment["HUIZONG_SCHEMA"] { candidates.append(URL(fileURLWithPath: env)) }
        let exe = Migrator.executableURL().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/huizong/Schema").standardized)
        var dir = exe
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("Schema"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Schema"))
        candidates.append(URL(fileURLWithPath: "/usr/share/huizong/Schema"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("migrations").path) }
    }
}

public struct MigrationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
