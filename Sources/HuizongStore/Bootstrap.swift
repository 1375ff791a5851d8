import Foundation
import HuizongPostgres
import Logging

/// Finding the database, shared by `huizongd` and `huizong`: a configured connection string, or the
/// embedded cluster in a data directory, started on demand, with the schema migrated.
public enum Bootstrap {
    /// `/var/lib/huizong` for root (the systemd service), `~/.local/share/huizong` for anyone else.
    public static var defaultDataDirectory: String {
        if geteuid() == 0 { return "/var/lib/huizong" }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.currentDirectoryPath
        return home + "/.local/share/huizong"
    }

    public struct Database: Sendable {
        public let conninfo: String
        /// The data directory in effect (the embedded cluster's, and the default socket's home).
        public let dataDirectory: String
        /// Set when we started the embedded cluster ourselves (and should stop it when done).
        public let startedCluster: EmbeddedCluster?
    }

    /// Connects to `conninfo`, or else makes sure the embedded cluster in `dataDirectory` runs; then
    /// applies pending migrations from the schema directory. Each setting left nil comes from the
    /// environment (`HUIZONG_DATABASE`, `HUIZONG_DATA_DIR`, `HUIZONG_SCHEMA`), else its default: the one
    /// place where the daemon and the CLI resolve them, so they always agree on the database.
    public static func open(conninfo: String?, dataDirectory: String?, schema: String?, logger: Logger) throws -> Database {
        let env = ProcessInfo.processInfo.environment
        let conninfo = conninfo ?? env["HUIZONG_DATABASE"]
        let dataDirectory = dataDirectory ?? env["HUIZONG_DATA_DIR"] ?? defaultDataDirectory
        let schema = schema ?? env["HUIZONG_SCHEMA"]
        let database: Database
        if let conninfo, !conninfo.isEmpty {
            database = Database(conninfo: conninfo, dataDirectory: dataDirectory, startedCluster: nil)
        } else {
            let cluster = EmbeddedCluster(directory: URL(fileURLWithPath: dataDirectory))
            if (try? Connection(cluster.conninfo())) != nil {  // already running
                database = Database(conninfo: cluster.conninfo(), dataDirectory: dataDirectory, startedCluster: nil)
            } else {
                database = Database(conninfo: try cluster.start(logger: logger), dataDirectory: dataDirectory,
                                    startedCluster: cluster)
            }
        }
        guard let schemaDirectory = Migrator.locateSchema(explicit: schema) else {
            throw MigrationError("cannot find the Schema directory (give --schema or set HUIZONG_SCHEMA)")
        }
        let migrator = try Migrator(directory: schemaDirectory.appendingPathComponent("migrations"))
        let applied = try migrator.migrate(try Connection(database.conninfo), logger: logger)
        if !applied.isEmpty { logger.info("schema migrated: \(applied.joined(separator: ", "))") }
        return database
    }
}
