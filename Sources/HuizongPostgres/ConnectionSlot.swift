import CoreMetrics
import Dispatch
import Logging
import Synchronization

/// The one connection of an owner (an actor on its own thread), opened when first needed and again
/// after it broke. A failed attempt makes the next one wait a short backoff (doubling up to half a
/// second), so that requests during an outage are answered `unavailable` at once instead of each
/// waiting for a connect; as soon as any slot of the daemon connects again (`Reconnects`), the
/// others stop waiting too.
public struct ConnectionSlot: ~Copyable {
    private let conninfo: String
    private let settings: ConnectionSettings
    private let setup: (Connection) throws -> Void
    private let logger: Logger
    private let reconnects: Reconnects
    private var connection: Connection?
    private var failure: (error: PostgresError, retryAt: UInt64, backoff: Double, generation: Int)?
    private var everConnected = false

    static let initialBackoff = 0.05
    static let maximumBackoff = 0.5

    public init(conninfo: String, settings: ConnectionSettings, logger: Logger, reconnects: Reconnects,
                setup: @escaping (Connection) throws -> Void = { _ in }) {
        self.conninfo = conninfo
        self.settings = settings
        self.logger = logger
        self.reconnects = reconnects
        self.setup = setup
    }

    /// The connection, connecting first if there is none; throws the last failure while it backs off.
    public mutating func get() throws(PostgresError) -> Connection {
        if let connection, connection.isAlive { return connection }
        connection = nil
        if let failure, DispatchTime.now().uptimeNanoseconds < failure.retryAt, reconnects.generation == failure.generation {
            throw failure.error
        }
        do throws(PostgresError) {
            let c = try Connection(conninfo, settings: settings)
            do { try setup(c) } catch { throw PostgresError(.connection, "setting up the connection: \(error)") }
            connection = c
            if everConnected { Reconnects.counter.increment() }
            if failure != nil { logger.info("database connection restored") }
            everConnected = true
            failure = nil
            reconnects.succeeded()
            return c
        } catch {
            let backoff = min(Self.maximumBackoff, (failure?.backoff ?? Self.initialBackoff / 2) * 2)
            if failure == nil { logger.error("database unavailable", metadata: ["error": "\(error)"]) }
            failure = (error, DispatchTime.now().uptimeNanoseconds + UInt64(backoff * 1e9), backoff, reconnects.generation)
            throw error
        }
    }

    /// Forgets a connection that broke or may be in an unknown state: the next `get` opens another.
    public mutating func drop() { connection = nil }

    /// After a failed transaction: rolls it back, or drops a connection that cannot be made idle.
    public mutating func rollback() {
        guard let c = connection else { return }
        c.abandonTransaction()
        if !c.isIdle { connection = nil }
    }

    /// After a job: a connection left inside a transaction is rolled back, or dropped if that fails.
    public mutating func ensureIdle() {
        guard let c = connection else { return }
        if !c.isHealthy { connection = nil; return }
        if !c.isIdle {
            logger.error("a database job left a transaction open; rolling it back")
            c.abandonTransaction()
            if !c.isIdle { connection = nil }
        }
    }
}

/// Shared by the connection slots of a daemon: a successful connect lets every slot waiting out a
/// backoff try at once (after a failover, the first connection to reach the new primary tells the
/// others).
public final class Reconnects: Sendable {
    private let value = Atomic<Int>(0)
    public init() {}
    var generation: Int { value.load(ordering: .acquiring) }
    /// A connection to the database succeeded: whoever waits out a backoff may try at once.
    public func succeeded() { value.wrappingAdd(1, ordering: .releasing) }

    /// Connections made again after a slot's first one (swift-metrics; the daemon exports it).
    public static let counter = Counter(label: "huizong_database_reconnects_total")
}
