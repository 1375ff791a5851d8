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
        /// Set when the embedded cluster is ours to stop when done: we started it, or adopted it.
        public let ownedCluster: EmbeddedCluster?
    }

    /// Where the daemon and the CLI find the data directory: the setting, `HUIZONG_DATA_DIR`, the
    /// unit's `StateDirectory=` (systemd sets `STATE_DIRECTORY`), or the default.
    public static func dataDirectory(_ setting: String?) -> String {
        let env = ProcessInfo.processInfo.environment
        return setting ?? env["HUIZONG_DATA_DIR"] ?? env["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init) ?? defaultDataDirectory
    }

    /// Connects to `conninfo`, or else makes sure the embedded cluster in `dataDirectory` runs; then
    /// applies pending migrations from the schema directory. Each setting left nil comes from the
    /// environment (`HUIZONG_DATABASE`, `HUIZONG_DATA_DIR`, `HUIZONG_SCHEMA`), else its default: the one
    /// place where the daemon and the CLI resolve them, so they always agree on the database.
    ///
    /// `adoptRunningCluster`: an embedded cluster found running is ours to stop too. The daemon that
    /// holds the data directory's lock says so (its predecessor was killed and left the cluster
    /// behind); the CLI never does, since the cluster it finds is usually the daemon's.
    public static func open(conninfo: String?, dataDirectory: String?, schema: String?, adoptRunningCluster: Bool = false,
                            logger: Logger) throws -> Database {
        let env = ProcessInfo.processInfo.environment
        let conninfo = conninfo ?? env["HUIZONG_DATABASE"]
        let dataDirectory = Self.dataDirectory(dataDirectory)
        let schema = schema ?? env["HUIZONG_SCHEMA"]
        let database: Database
        if let conninfo, !conninfo.isEmpty {
            database = Database(conninfo: conninfo, dataDirectory: dataDirectory, ownedCluster: nil)
        } else {
            let cluster = EmbeddedCluster(directory: URL(fileURLWithPath: dataDirectory))
            if (try? Connection(cluster.conninfo())) != nil {  // already running
                if adoptRunningCluster { logger.info("adopting the embedded PostgreSQL cluster already running in \(dataDirectory)") }
                database = Database(conninfo: cluster.conninfo(), dataDirectory: dataDirectory,
                                    ownedCluster: adoptRunningCluster ? cluster : nil)
            } else {
                database = Database(conninfo: try cluster.start(logger: logger), dataDirectory: dataDirectory,
                                    ownedCluster: cluster)
            }
        }
        guard let schemaDirectory = Migrator.locateSchema(explicit: schema) else {
            throw MigrationError("cannot find the Schema directory (give --schema or set HUIZONG_SCHEMA)")
        }
        let migrator = try Migrator(directory: schemaDirectory.appendingPathComponent("migrations"))
        let applied = try migrator.migrate(try Connection(database.conninfo, settings: .unbounded), logger: logger)
        if !applied.isEmpty { logger.info("schema migrated: \(applied.joined(separator: ", "))") }
        return database
    }
}
