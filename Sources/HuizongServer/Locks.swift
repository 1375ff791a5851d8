import HuizongCore
import HuizongPostgres
import HuizongStore
import NIOCore

extension SubmissionWriter {
    /// Locks or unlocks a region's period, under the advisory lock every writing transaction for
    /// that region or below takes: a submission commits either before the lock or not at all.
    /// Returns whether anything changed (locking a locked period changes nothing).
    func setLock(region: String, period: Period, locked: Bool, office: String, on eventLoop: EventLoop) -> EventLoopFuture<Result<Bool, PostgresError>> {
        let promise = eventLoop.makePromise(of: Result<Bool, PostgresError>.self)
        database.enqueue { connection, error in
            guard let connection else {
                promise.succeed(.failure(error ?? PostgresError(.connection, "no connection")))
                return
            }
            let statement = locked ? Statement("""
                WITH ins AS (INSERT INTO period_locks (region, period, locked_by) VALUES ($1, $2::date, $3)
                             ON CONFLICT DO NOTHING RETURNING 1)
                INSERT INTO lock_history (region, period, action, office) SELECT $1, $2::date, 'lock', $3 FROM ins
                """, [region, period.firstDay, office]) : Statement("""
                WITH del AS (DELETE FROM period_locks WHERE region = $1 AND period = $2::date RETURNING 1)
                INSERT INTO lock_history (region, period, action, office) SELECT $1, $2::date, 'unlock', $3 FROM del
                """, [region, period.firstDay, office])
            do {
                let (results, _) = try self.consolidating([statement], keys: [], connection,
                                                          alsoLock: [ConsolidationStore.Parent(region: region, period: period)])
                promise.succeed(.success(results.first?.affected == 1))
            } catch let e as PostgresError {
                promise.succeed(.failure(e))
            } catch {
                promise.succeed(.failure(PostgresError(.statement, "\(error)")))
            }
        }
        return promise.futureResult
    }
}
