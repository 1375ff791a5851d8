import Foundation
import Logging

/// A dedicated OS thread that owns one libpq connection and runs jobs on it one at a time.
///
/// Blocking libpq calls must never run on a NIO event loop or on Swift's cooperative pool (two threads
/// on this machine): one slow query would stall every connection. So each connection lives on its own
/// thread, and async callers hop over with a continuation.
///
/// The connection is (re)opened lazily: after a failure the next job reconnects, at most once per
/// `retryInterval`, and jobs in between fail fast with a connection error (`unavailable` upstream).
public final class DatabaseThread: @unchecked Sendable {
    public typealias Job = (Connection?, PostgresError?) -> Void

    private let conninfo: String
    private let setup: (Connection) throws -> Void
    private let logger: Logger
    private let retryInterval: TimeInterval
    private let condition = NSCondition()
    private var jobs: [Job] = []            // guarded by `condition`
    private var stopping = false            // guarded by `condition`
    private var thread: Thread?

    // Touched only on the thread.
    private var connection: Connection?
    private var lastFailure: (at: Date, error: PostgresError)?

    /// `setup` runs on every new connection (e.g. to prepare statements).
    public init(name: String, conninfo: String, logger: Logger, retryInterval: TimeInterval = 1,
                setup: @escaping (Connection) throws -> Void = { _ in }) {
        self.conninfo = conninfo
        self.setup = setup
        self.logger = logger
        self.retryInterval = retryInterval
        let thread = Thread { self.loop() }  // the thread keeps us alive until shutdown()
        thread.name = name
        self.thread = thread
        thread.start()
    }

    /// Queues `job`; it runs on the thread with the connection, or with the error that kept it from
    /// connecting. The job must not let the connection escape.
    public func enqueue(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on the thread and returns its value. A lost connection is dropped so that the next
    /// job reconnects.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            enqueue { connection, error in
                guard let connection else {
                    continuation.resume(throwing: error ?? PostgresError(.connection, "no connection"))
                    return
                }
                continuation.resume(with: Result { try body(connection) })
            }
        }
    }

    /// Lets queued jobs finish, then closes the connection and ends the thread.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                connection = nil
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()

            let (conn, error) = currentConnection()
            job(conn, error)
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
    }

    private func currentConnection() -> (Connection?, PostgresError?) {
        if let connection, connection.isHealthy { return (connection, nil) }
        connection = nil
        if let last = lastFailure, Date().timeIntervalSince(last.at) < retryInterval { return (nil, last.error) }
        do {
            let c = try Connection(conninfo)
            try setup(c)
            connection = c
            if lastFailure != nil { logger.info("database connection restored") }
            lastFailure = nil
            return (c, nil)
        } catch {
            let pgError = error as? PostgresError ?? PostgresError(.connection, "\(error)")
            if lastFailure == nil { logger.error("database unavailable: \(pgError)") }
            lastFailure = (Date(), pgError)
            return (nil, pgError)
        }
    }
}
