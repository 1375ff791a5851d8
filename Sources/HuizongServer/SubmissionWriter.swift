import Foundation
import HuizongCore
import HuizongPostgres
import HuizongStore
import DequeModule
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Group commit: submissions arriving while a batch is being written wait in a queue and are all
/// written by the next batch, as one transaction in two round trips. One writer owns one connection
/// on its own thread.
///
/// A batch goes: BEGIN, take its locks and read everything its decisions depend on (`BatchStore.read`);
/// decide every submission in arrival order and consolidate the parents, in Swift (`BatchPlan`);
/// write each table once and COMMIT (`BatchStore.write`); then answer everyone. A statement error
/// rolls the batch back: a deadlock or a race on a key retries it whole, anything else splits it and
/// retries each submission alone, so only the guilty one fails.
public final class SubmissionWriter: Sendable {
    struct Item: Sendable {
        let batch: BatchItem
        let promise: EventLoopPromise<SubmitOutcome>
        var attempts = 0
    }

    private struct Queue {
        var items: Deque<Item> = []
        var running = false
        var stats = Stats()
    }

    public struct Stats: Sendable {
        /// Batches run (each one transaction).
        public var batches = 0
        /// Submissions accepted and committed.
        public var accepted = 0
        public var largestBatch = 0
        /// Batches a statement error rolled back (then retried whole, or one by one).
        public var rolledBack = 0
        /// When the last batch that accepted something committed.
        public var lastCommit: Date?
    }

    public static let maxAttempts = 5
    /// SQLSTATEs that say "try again": serialization failure, deadlock, and a unique key another
    /// daemon inserted meanwhile (the same office's key for another region).
    static let transientStates: Set<String> = ["40001", "40P01", "23505"]

    let database: DatabaseThread
    let reference: Reference
    private let maxBatch: Int
    let logger: Logger
    private let queue = NIOLockedValueBox(Queue())

    public init(database: DatabaseThread, reference: Reference, maxBatch: Int = 1024, logger: Logger) {
        self.database = database
        self.reference = reference
        self.maxBatch = maxBatch
        self.logger = logger
    }

    public var stats: Stats { queue.withLockedValue { $0.stats } }

    /// Submissions waiting for a batch (not the one being written).
    public var queued: Int { queue.withLockedValue { $0.items.count } }

    /// Queues a submission that passed every check not needing the database; the future completes
    /// after its batch has committed (or failed).
    public func submit(office: String, submission: Submission, warnings: [Issue], dryRun: Bool,
                       on eventLoop: any EventLoop) -> EventLoopFuture<SubmitOutcome> {
        let promise = eventLoop.makePromise(of: SubmitOutcome.self)
        let item = BatchItem(office: office, submission: submission, hash: submission.contentHash, warnings: warnings, dryRun: dryRun)
        enqueue([Item(batch: item, promise: promise)], atFront: false)
        return promise.futureResult
    }

    private func enqueue(_ items: [Item], atFront: Bool) {
        let start: Bool = queue.withLockedValue { q in
            if atFront { q.items.prepend(contentsOf: items) } else { q.items.append(contentsOf: items) }
            if q.running { return false }
            q.running = true
            return true
        }
        if start { scheduleBatch() }
    }

    private func scheduleBatch() {
        database.enqueue { connection, error in
            let batch: [Item] = self.queue.withLockedValue { q in
                let n = min(q.items.count, self.maxBatch)
                defer { q.items.removeFirst(n) }
                return Array(q.items.prefix(n))
            }
            if let connection {
                self.process(batch, connection)
            } else {
                self.failAll(batch, error)
            }
            let more: Bool = self.queue.withLockedValue { q in
                q.stats.batches += 1
                q.stats.largestBatch = max(q.stats.largestBatch, batch.count)
                if q.items.isEmpty { q.running = false; return false }
                return true
            }
            if more { self.scheduleBatch() }
        }
    }

    private func failAll(_ items: [Item], _ error: (any Error)?) {
        let message = "database unavailable, nothing was stored; retry with the same key: \(error.map { "\($0)" } ?? "no connection")"
        for item in items { item.promise.succeed(.rejected(.unavailable, message, [])) }
    }

    // MARK: One batch, on the database thread

    private func process(_ batch: [Item], _ connection: Connection) {
        guard !batch.isEmpty else { return }
        do {
            let snapshot = reference.current
            let (tree, catalog) = (snapshot.tree, snapshot.catalog)
            let started = DispatchTime.now().uptimeNanoseconds
            let context = try BatchStore.read(connection, batch.map(\.batch), tree: tree, catalog: catalog)
            let plan = BatchPlan.decide(batch.map(\.batch), context: context, tree: tree, catalog: catalog)
            try BatchStore.write(connection, plan.writes)
            ServerMetrics.commitLatency.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds &- started))
            ServerMetrics.batchSize.record(batch.count)
            ServerMetrics.figuresStored.increment(by: plan.writes.figures.count)
            let committed = plan.writes.submissions.count
            queue.withLockedValue { q in
                q.stats.accepted += committed
                if committed > 0 { q.stats.lastCommit = Date() }
            }
            var later: [Item] = []
            for (item, outcome) in zip(batch, plan.outcomes) {
                if let outcome { item.promise.succeed(outcome) } else { later.append(item) }
            }
            if !later.isEmpty { retry(later, because: "an earlier copy of this submission kept failing") }
        } catch let error as PostgresError where error.kind == .connection {
            connection.abandonTransaction()
            logger.warning("batch failed: connection lost", metadata: ["batch.size": "\(batch.count)", "error": "\(error)"])
            failAll(batch, error)
        } catch let error as PostgresError where Self.transientStates.contains(error.sqlState ?? "") {
            // No one submission's fault: the whole batch goes again.
            connection.abandonTransaction()
            queue.withLockedValue { $0.stats.rolledBack += 1 }
            ServerMetrics.rolledBack.increment()
            logger.warning("batch rolled back; retrying it whole", metadata: ["batch.size": "\(batch.count)", "error": "\(error)"])
            retry(batch, because: "the database kept refusing the batch this submission was in")
        } catch {
            connection.abandonTransaction()
            queue.withLockedValue { $0.stats.rolledBack += 1 }
            ServerMetrics.rolledBack.increment()
            splitAfterFailure(batch, error, connection)
        }
    }

    /// The whole transaction rolled back. Alone, the submission is the guilty one; in a batch, each
    /// is retried alone so that only the guilty one fails.
    private func splitAfterFailure(_ batch: [Item], _ error: any Error, _ connection: Connection) {
        guard batch.count == 1 else {
            logger.error("batch failed; retrying one by one", metadata: ["batch.size": "\(batch.count)", "error": "\(error)"])
            for item in batch { process([item], connection) }
            return
        }
        let item = batch[0]
        logger.error("submission failed", metadata: ["office": "\(item.batch.office)", "key": "\(item.batch.submission.key)",
                                                     "error": "\(error)"])
        item.promise.succeed(.rejected(.internalError, "the database refused this submission; nothing was stored: \(error)", []))
    }

    /// Queues `items` again at the front, each at most `maxAttempts` times; past that the client
    /// is told `unavailable` (retryable: nothing of it was stored) and why.
    private func retry(_ items: [Item], because reason: String) {
        var again: [Item] = []
        for var item in items {
            item.attempts += 1
            if item.attempts > Self.maxAttempts {
                item.promise.succeed(.rejected(.unavailable, "\(reason); nothing was stored, retry with the same key", []))
            } else {
                again.append(item)
            }
        }
        if !again.isEmpty { enqueue(again, atFront: true) }
    }

    /// Runs `body` on this writer's connection, between batches: its result, or why it failed. A
    /// transaction `body` leaves open after a failure is rolled back.
    func job<T: Sendable>(on eventLoop: any EventLoop, _ body: @escaping (Connection) throws -> T) -> EventLoopFuture<Result<T, any Error>> {
        let promise = eventLoop.makePromise(of: Result<T, any Error>.self)
        database.enqueue { connection, error in
            guard let connection else {
                promise.succeed(.failure(error ?? PostgresError(.connection, "no connection")))
                return
            }
            let result = Result { try body(connection) }
            if case .failure = result { connection.abandonTransaction() }
            promise.succeed(result)
        }
        return promise.futureResult
    }
}
