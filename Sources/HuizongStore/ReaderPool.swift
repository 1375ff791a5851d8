import HuizongPostgres
import Logging
import Synchronization

/// A few connections for reads (authentication, queries, replays), each owned by an actor on its own
/// thread, taken in turn.
public final class ReaderPool: Sendable {
    private let readers: [Reader]
    private let nextIndex = Atomic<Int>(0)

    public init(count: Int, conninfo: String, settings: ConnectionSettings = ConnectionSettings(), reconnects: Reconnects = Reconnects(),
                logger: Logger) {
        readers = (0..<max(1, count)).map {
            Reader(name: "huizong-read-\($0)", conninfo: conninfo, settings: settings, reconnects: reconnects, logger: logger)
        }
    }

    /// Runs `body` with a reader's connection. A read that finds its connection dead (PostgreSQL
    /// restarted since it was last used) runs once more on a fresh one: reads are safe to repeat.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let i = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await readers[i % readers.count].run(body)
    }

    /// True unless a reader has been stuck in one read for longer than `limit`.
    public func isResponsive(within limit: Duration) -> Bool { readers.allSatisfy { $0.isResponsive(within: limit) } }

    /// Ends the readers' threads once what they were given is done.
    public func shutdown() async {
        for r in readers { await r.shutdown() }
    }
}

/// One connection for reads, on its own thread.
actor Reader {
    private nonisolated let executor: ThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var slot: ConnectionSlot
    /// The connection has served a read: if it is found dead now, the server went away meanwhile.
    private var used = false

    init(name: String, conninfo: String, settings: ConnectionSettings, reconnects: Reconnects, logger: Logger) {
        executor = ThreadExecutor(name: name)
        slot = ConnectionSlot(conninfo: conninfo, settings: settings, logger: logger, reconnects: reconnects)
    }

    func run<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        defer { slot.ensureIdle() }
        let fresh = !used
        let c = try slot.get()
        do {
            let value = try body(c)
            used = true
            return value
        } catch let e as PostgresError where e.kind == .connection && !fresh {
            slot.drop()
            used = false
            let value = try body(try slot.get())
            used = true
            return value
        }
    }

    nonisolated func isResponsive(within limit: Duration) -> Bool { executor.isResponsive(within: limit) }

    /// Closes the connection, then ends the thread.
    nonisolated func shutdown() async {
        await close()
        await executor.shutdown()
    }

    private func close() { slot.drop() }
}
