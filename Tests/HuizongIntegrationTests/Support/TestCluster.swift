import Foundation
import HuizongDatabase
import HuizongPostgres
import Logging
import Synchronization

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let quietLogger: Logger = {
    var l = Logger(label: "test")
    l.logLevel = .error
    return l
}()

/// One real PostgreSQL cluster per test process, in a temporary directory, started through the same
/// `EmbeddedCluster` the daemon uses. A template database carries the migrated schema and reference
/// data; each test gets a fresh copy, so tests run in parallel without seeing each other.
final class TestCluster: Sendable {
    static let shared: TestCluster = {
        do { return try TestCluster() } catch { fatalError("cannot start the test PostgreSQL cluster: \(error)") }
    }()

    let cluster: EmbeddedCluster
    let directory: URL
    private let counter = Atomic<Int>(0)

    private init() throws {
        directory = URL(fileURLWithPath: "/tmp/huizong-tests-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        // Tests run in parallel, each with its own servers (six connections or more apiece: a hundred
        // servers may be up at once).
        cluster = EmbeddedCluster(directory: directory, database: "huizong_template", maxConnections: 1000)
        try cluster.start(logger: quietLogger)
        let migrator = try Migrator(directory: repositoryRoot.appendingPathComponent("Schema/migrations"))
        do {
            let c = try Connection(cluster.conninfo())
            try migrator.migrate(c, logger: quietLogger)
        }  // the template must have no open connection when it is copied
        atexit {
            try? TestCluster.shared.cluster.stop()
            try? FileManager.default.removeItem(at: TestCluster.shared.directory)
        }
    }

    /// A new database holding the migrated schema and reference data.
    func newDatabase() throws -> String {
        let name = "t\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
        let admin = try Connection(cluster.conninfo(database: "postgres"))
        for attempt in 1...20 {
            do {
                // Names are ours (t1, t2, …): CREATE DATABASE takes no parameters.
                try admin.execute("CREATE DATABASE \(name) TEMPLATE huizong_template")
                return cluster.conninfo(database: name)
            } catch {
                // "source database is being accessed by other users": another test is copying it.
                if attempt == 20 { throw error }
                usleep(100_000)
            }
        }
        preconditionFailure("unreachable")
    }

    /// A new database with nothing in it (no schema), for tests of the migrations themselves.
    func newEmptyDatabase() throws -> String {
        let name = "e\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
        try Connection(cluster.conninfo(database: "postgres")).execute("CREATE DATABASE \(name) TEMPLATE template0")
        return cluster.conninfo(database: name)
    }

    func admin() throws -> Connection { try Connection(cluster.conninfo(database: "postgres")) }
}
