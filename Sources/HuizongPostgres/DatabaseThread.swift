import CoreMetrics
import Foundation
import Logging
import Synchronization

/// A dedicated OS thread that owns one libpq connection and runs jobs on it one at a time.
///
/// Blocking libpq calls must never run on a NIO event loop or on Swift's cooperative pool (two threads
/// on this machine): one slow query would stall every connection. So each connection lives on its own
/// thread, and async callers hop over with a continuation.
///
/// The connection is (re)opened lazily. After a failure the next attempt waits a backoff that doubles
/// from `initialBackoff` up to `maximumBackoff`; jobs in between fail at once with the last error
/// (`unavailable` upstream), so nobody queues behind a database that is down.
public final class DatabaseThread: @unchecked Sendable {
    public typealias Job = (Connection?, PostgresError?) -> Void

    private enum State {
        /// Serving; jobs wait here in order.
        case running([Job])
        /// `shutdown` was called: the queued jobs still run, then the thread ends.
        case draining([Job])
        case stopped
    }

    private let conninfo: String
    private let settings: ConnectionSettings
    private let setup: (Connection) throws -> Void
    private let logger: Logger
    private let condition = NSCondition()
    private var state = State.running([])              // guarded by `condition`
    private var onStopped: [CheckedContinuation<Void, Never>] = []  // guarded by `condition`
    /// When the job now running started (uptime nanoseconds), 0 when idle: the watchdog's evidence
    /// that this thread makes progress.
    private let busySince = Atomic<UInt64>(0)

    // Touched only on the thread.
    private var connection: Connection?
    private var connectionUsed = false
    private var failure: (error: PostgresError, retryAt: UInt64, backoff: Double)?
    static let initialBackoff = 0.25
    static let maximumBackoff = 8.0

    /// `setup` runs on every new connection (e.g. to prepare statements).
    public init(name: String, conninfo: String, settings: ConnectionSettings = ConnectionSettings(), logger: Logger,
                setup: @escaping (Connection) throws -> Void = { _ in }) {
        self.conninfo = conninfo
        self.settings = settings
        self.setup = setup
        self.logger = logger
        let thread = Thread { self.loop() }  // the thread keeps us alive until it ends
        thread.name = name
        thread.start()
    }

    /// Queues `job`; it runs on the thread with the connection, or with the error that kept it from
    /// connecting. The job must not let the connection escape. While draining, jobs are still taken
    /// (a batch may queue the next one); once the thread has ended, the job runs at once, here, with
    /// an error.
    public func enqueue(_ job: @escaping Job) {
        condition.lock()
        switch state {
        case .running(var jobs):
            state = .running([])  // keep the array uniquely referenced while appending
            jobs.append(job)
            state = .running(jobs)
            condition.signal()
            condition.unlock()
        case .draining(var jobs):
            state = .draining([])
            jobs.append(job)
            state = .draining(jobs)
            condition.signal()
            condition.unlock()
        case .stopped:
            condition.unlock()
            job(nil, PostgresError(.connection, "the daemon is stopping"))
        }
    }

    /// Runs `body` on the thread and returns its value. A read may be retried once on a fresh
    /// connection when the one it got turned out to be dead (PostgreSQL restarted since it was last
    /// used): `body` must then be safe to run twice, which reads are.
    public func run<T: Sendable>(retryingStaleConnection: Bool = true,
                                 _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            enqueue { connection, error in
                guard let connection else {
                    continuation.resume(throwing: error ?? PostgresError(.connection, "no connection"))
                    return
                }
                let first = Result { try body(connection) }
                if case .failure(let e as PostgresError) = first, e.kind == .connection, retryingStaleConnection,
                   let fresh = self.reconnectAfterStale() {
                    continuation.resume(with: Result { try body(fresh) })
                } else {
                    continuation.resume(with: first)
                }
            }
        }
    }

    /// True unless a job has been running for longer than `limit` (the thread is stuck). A thread
    /// waiting for a database that is down is not stuck: its waits have deadlines.
    public func isResponsive(within limit: Duration) -> Bool {
        let since = busySince.load(ordering: .relaxed)
        guard since != 0 else { return true }
        let elapsed = DispatchTime.now().uptimeNanoseconds &- since
        return elapsed < UInt64(limit.components.seconds) * 1_000_000_000 + UInt64(limit.components.attoseconds / 1_000_000_000)
    }

    /// Lets queued jobs finish, closes the connection and returns once the thread has ended.
    public func shutdown() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            condition.lock()
            switch state {
            case .running(let jobs):
                state = .draining(jobs)
                onStopped.append(c)
                condition.signal()
                condition.unlock()
            case .draining:
                onStopped.append(c)
                condition.unlock()
            case .stopped:
                condition.unlock()
                c.resume()
            }
        }
    }

    // MARK: On the thread

    private func loop() {
        while let job = nextJob() {
            busySince.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            let (conn, error) = currentConnection()
            job(conn, error)
            busySince.store(0, ordering: .relaxed)
            if conn != nil { connectionUsed = true }
            if let c = connection, !c.isHealthy {
                logger.warning("database connection lost; reconnecting on the next job")
                connection = nil
            } else if let c = connection, !c.isIdle {
                // A job must end outside any transaction; one that did not is a fault of ours. The
                // connection is rolled back, or dropped if that fails, never reused as it is.
                logger.error("a database job left a transaction open; rolling it back")
                c.abandonTransaction()
                if !c.isIdle { connection = nil }
            }
        }
        connection = nil
        condition.lock()
        state = .stopped
        let waiting = onStopped
        onStopped = []
        condition.unlock()
        waiting.forEach { $0.resume() }
    }

    /// The next job, or nil once draining has emptied the queue.
    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state {
            case .running(var jobs) where !jobs.isEmpty:
                state = .running([])
                let job = jobs.removeFirst()
                state = .running(jobs)
                return job
            case .running:
                condition.wait()
            case .draining(var jobs):
                guard !jobs.isEmpty else { return nil }
                let job = jobs.removeFirst()
                state = .draining(jobs)
                return job
            case .stopped:
                return nil
            }
        }
    }

    /// Connections made after this thread's first one (swift-metrics; the daemon exports it).
    public static let reconnects = Counter(label: "huizong_database_reconnects_total")
    private var everConnected = false  // touched only on the thread

    private func currentConnection() -> (Connection?, PostgresError?) {
        if let connection, connection.isHealthy { return (connection, nil) }
        connection = nil
        if let failure, DispatchTime.now().uptimeNanoseconds < failure.retryAt { return (nil, failure.error) }
        return connect()
    }

    private func connect() -> (Connection?, PostgresError?) {
        do {
            let c = try Connection(conninfo, settings: settings)
            try setup(c)
            connection = c
            connectionUsed = false
            if everConnected { Self.reconnects.increment() }
            everConnected = true
            if failure != nil { logger.info("database connection restored") }
            failure = nil
            return (c, nil)
        } catch {
            let pgError = error as? PostgresError ?? PostgresError(.connection, "\(error)")
            let backoff = min(Self.maximumBackoff, (failure?.backoff ?? Self.initialBackoff / 2) * 2)
            if failure == nil { logger.error("database unavailable: \(pgError)") }
            failure = (pgError, DispatchTime.now().uptimeNanoseconds + UInt64(backoff * 1e9), backoff)
            return (nil, pgError)
        }
    }

    /// After a connection error on a connection that had served jobs before: a fresh one, if it can
    /// be had at once.
    private func reconnectAfterStale() -> Connection? {
        guard connectionUsed else { return nil }
        connection = nil
        return connect().0
    }
}
