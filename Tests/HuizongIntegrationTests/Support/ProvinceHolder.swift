import HuizongPostgres

/// Holds a province as a writer of another daemon would: its version claimed in a transaction left
/// open, so that every writer of the province, on any daemon, waits at its own claim until
/// `release()` commits (and then finds the province written meanwhile, reads it again, and goes on).
/// Tests use it to make submissions queue up behind a held writer.
final class ProvinceHolder {
    private let connection: Connection

    init(_ conninfo: String, province: String) throws {
        connection = try Connection(conninfo)
        try connection.execute("BEGIN")
        try connection.execute("""
            SELECT huizong_claim($1, coalesce((SELECT version FROM province_versions WHERE province = $1), 0), false, '{}')
            """, [province])
    }

    /// True once another session waits for the province (a writer is held at its claim).
    func isWaitedFor() throws -> Bool { try waiters() > 0 }

    /// How many sessions wait for the province now.
    func waiters() throws -> Int {
        Int(try connection.execute("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()").scalar ?? "0") ?? 0
    }

    func release() throws { try connection.execute("COMMIT") }
}

/// Waits until `condition` holds, polling, for at most `limit`; fails the test if it never does.
/// (Not a fixed sleep: on a loaded machine it waits longer, on an idle one it returns at once.)
func until(_ limit: Duration = .seconds(20), _ what: String = "the condition", _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw TestFailure("\(what) did not hold within \(limit)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}
