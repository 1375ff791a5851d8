import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// Deadlines for everything a connection waits on, so that a partition from a remote PostgreSQL
/// becomes an error within a known time instead of a thread stuck for good.
public struct ConnectionSettings: Sendable {
    /// Connecting, per address tried (libpq's connect_timeout).
    public var connectTimeout: Duration = .seconds(5)
    /// Longest a statement may run (PostgreSQL's statement_timeout); nil leaves the server's.
    public var statementTimeout: Duration? = .seconds(30)
    /// Longest a statement may wait for a lock (lock_timeout); nil leaves the server's.
    public var lockTimeout: Duration? = .seconds(10)
    /// Shown in pg_stat_activity.
    public var applicationName = "huizong"
    /// Plan each prepared statement once (`plan_cache_mode = force_generic_plan`). PostgreSQL's
    /// default re-plans a statement with array parameters at every execution, because a custom plan
    /// that knows the array's length always looks cheaper than the generic one: for a writer's batch
    /// of one submission that planning cost as much as running the statements (pg_stat_statements).
    /// Only for statements written to be safe under a generic plan (index probes behind LATERAL).
    public var genericPlans = false

    public init() {}

    /// No deadlines but connecting: for migrations and administration, which may take long.
    public static var unbounded: ConnectionSettings {
        var s = ConnectionSettings()
        s.statementTimeout = nil
        s.lockTimeout = nil
        return s
    }

    /// The same deadlines for every statement: tests make them short.
    public static func timeout(_ d: Duration) -> ConnectionSettings {
        var s = ConnectionSettings()
        s.connectTimeout = d
        s.statementTimeout = d
        s.lockTimeout = d
        return s
    }

    /// How long we wait for the server without hearing from it before the connection counts as lost:
    /// a statement that runs to its timeout answers with an error before that.
    var silenceLimit: Duration {
        let statement = statementTimeout ?? .seconds(300)
        return statement + max(.seconds(1), statement / 4)
    }

    static func milliseconds(_ d: Duration) -> String { String(max(1, d.pollMilliseconds)) }
}

extension Duration {
    /// Whole milliseconds, rounded up (a poll(2) timeout), saturating.
    var pollMilliseconds: Int32 {
        let (seconds, atto) = components
        return Int32(clamping: seconds * 1000 + (atto + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}

/// A libpq connection. Not thread-safe, by design: each connection has exactly one owner (a
/// `DatabaseThread`, a CLI command, a test), which never hands it to another thread while in use.
/// Calls wait here (never longer than the settings' deadlines), so owners run on dedicated threads,
/// never on an event loop.
public final class Connection {
    private let handle: OpaquePointer
    private let silenceLimit: Duration

    /// Connects with a libpq connection string ("host=/run/x dbname=huizong" or a postgresql:// URI).
    /// The settings' deadlines and TCP keepalives come first, so the string may override them.
    public init(_ conninfo: String, settings: ConnectionSettings = ConnectionSettings()) throws(PostgresError) {
        let ms = ConnectionSettings.milliseconds
        let defaults: [(String, String)] = [
            ("connect_timeout", String(max(2, settings.connectTimeout.components.seconds))),
            ("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"), ("keepalives_count", "3"),
            ("tcp_user_timeout", ms(settings.silenceLimit)),
            ("application_name", settings.applicationName),
            ("dbname", conninfo),  // expanded: its own settings override the ones above
        ]
        let keywords = defaults.map { strdup($0.0) } + [nil]
        let values = defaults.map { strdup($0.1) } + [nil]
        defer { (keywords + values).forEach { free($0) } }
        let conn = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { k in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in PQconnectdbParams(k.baseAddress, v.baseAddress, 1) }
        }
        guard let conn else { throw PostgresError(.connection, "libpq could not allocate a connection") }
        guard PQstatus(conn) == CONNECTION_OK else {
            // PQconnectdbParams returns a handle even on failure; it must be finished all the same.
            let message = String(cString: PQerrorMessage(conn)).trimmingTrailingNewlines()
            PQfinish(conn)
            throw PostgresError(.connection, "cannot connect to PostgreSQL: \(message)")
        }
        handle = conn
        silenceLimit = settings.silenceLimit
        // Server notices ("relation already exists, skipping") are not errors; libpq would print them
        // to stderr, in the middle of a CLI's output.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        // Non-blocking: every call sends, then waits in poll(2) with a deadline.
        PQsetnonblocking(conn, 1)
        // No JIT: every statement here is a few index lookups, and a generic plan's cost estimate
        // (an unnest of unknown length is guessed at 100 rows) crosses jit_above_cost, whereupon
        // compiling takes 15–100 ms for a query that runs in one.
        var session = ["SET client_encoding = 'UTF8'", "SET jit = off"]
        if let t = settings.statementTimeout { session.append("SET statement_timeout = \(ms(t))") }
        if let t = settings.lockTimeout { session.append("SET lock_timeout = \(ms(t))") }
        if settings.genericPlans { session.append("SET plan_cache_mode = force_generic_plan") }
        for statement in session { try execute(statement) }
    }

    deinit { PQfinish(handle) }

    /// Set when a pipeline failed midway: the connection may still be in pipeline mode with results
    /// pending, so it must not be used again even if libpq thinks it is fine.
    private var broken = false

    public var isHealthy: Bool { !broken && PQstatus(handle) == CONNECTION_OK }

    /// Healthy, and the server has not closed it meanwhile: a connection that waited idle through a
    /// restart of PostgreSQL finds its socket readable at end of file. One non-blocking poll.
    public var isAlive: Bool {
        guard isHealthy else { return false }
        var fd = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        if poll(&fd, 1, 0) > 0, PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
            broken = true
        }
        return !broken
    }

    private var lastError: String { String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines() }

    private func connectionError(_ context: String) -> PostgresError {
        PostgresError(.connection, "\(context): \(lastError)")
    }

    /// Runs one parameterized statement and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> QueryResult {
        try execute(Statement(sql, parameters))
    }

    /// Runs one statement; a statement with binary results returns none here (use `query`).
    @discardableResult
    public func execute(_ statement: Statement) throws(PostgresError) -> QueryResult {
        try check(statement)
        let name = try preparedName(for: statement)
        return try awaitResult(send(statement, prepared: name), "cannot send statement")
    }

    /// Runs one statement with binary results, handing each row to `rows` before libpq's result is
    /// cleared; returns the rows affected.
    @discardableResult
    public func query(_ statement: Statement, rows: (Row) throws -> Void) throws -> Int {
        try check(statement)
        let name = try preparedName(for: statement)
        var failure: (any Error)?
        let result = try awaitResult(send(statement, prepared: name), "cannot send statement") { row in
            guard failure == nil else { return }
            do { try rows(row) } catch { failure = error }
        }
        if let failure { throw failure }
        return result.affected
    }

    public func prepare(_ name: String, _ sql: String) throws(PostgresError) {
        try awaitResult(PQsendPrepare(handle, name, sql, 0, nil), "cannot send PREPARE")
    }

    /// Sends `statement` (as the prepared statement `prepared` when given); libpq's return code.
    private func send(_ statement: Statement, prepared: String?) -> Int32 {
        let p = statement.parameters
        let format: Int32 = statement.binaryResults ? 1 : 0
        return p.withArrays { values, lengths, formats in
            if let prepared { return PQsendQueryPrepared(handle, prepared, Int32(p.count), values, lengths, formats, format) }
            switch statement.target {
            case .prepared(let name):
                return PQsendQueryPrepared(handle, name, Int32(p.count), values, lengths, formats, format)
            case .sql(let sql):
                return p.types.withUnsafeBufferPointer { types in
                    PQsendQueryParams(handle, sql, Int32(p.count), types.baseAddress, values, lengths, formats, format)
                }
            }
        }
    }

    /// Runs a script of several statements without parameters: for migrations from `Schema/` only,
    /// whose text is ours, never a client's.
    public func runScript(_ sql: String) throws(PostgresError) {
        try awaitResult(PQsendQuery(handle, sql), "cannot send script")
    }

    /// After a statement was sent: flushes it, waits for every result (one per statement of a
    /// script) within the deadline, clears them all, and returns the last or throws the first error.
    @discardableResult
    private func awaitResult(_ sent: Int32, _ what: String, rows: (Row) -> Void = { _ in }) throws(PostgresError) -> QueryResult {
        do throws(PostgresError) {
            guard sent == 1 else { throw connectionError(what) }
            try flushAll()
            var outcome: Result<QueryResult, PostgresError>?
            while true {
                while PQisBusy(handle) == 1 {
                    try waitForSocket(write: false)
                    guard PQconsumeInput(handle) == 1 else { throw connectionError("cannot read from the server") }
                }
                guard let result = PQgetResult(handle) else { break }
                let this = Result { () throws(PostgresError) -> QueryResult in try QueryResult.consume(result, rows: rows) }
                if case .failure? = outcome { continue }  // the first error is the one to report
                outcome = this
            }
            if PQstatus(handle) != CONNECTION_OK { throw connectionError("connection lost") }
            guard let outcome else { throw connectionError("no result") }
            return try outcome.get()
        } catch {
            if error.kind == .connection { broken = true }
            throw error
        }
    }

    /// True when no transaction is open: what a connection must be between jobs.
    public var isIdle: Bool { isHealthy && PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// After any failure inside an explicit transaction: rolls it back so that the connection can be
    /// used again, or, if that does not leave it idle, marks it broken so that it never is. A
    /// connection left inside a transaction would make the next BEGIN a mere warning and let later
    /// reads see uncommitted rows.
    public func abandonTransaction() {
        guard isHealthy, PQtransactionStatus(handle) != PQTRANS_IDLE else { return }
        if (try? execute("ROLLBACK")) == nil || PQtransactionStatus(handle) != PQTRANS_IDLE { broken = true }
    }

    /// Runs `body` in a transaction; rolls back whatever it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        guard isIdle else {
            broken = true
            throw PostgresError(.connection, "connection is inside a transaction already; it will not be used again")
        }
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            abandonTransaction()
            throw error
        }
    }

    // MARK: LISTEN/NOTIFY

    /// A NOTIFY received: its channel and payload.
    public struct Notification: Sendable, Equatable {
        public let channel: String
        public let payload: String
    }

    /// Waits up to `timeout` for notifications on the channels this connection listens to, and
    /// returns them (possibly none). Throws when the connection is lost.
    public func notifications(timeout: Duration) throws(PostgresError) -> [Notification] {
        var payloads = try drainNotifications()
        if !payloads.isEmpty { return payloads }
        var fd = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let rc = poll(&fd, 1, timeout.pollMilliseconds)
        if rc < 0 && errno != EINTR { throw PostgresError(.connection, "poll failed: errno \(errno)") }
        if rc > 0 {
            guard PQconsumeInput(handle) == 1 else { throw connectionError("cannot read from the server") }
            payloads = try drainNotifications()
        }
        return payloads
    }

    private func drainNotifications() throws(PostgresError) -> [Notification] {
        if PQstatus(handle) != CONNECTION_OK { throw connectionError("connection lost") }
        var payloads: [Notification] = []
        while let n = PQnotifies(handle) {
            payloads.append(Notification(channel: String(cString: n.pointee.relname), payload: String(cString: n.pointee.extra)))
            PQfreemem(n)
        }
        return payloads
    }

    // MARK: Pipeline mode

    /// `pipeline` for a transaction that needs every statement to succeed: their results, or the
    /// error of the statement that failed (the ones after it only report the abort).
    @discardableResult
    public func pipelineResults(_ statements: [Statement], rows: (Int, Row) throws -> Void = { _, _ in }) throws -> [QueryResult] {
        let outcomes = try pipeline(statements, rows: rows)
        for case .failure(let e) in outcomes where e.kind != .aborted { throw e }
        return try outcomes.map { r throws(PostgresError) in try r.get() }
    }

    /// Sends every statement at once in pipeline mode, followed by one Sync, and returns one outcome
    /// per statement in order. Statements between Syncs form one implicit transaction: it commits at
    /// the Sync if all succeed, and is rolled back if any fails (the failing statement reports its
    /// error; the later ones report `.aborted`). Rows of statements with binary results go to `rows`
    /// (with the statement's index) as they arrive. Throws when the connection itself fails, in
    /// which case nothing may be assumed committed, or the first error `rows` threw once every
    /// result has been read.
    public func pipeline(_ statements: [Statement], rows: (Int, Row) throws -> Void = { _, _ in }) throws -> [Result<QueryResult, PostgresError>] {
        var failure: (any Error)?
        let outcomes = try withoutActuallyEscaping({ (i: Int, row: Row) in
            guard failure == nil else { return }
            do { try rows(i, row) } catch { failure = error }
        }) { handler throws(PostgresError) in try finish(try send(pipeline: statements, rows: handler)) }
        if let failure { throw failure }
        return outcomes
    }

    /// A pipeline sent and not yet read to its end (`send(pipeline:)`, `finish`). Until it is
    /// finished the connection takes nothing else: its owner may meanwhile work without it (the
    /// writer decides the next batch while PostgreSQL runs this one).
    public final class PendingPipeline {
        fileprivate var reader: PipelineReader
        fileprivate init(reader: PipelineReader) { self.reader = reader }
    }

    private var inFlight = false

    /// Sends every statement and a Sync in pipeline mode, flushing what the socket takes now, and
    /// returns at once; `rows` gets the binary rows as they are read (now or in `finish`).
    public func send(pipeline statements: [Statement], rows: @escaping (Int, Row) -> Void) throws(PostgresError) -> PendingPipeline {
        precondition(!inFlight, "a pipeline is in flight on this connection: finish it first")
        for s in statements { try check(s) }  // before anything is sent
        var names: [String?] = []
        names.reserveCapacity(statements.count)
        for s in statements { names.append(try preparedName(for: s)) }
        do throws(PostgresError) {
            guard PQenterPipelineMode(handle) == 1 else { throw connectionError("cannot enter pipeline mode") }
            inFlight = true
            var reader = PipelineReader(rows: rows)
            reader.outcomes.reserveCapacity(statements.count)
            for (statement, name) in zip(statements, names) {
                guard send(statement, prepared: name) == 1 else { throw connectionError("cannot send statement") }
                reader.sent += 1
                try exchange(&reader, untilSync: false)
            }
            guard PQpipelineSync(handle) == 1 else { throw connectionError("cannot send Sync") }
            reader.syncSent = true
            return PendingPipeline(reader: reader)
        } catch {
            broken = true
            throw error
        }
    }

    /// Reads a pipeline sent with `send(pipeline:)` to its end: one outcome per statement.
    public func finish(_ pending: PendingPipeline) throws(PostgresError) -> [Result<QueryResult, PostgresError>] {
        do throws(PostgresError) {
            try exchange(&pending.reader, untilSync: true)
            guard PQexitPipelineMode(handle) == 1 else { throw connectionError("cannot leave pipeline mode") }
            inFlight = false
            return pending.reader.outcomes
        } catch {
            broken = true
            throw error
        }
    }

    /// Bookkeeping of a pipeline: each statement yields one result then a NULL separator; the Sync
    /// yields PGRES_PIPELINE_SYNC.
    fileprivate struct PipelineReader {
        let rows: (Int, Row) -> Void
        var sent = 0
        var outcomes: [Result<QueryResult, PostgresError>] = []
        var awaitingSeparator = false
        var syncSent = false
        var syncSeen = false

        var hasPending: Bool { outcomes.count < sent || awaitingSeparator || (syncSent && !syncSeen) }
    }

    // MARK: COPY

    /// `COPY … FROM STDIN` (`sql`, text format) with `data` as its rows: the fastest way PostgreSQL
    /// takes many new rows, parsing no statement per row. Returns the rows copied. Use `COPYText` to
    /// write the rows.
    @discardableResult
    public func copyIn(_ sql: String, _ data: [UInt8]) throws(PostgresError) -> Int {
        do throws(PostgresError) {
            guard PQsendQuery(handle, sql) == 1 else { throw connectionError("cannot send COPY") }
            try flushAll()
            while PQisBusy(handle) == 1 {
                try waitForSocket(write: false)
                guard PQconsumeInput(handle) == 1 else { throw connectionError("cannot read from the server") }
            }
            guard let started = PQgetResult(handle) else { throw connectionError("no result for COPY") }
            let status = PQresultStatus(started)
            if status != PGRES_COPY_IN {
                let error = QueryResult.statementError(started)
                PQclear(started)
                while let r = PQgetResult(handle) { PQclear(r) }
                throw error
            }
            PQclear(started)
            var offset = 0
            while offset < data.count {
                let chunk = min(1 << 20, data.count - offset)
                let sent = data[offset..<(offset + chunk)].withUnsafeBytes { raw in
                    PQputCopyData(handle, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(chunk))
                }
                if sent == 1 { offset += chunk; continue }
                guard sent == 0 else { throw connectionError("cannot send COPY data") }
                try waitForSocket(write: true)  // the send buffer is full: wait, then try again
                guard PQconsumeInput(handle) == 1 else { throw connectionError("cannot read from the server") }
            }
            while true {
                let ended = PQputCopyEnd(handle, nil)
                if ended == 1 { break }
                guard ended == 0 else { throw connectionError("cannot end COPY") }
                try waitForSocket(write: true)
            }
            return try awaitResult(1, "COPY").affected
        } catch {
            if error.kind == .connection { broken = true }
            throw error
        }
    }

    /// Flushes everything queued for the server, waiting while its socket is full.
    private func flushAll() throws(PostgresError) {
        while true {
            let flush = PQflush(handle)
            if flush == 0 { return }
            guard flush > 0 else { throw connectionError("cannot send to the server") }
            try waitForSocket(write: true)
            guard PQconsumeInput(handle) == 1 else { throw connectionError("cannot read from the server") }
        }
    }

    // MARK: Prepared statements

    /// The statements this connection has prepared, by their SQL text. Every statement of ours is a
    /// fixed text with parameters, so each is parsed and planned once per connection instead of on
    /// every call: parsing and planning were most of what the server did for a batch.
    private var prepared: [String: String] = [:]
    static let preparedLimit = 256

    /// The name `statement`'s SQL is prepared under on this connection, preparing it (one round trip)
    /// the first time with the parameters' types; nil for a prepared statement's own name, for what
    /// cannot be prepared (BEGIN, SET, LISTEN …), or past the limit.
    private func preparedName(for statement: Statement) throws(PostgresError) -> String? {
        guard case .sql(let sql) = statement.target else { return nil }
        if let name = prepared[sql] { return name }
        guard prepared.count < Self.preparedLimit, Self.isPreparable(sql) else { return nil }
        let name = "hz\(prepared.count)"
        let types = statement.parameters.types
        try awaitResult(types.withUnsafeBufferPointer { PQsendPrepare(handle, name, sql, Int32(types.count), $0.baseAddress) },
                        "cannot send PREPARE")
        prepared[sql] = name
        return name
    }

    /// Only plannable statements can be prepared (PostgreSQL's PREPARE: SELECT, INSERT, UPDATE,
    /// DELETE, MERGE, VALUES), with WITH in front of them.
    static func isPreparable(_ sql: String) -> Bool {
        let head = sql.drop { $0 == " " || $0 == "\n" }.prefix(7).uppercased()
        return ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES"].contains { head.hasPrefix($0) }
    }

    /// Moves bytes both ways: flushes what is queued and takes whatever results have arrived, so that
    /// neither side's socket buffer fills up while the other waits (the pipeline-mode deadlock).
    /// While sending, returns as soon as the output is flushed; with `untilSync`, waits in poll(2)
    /// until every outcome and the Sync have arrived.
    private func exchange(_ r: inout PipelineReader, untilSync: Bool) throws(PostgresError) {
        while true {
            let flush = PQflush(handle)
            guard flush >= 0 else { throw connectionError("cannot send to the server") }
            guard PQconsumeInput(handle) == 1 else { throw connectionError("cannot read from the server") }
            while r.hasPending, PQisBusy(handle) == 0 {
                guard let result = PQgetResult(handle) else {
                    if !r.awaitingSeparator { break }  // nothing more ready yet
                    r.awaitingSeparator = false
                    continue
                }
                if PQresultStatus(result) == PGRES_PIPELINE_SYNC {
                    PQclear(result)
                    r.syncSeen = true
                    break
                }
                let (index, handler) = (r.outcomes.count, r.rows)
                r.outcomes.append(Result { () throws(PostgresError) -> QueryResult in
                    try QueryResult.consume(result, rows: { handler(index, $0) })
                })
                r.awaitingSeparator = true
            }
            if r.syncSeen { return }
            if !untilSync && flush == 0 { return }
            try waitForSocket(write: flush == 1)
        }
    }

    /// Waits until the socket is readable (or writable), at most `silenceLimit`: a server that says
    /// nothing for that long, even to a statement at its timeout, is gone (a partition, a dead host).
    private func waitForSocket(write: Bool) throws(PostgresError) {
        var fd = pollfd(fd: PQsocket(handle), events: Int16(POLLIN) | (write ? Int16(POLLOUT) : 0), revents: 0)
        let clock = ContinuousClock()
        let deadline = clock.now + silenceLimit
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw PostgresError(.connection, "no answer from PostgreSQL within \(silenceLimit)")
            }
            let rc = poll(&fd, 1, min(1000, remaining.pollMilliseconds))
            if rc > 0 { return }
            if rc == 0 || errno == EINTR { continue }
            throw PostgresError(.connection, "poll failed: errno \(errno)")
        }
    }
}

/// A text parameter holding a NUL is refused before anything is sent, as PostgreSQL would refuse it.
private func check(_ statement: Statement) throws(PostgresError) {
    if statement.parameters.hasNUL {
        throw PostgresError(.statement, "a parameter contains a NUL character", sqlState: "22021")
    }
}
