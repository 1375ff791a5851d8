import Foundation
import HuizongCore
import HuizongPostgres
import Logging
import Synchronization

/// Everything a session needs, shared by all connections: reference data, validation, the writer,
/// the threads that read, the broadcaster, the live connections and the bounds on queued work.
public final class Services: Sendable {
    /// Regions, catalog and validator, replaced whole when an administrator extends them.
    public let reference: Reference
    public var regions: RegionTree { reference.tree }
    public var catalog: Catalog { reference.catalog }
    public var validator: Validator { reference.current.validator }
    public let writer: WriterPool
    public let readers: ReaderPool
    public let hub: BroadcastHub
    public let connections: Connections
    /// Submissions handed to the writer and not yet answered, across every connection.
    public let admission: Admission
    public let serverName: String
    /// When a month's figures are due (for `completeness`).
    public let deadline: Deadline
    /// Seconds since the epoch; injectable so that tests can move "now" (future_period).
    public let now: @Sendable () -> Int64

    public init(reference: Reference, writer: WriterPool, readers: ReaderPool, hub: BroadcastHub,
                connections: Connections = Connections(), maxQueuedSubmissions: Int = 8192,
                serverName: String, deadline: Deadline = Deadline(), now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.reference = reference
        self.writer = writer
        self.readers = readers
        self.hub = hub
        self.connections = connections
        self.admission = Admission(capacity: maxQueuedSubmissions)
        self.serverName = serverName
        self.deadline = deadline
        self.now = now
    }

    public var currentPeriod: Period { Period.current(secondsSinceEpoch: now()) }
}

/// A few database threads for reads (authentication, queries, replays), taken in turn.
public final class ReaderPool: Sendable {
    private let threads: [DatabaseThread]
    private let nextIndex = Atomic<Int>(0)

    public init(count: Int, conninfo: String, settings: ConnectionSettings = ConnectionSettings(), logger: Logger) {
        threads = (0..<max(1, count)).map {
            DatabaseThread(name: "huizong-read-\($0)", conninfo: conninfo, settings: settings, logger: logger)
        }
    }

    public func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let i = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await threads[i % threads.count].run(body)
    }

    /// True unless a reader has been stuck in one job for longer than `limit`.
    public func isResponsive(within limit: Duration) -> Bool { threads.allSatisfy { $0.isResponsive(within: limit) } }

    /// Lets queued reads finish and returns once every thread has ended.
    public func shutdown() async {
        for t in threads { await t.shutdown() }
    }
}
