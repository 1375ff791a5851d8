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
        /// Set when we started the embedded cluster ourselves (and should stop it when done).
        public let startedCluster: EmbeddedCluster?
    }

    /// Connects to `conninfo`, or else makes sure the embedded cluster in `dataDirectory` runs; then
    /// applies pending migrations from the schema directory.
    public static func open(conninfo: String?, dataDirectory: String, schema: String?, logger: Logger) throws -> Database {
        let database: Database
        if let conninfo, !conninfo.isEmpty {
            database = Database(conninfo: conninfo, startedCluster: nil)
        } else {
            let cluster = EmbeddedCluster(directory: URL(fileURLWithPath: dataDirectory))
            if (try? Connection(cluster.conninfo())) != nil {
                database = Database(conninfo: cluster.conninfo(), startedCluster: nil)  // already running
            } else {
                database = Database(conninfo: try cluster.start(logger: logger), startedCluster: cluster)
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
