import ArgumentParser
import Foundation
import HuizongDatabase
import HuizongCore
import HuizongPostgres
import HuizongStore
import Logging

@main
struct Huizong: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huizong",
        abstract: "Huizong command-line tool: submit figures from spreadsheets, read and resolve what was consolidated, manage offices, the catalog and regions, run benchmarks.",
        discussion: """
            Commands that manage the database (migrate, office, verify) connect to --database or, without it, to the embedded cluster of huizongd in --data-dir, starting it for the duration of the command if the daemon is not running. Commands that talk to the daemon (submit, query, conflicts, resolve, lock, unlock, target, completeness, watch, report, indicator, region) take --socket or --host/--port, --office and a token (HUIZONG_TOKEN, --token-file, or ~/.config/huizong/credentials).

            Example: huizong submit 临海2022年10月.csv --office 331082
            """,
        version: "0.1.0",
        subcommands: [SubmitCommand.self, QueryCommand.self, ConflictsCommand.self, ResolveCommand.self, LockCommand.self, UnlockCommand.self, ReviewCommand.self, ReviewsCommand.self, OutliersCommand.self, BoundsCommand.self,
                      TargetCommand.self, CompletenessCommand.self, ReportCommand.self, WatchCommand.self, Migrate.self, OfficeCommand.self, IndicatorCommand.self, RegionCommand.self, GroupCommand.self, Verify.self, Workload.self, Bench.self]
    )
}

/// Where the database is: the same resolution as huizongd's.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("libpq connection string (default: HUIZONG_DATABASE, else the configuration file's database unless --data-dir is given, else the embedded cluster in --data-dir).",
                               valueName: "conninfo"))
    var database: String?

    @Option(help: ArgumentHelp("huizongd's data directory (default: /var/lib/huizong as root, else ~/.local/share/huizong).",
                               valueName: "path"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Schema directory holding migrations/.", valueName: "path"))
    var schema: String?

    @Option(help: ArgumentHelp("huizongd's configuration file, read for database, data-dir and schema (default: HUIZONG_CONFIG, else /etc/huizong/huizongd.conf if readable).",
                               valueName: "path"))
    var config: String?

    /// Runs `body` with a migrated database; stops the embedded cluster afterwards if we started it.
    /// The database is the daemon's: flag, else environment, else the daemon's configuration file.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        var logger = Logger(label: "huizong")
        logger.logLevel = .warning
        let env = ProcessInfo.processInfo.environment
        var file = try ConfigFile.settingsForClient(explicit: config)
        // A data directory given here means its embedded cluster, not the file's shared database.
        if dataDir != nil || env["HUIZONG_DATA_DIR"] != nil { file["database"] = nil }
        func setting(_ flag: String?, _ name: String) -> String? {
            flag ?? env["HUIZONG_" + name.uppercased().replacingOccurrences(of: "-", with: "_")] ?? file[name]
        }
        let db = try Bootstrap.open(conninfo: setting(database, "database"), dataDirectory: setting(dataDir, "data-dir"),
                                    schema: setting(schema, "schema"), logger: logger)
        defer { try? db.ownedCluster?.stop() }
        return try body(try Connection(db.conninfo))
    }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending schema migrations (huizongd also does this at start). Running it twice changes nothing.",
        discussion: "Example: huizong migrate --database 'host=db.internal dbname=huizong user=huizong_owner'")

    @OptionGroup var db: DatabaseOptions

    func run() throws {
        try db.withConnection { c in
            let applied = try c.execute("SELECT version FROM schema_migrations ORDER BY version").rows.map { $0[0]! }
            print("schema up to date: \(applied.joined(separator: ", "))")
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every city's and province's figures from the stored figures and compare with what is stored.",
        discussion: """
            The daemon keeps each parent's figures up to date incrementally, difference by difference. This recomputes them from scratch (sums, tolerances, growth, status, conflicts) and prints every disagreement. It also finds stored submissions, figures and aggregates whose region, office or indicator is unknown (those tables carry no foreign keys: the daemon checks them before writing). The exit status is 1 if there is any finding. Read-only: it can run while the daemon serves.

            Example: huizong verify --period 2023-11
            """)

    @Option(help: ArgumentHelp("Only this month (YYYY-MM); default every month.", valueName: "period"))
    var period: String?

    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let month = try period.map { p -> Period in
            guard let m = Period(p) else { throw ValidationError("--period must be YYYY-MM") }
            return m
        }
        let (unknown, differences) = try db.withConnection { c in
            (try VerifyStore.unknownReferences(c, period: month),
             try VerifyStore.differences(c, tree: try ReferenceStore.regions(c), catalog: try ReferenceStore.catalog(c), period: month))
        }
        for u in unknown { print(u) }
        for d in differences { print(d) }
        if unknown.isEmpty && differences.isEmpty {
            print("every stored row names a known region, office and indicator, and every aggregate equals its recomputation from the stored figures")
        } else {
            if !unknown.isEmpty { FileHandle.standardError.write(Data("rows with unknown regions, offices or indicators\n".utf8)) }
            if !differences.isEmpty {
                FileHandle.standardError.write(Data("\(differences.count) aggregate(s) differ from their recomputation\n".utf8))
            }
            throw ExitCode(1)
        }
    }
}

struct OfficeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "Manage reporting offices and their tokens.",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an office and print its token once (only a hash is stored).",
            discussion: """
                The office code is what a client sends in hello; it defaults to the region code it reports for.

                Example: huizong office add 331082 --role county
                """)

        @Argument(help: "Office code, usually the region code (e.g. 331082).")
        var code: String

        @Option(help: "county, city, province or admin.")
        var role: String

        @Option(help: "Region the office reports for (default: the office code; none for admin).")
        var region: String?

        @OptionGroup var db: DatabaseOptions

        func run() throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let token = try db.withConnection { try OfficeStore.add($0, code: code, role: role, region: region) }
            // Unbuffered, so the token comes first even when both streams go to one file.
            FileHandle.standardOutput.write(Data((token + "\n").utf8))
            FileHandle.standardError.write(Data("office \(code) (\(role.rawValue)) created; the token above is shown only once\n".utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List offices (tokens are never shown).",
                                                        discussion: "Example: huizong office list --data-dir /var/lib/huizong")
        @OptionGroup var db: DatabaseOptions

        func run() throws {
            let offices = try db.withConnection { try OfficeStore.list($0) }
            print("code\trole\tregion\tcreated\trevoked")
            for o in offices {
                print("\(o.office.code)\t\(o.office.role.rawValue)\t\(o.office.region ?? "-")\t\(o.createdAt)\t\(o.revokedAt ?? "-")")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an office's token; its sessions end on every daemon at once.",
                                                        discussion: "Example: huizong office revoke 331082")
        @Argument var code: String
        @OptionGroup var db: DatabaseOptions

        func run() throws {
            try db.withConnection { try OfficeStore.revoke($0, code: code) }
            print("office \(code) revoked")
        }
    }
}
