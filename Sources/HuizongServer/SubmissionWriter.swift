import HuizongCore
import HuizongPostgres
import HuizongStore
import Logging
import NIOCore
import NIOConcurrencyHelpers

/// What became of a submission.
public enum SubmitOutcome: Sendable {
    case accepted(revision: Int, warnings: [Issue])
    case duplicate(revision: Int)
    /// `dry_run`: everything was checked, nothing stored.
    case valid(revision: Int, warnings: [Issue])
    case rejected(ErrorCode, String, [Issue])
}

/// Group commit: submissions arriving while a batch is being written wait in a queue and are all
/// written by the next batch, as one transaction sent in one libpq pipeline. One writer per daemon
/// owns one connection on its own thread.
///
/// A batch goes: read what the batch needs to know (keys, revisions, versions) in one round trip;
/// decide every submission in arrival order, each seeing the ones before it; write the accepted ones
/// with `huizong_submit` in one pipeline; then answer everyone. An error in one statement rolls the
/// batch back, so the batch is split and each submission retried alone: only the guilty one fails.
public final class SubmissionWriter: Sendable {
    struct Item: Sendable {
        let office: String
        let submission: Submission
        let hash: [UInt8]
        let warnings: [Issue]
        let dryRun: Bool
        let promise: EventLoopPromise<SubmitOutcome>
        var attempts = 0
    }

    private struct Queue {
        var items: [Item] = []
        var running = false
        var stats = Stats()
    }

    public struct Stats: Sendable {
        /// Batches run (each one read round trip and at most one commit).
        public var batches = 0
        /// Submissions accepted and committed.
        public var accepted = 0
        public var largestBatch = 0
        /// Batches a statement error rolled back (then retried whole, or one by one).
        public var rolledBack = 0
    }

    public static let maxAttempts = 5
    let database: DatabaseThread
    let regions: RegionTree
    let validator: Validator
    private let maxBatch: Int
    let logger: Logger
    private let queue = NIOLockedValueBox(Queue())

    public init(database: DatabaseThread, regions: RegionTree, catalog: Catalog, maxBatch: Int = 1024, logger: Logger) {
        self.database = database
        self.regions = regions
        self.validator = Validator(catalog: catalog)
        self.maxBatch = maxBatch
        self.logger = logger
    }

    public var stats: Stats { queue.withLockedValue { $0.stats } }

    /// Queues a submission that passed every check not needing the database; the future completes
    /// after its batch has committed (or failed).
    public func submit(office: String, submission: Submission, warnings: [Issue], dryRun: Bool,
                       on eventLoop: EventLoop) -> EventLoopFuture<SubmitOutcome> {
        let promise = eventLoop.makePromise(of: SubmitOutcome.self)
        enqueue([Item(office: office, submission: submission, hash: submission.contentHash, warnings: warnings,
                      dryRun: dryRun, promise: promise)], atFront: false)
        return promise.futureResult
    }

    private func enqueue(_ items: [Item], atFront: Bool) {
        let start: Bool = queue.withLockedValue { q in
            q.items = atFront ? items + q.items : q.items + items
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

    private func failAll(_ items: [Item], _ error: PostgresError?) {
        let message = "database unavailable, nothing was stored; retry with the same key: \(error?.description ?? "no connection")"
        for item in items { item.promise.succeed(.rejected(.unavailable, message, [])) }
    }

    // MARK: One batch, on the database thread

    /// A decision made before writing: answer now, or write with an expected version.
    private enum Decision {
        case answer(SubmitOutcome)
        /// `previous`: each listed figure as stored before this submission (for the parents' sums).
        case write(expectedVersion: Int64, warnings: [Issue], previous: [FigureInput?])
        /// Depends on an earlier submission of this batch whose fate is not known yet.
        case later
    }

    private func process(_ batch: [Item], _ connection: Connection) {
        guard !batch.isEmpty else { return }
        do {
            let context = try SubmissionStore.context(connection, for: batch.map { ($0.office, $0.submission) },
                                                        catalog: validator.catalog, tree: regions)
            var state = BatchState(context)
            let decisions = batch.map { decide($0, &state) }
            let writes = batch.indices.filter { if case .write = decisions[$0], !batch[$0].dryRun { return true }; return false }
            var statuses: [Int: WriteStatus] = [:]
            var opened: [FigureKey: Dispute] = [:]
            if !writes.isEmpty {
                let committed = try commit(writes.map { i in
                    guard case .write(let version, _, let previous) = decisions[i] else { preconditionFailure() }
                    return (batch[i], version, previous)
                }, knownLocks: context.locks, connection)
                for (i, status) in zip(writes, committed.statuses) { statuses[i] = status }
                opened = Self.opened(committed.consolidated)
                let accepted = statuses.values.filter { $0 == .accepted }.count
                queue.withLockedValue { $0.stats.accepted += accepted }
            }
            // Dry runs after the commit, each in its own rolled-back transaction: one that fails is
            // that dry run's problem only (the batch is committed and must not be retried).
            var rehearsed: [Int: Result<SubmitOutcome?, Error>] = [:]
            for i in batch.indices where batch[i].dryRun {
                if case .write(let version, let warnings, let previous) = decisions[i] {
                    rehearsed[i] = Result { try rehearse(batch[i], version, previous, warnings: warnings, connection) }
                }
            }
            settle(batch, decisions, statuses, opened, rehearsed)
        } catch is LocksChanged {
            // A period was locked between our read and our write: decide the whole batch again.
            retry(batch, because: "periods kept being locked and unlocked under this submission")
        } catch let error as PostgresError where error.kind == .connection {
            logger.warning("batch of \(batch.count) failed, connection lost: \(error)")
            failAll(batch, error)
        } catch let error as PostgresError where Self.transientStates.contains(error.sqlState ?? "") && batch.count > 1 {
            // A deadlock or serialization failure is no one submission's fault: the whole batch goes again.
            queue.withLockedValue { $0.stats.rolledBack += 1 }
            logger.warning("batch of \(batch.count) rolled back (\(error)); retrying it whole")
            retry(batch, because: "the database kept refusing the batch this submission was in")
        } catch {
            queue.withLockedValue { $0.stats.rolledBack += 1 }
            logger.error("batch of \(batch.count) failed: \(error)")
            splitAfterFailure(batch, error, connection)
        }
    }

    /// Writes submissions and reconsolidates every parent they affect, in one transaction.
    private func commit(_ items: [(Item, Int64, [FigureInput?])], knownLocks: Set<RegionPeriod>, _ connection: Connection) throws
        -> (statuses: [WriteStatus], consolidated: [ConsolidationResult]) {
        let keys = Set(items.flatMap { affected($0.0.submission) })
        let submits = items.map { item, version, _ in
            SubmissionStore.statement(office: item.office, submission: item.submission, hash: item.hash, expectedVersion: version)
        }
        var statuses: [WriteStatus] = []
        let submitted = items.map(\.0.submission)
        let (_, consolidated) = try consolidating(
            submits, keys: keys, connection,
            alsoLock: submitted.map { ConsolidationStore.Parent(region: $0.region, period: $0.period) },
            years: submitted.map { RegionYear(region: $0.region, year: $0.period.year) },
            lockCheck: (SubmissionStore.lockScopes(submitted, tree: regions), knownLocks)
        ) { results in
            statuses = try results.map(SubmissionStore.status)
            return zip(items, statuses).flatMap { entry, status in
                status == .accepted ? self.childChanges(entry.0.submission, previous: entry.2) : []
            }
        }
        return (statuses, consolidated)
    }

    /// What a county's submission changes in its parent's sums: each listed figure, old and new.
    /// (A parent's own figure is read as such; it is not a child's change.)
    func childChanges(_ s: Submission, previous: [FigureInput?]) -> [ChildChange] {
        guard regions.children[s.region]?.isEmpty ?? true else { return [] }
        return zip(s.figures, previous).compactMap { figure, old in
            guard let kind = validator.catalog[figure.indicator]?.kind else { return nil }
            return ChildChange(key: FigureKey(region: s.region, period: s.period, indicator: figure.indicator),
                               old: old.flatMap { Consolidated(region: s.region, figure: $0, kind: kind) },
                               new: Consolidated(region: s.region, figure: figure, kind: kind))
        }
    }

    /// Runs `writes` and reconsolidates the parents in `keys` as one transaction in two round trips:
    /// BEGIN, the parents' locks, the writes, the parents' inputs; then the recomputed aggregates, the
    /// conflict changes and COMMIT. The locks come first and in one global order, before any row
    /// lock, so that two transactions (of one daemon or two) cannot deadlock; holding them makes
    /// the read see every child another daemon committed. Throws the first statement error, after
    /// rolling back.
    ///
    /// `alsoLock`: more (region, period) pairs to lock (the submitting regions themselves, or a region
    /// being locked); `years`: the (region, year) pairs whose figures the writes change. `lockCheck`: period locks that may refuse the writes, and those the decisions
    /// already knew of; if more are found under the locks, everything is rolled back (`LocksChanged`)
    /// and decided again.
    func consolidating(_ writes: [Statement], keys: Set<FigureKey>, _ connection: Connection, commit: Bool = true,
                       alsoLock: [ConsolidationStore.Parent] = [], years: [RegionYear] = [],
                       lockCheck: (scopes: [RegionPeriod], known: Set<RegionPeriod>)? = nil,
                       changes: ([QueryResult]) throws -> [ChildChange] = { _ in [] }) throws
        -> (results: [QueryResult], consolidated: [ConsolidationResult]) {
        guard connection.isIdle else {
            connection.abandonTransaction()
            throw PostgresError(.connection, "the writer's connection was inside a transaction before BEGIN")
        }
        do {
            return try consolidatingInTransaction(writes, keys: keys, connection, commit: commit, alsoLock: alsoLock,
                                                  years: years, lockCheck: lockCheck, changes: changes)
        } catch {
            connection.abandonTransaction()  // whatever failed, and however: never leave it open
            throw error
        }
    }

    private func consolidatingInTransaction(_ writes: [Statement], keys: Set<FigureKey>, _ connection: Connection, commit: Bool,
                                            alsoLock: [ConsolidationStore.Parent], years: [RegionYear],
                                            lockCheck: (scopes: [RegionPeriod], known: Set<RegionPeriod>)?,
                                            changes: ([QueryResult]) throws -> [ChildChange]) throws
        -> (results: [QueryResult], consolidated: [ConsolidationResult]) {
        let parents = ConsolidationStore.parents(of: keys)
        let check = lockCheck.map { [SubmissionStore.locksStatement($0.scopes)] } ?? []
        let reads = parents.isEmpty ? [] : ConsolidationStore.read(parents)
        let first = try connection.pipeline([Statement("BEGIN"), ConsolidationStore.lock(parents + alsoLock, years: years)] + check + writes + reads)
        try Self.rollbackOnError(first, connection)
        if let lockCheck, !SubmissionStore.locks(try first[2].get()).isSubset(of: lockCheck.known) {
            _ = try connection.execute("ROLLBACK")
            throw LocksChanged()
        }
        let results = try first.dropFirst(2 + check.count).prefix(writes.count).map { try $0.get() }
        var consolidated: [ConsolidationResult] = []
        let childChanges = try changes(results)
        if !parents.isEmpty {
            var inputs = try ConsolidationStore.inputs(try first.suffix(reads.count).map { try $0.get() }, catalog: validator.catalog)
            inputs.changes = childChanges
            consolidated = Reconciler.consolidate(keys, tree: regions, catalog: validator.catalog, inputs: inputs)
        }
        // The change log: the counties' own figures, then every parent recomputed (deepest first).
        var logged: [FigureKey] = []
        var seen: Set<FigureKey> = []
        for key in childChanges.map(\.key) + consolidated.map(\.key) where seen.insert(key).inserted { logged.append(key) }
        let second = try connection.pipeline(commit ? ConsolidationStore.writes(consolidated) + ConsolidationStore.log(logged) + [Statement("COMMIT")]
                                                    : [Statement("ROLLBACK")])
        try Self.rollbackOnError(second, connection)
        return (results, consolidated)
    }

    /// Runs `body` on this writer's connection, between batches: its result, or why it failed.
    func job<T: Sendable>(on eventLoop: EventLoop, _ body: @escaping (Connection) throws -> T) -> EventLoopFuture<Result<T, Error>> {
        let promise = eventLoop.makePromise(of: Result<T, Error>.self)
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

    /// The parents a submission's figures make to recompute.
    func affected(_ s: Submission) -> [FigureKey] {
        Reconciler.affected(region: s.region, period: s.period, indicators: s.figures.map(\.indicator), tree: regions)
    }

    /// The conflicts a consolidation opened, by the parent figure they concern.
    static func opened(_ results: [ConsolidationResult]) -> [FigureKey: Dispute] {
        var opened: [FigureKey: Dispute] = [:]
        for result in results {
            for case .open(let d) in result.changes { opened[result.key] = d }
        }
        return opened
    }

    /// `dry_run`: writes the submission and reconsolidates its parents exactly as for real, then
    /// rolls back. Answers what the write answered (a resend racing its original is `duplicate`
    /// here too), with the conflicts it would open as warnings; nil when it should be decided again.
    private func rehearse(_ item: Item, _ version: Int64, _ previous: [FigureInput?], warnings: [Issue],
                          _ connection: Connection) throws -> SubmitOutcome? {
        let s = item.submission
        let keys = Set(affected(s))
        let statement = SubmissionStore.statement(office: item.office, submission: s, hash: item.hash, expectedVersion: version)
        var status = WriteStatus.accepted
        let (_, consolidated) = try consolidating([statement], keys: keys, connection, commit: false,
                                                  alsoLock: [ConsolidationStore.Parent(region: s.region, period: s.period)],
                                                  years: [RegionYear(region: s.region, year: s.period.year)]) { results in
            status = try SubmissionStore.status(results[0])
            return status == .accepted ? self.childChanges(s, previous: previous) : []
        }
        switch status {
        case .accepted: return .valid(revision: s.revision, warnings: warnings + conflictWarnings(s, Self.opened(consolidated)))
        case .duplicate: return .duplicate(revision: s.revision)
        case .keyReused: return Self.keyReused(s)
        case .staleRevision: return Self.stale(s, last: nil)
        case .retry: return nil
        }
    }

    /// An error inside an explicit transaction leaves it aborted: roll back, then report the error.
    static func rollbackOnError(_ outcomes: [Result<QueryResult, PostgresError>], _ connection: Connection) throws {
        for case .failure(let e) in outcomes where e.kind == .statement {
            _ = try connection.execute("ROLLBACK")
            throw e
        }
    }

    /// The whole transaction rolled back. Alone, the submission is the guilty one; in a batch, each
    /// is retried alone so that only the guilty one fails.
    private func splitAfterFailure(_ batch: [Item], _ error: Error, _ connection: Connection) {
        guard batch.count == 1 else {
            logger.info("batch of \(batch.count) rolled back (\(error)); retrying one by one")
            for item in batch { process([item], connection) }
            return
        }
        let item = batch[0]
        let transient = (error as? PostgresError).map { Self.transientStates.union(["23505"]).contains($0.sqlState ?? "") } ?? false
        if transient && item.attempts < Self.maxAttempts {
            var again = item
            again.attempts += 1
            enqueue([again], atFront: true)
        } else {
            logger.error("submission \(item.submission.key) of \(item.office) failed: \(error)")
            item.promise.succeed(.rejected(.internalError, "the database refused this submission; nothing was stored: \(error)", []))
        }
    }

    /// Answers every submission of a committed batch; those whose premise did not hold go round again.
    private func settle(_ batch: [Item], _ decisions: [Decision], _ statuses: [Int: WriteStatus],
                        _ opened: [FigureKey: Dispute], _ rehearsed: [Int: Result<SubmitOutcome?, Error>]) {
        var broken: Set<RegionYear> = []
        var again: [Item] = []
        for (i, item) in batch.enumerated() {
            let s = item.submission
            let year = RegionYear(region: s.region, year: s.period.year)
            switch decisions[i] {
            case .later:
                again.append(item)
                continue
            case .answer(let outcome):
                // A verdict drawn from an earlier submission of this batch that did not stick is void.
                if broken.contains(year) { again.append(item) } else { item.promise.succeed(outcome) }
            case .write(_, let warnings, _):
                if item.dryRun {
                    if broken.contains(year) { again.append(item) } else {
                        switch rehearsed[i] {
                        case .failure(let error)?:
                            item.promise.succeed(.rejected(.unavailable, "the dry run could not be rehearsed; try again: \(error)", []))
                        case .success(let outcome?)?: item.promise.succeed(outcome)
                        case .success(nil)?: again.append(item)
                        case nil: item.promise.succeed(.valid(revision: s.revision, warnings: warnings))
                        }
                    }
                    continue
                }
                switch statuses[i] {
                case .accepted?:
                    let conflicts = conflictWarnings(s, opened)
                    item.promise.succeed(.accepted(revision: s.revision, warnings: warnings + conflicts))
                case .duplicate?: broken.insert(year); item.promise.succeed(.duplicate(revision: s.revision))
                case .keyReused?: broken.insert(year); item.promise.succeed(Self.keyReused(s))
                case .staleRevision?: broken.insert(year); item.promise.succeed(Self.stale(s, last: nil))
                case .retry?, nil: broken.insert(year); again.append(item)
                }
            }
        }
        retry(again, because: "the region's figures kept changing under this submission")
    }

    /// SQLSTATEs that say "try again": serialization failure, deadlock.
    static let transientStates: Set<String> = ["40001", "40P01"]

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

    /// What the batch knows: the database's answers plus the effect of earlier submissions of the batch.
    private struct BatchState {
        var context: BatchContext
        var keysInBatch: Set<OfficeKey> = []
        init(_ c: BatchContext) { context = c }
    }

    private func decide(_ item: Item, _ state: inout BatchState) -> Decision {
        let s = item.submission
        let key = OfficeKey(office: item.office, key: s.key)
        if state.keysInBatch.contains(key) { return .later }  // resent before the first copy committed
        if let stored = state.context.keys[key] {
            return .answer(stored == item.hash ? .duplicate(revision: s.revision) : Self.keyReused(s))
        }
        // A locked period refuses before anything else is said about the submission (a stale
        // revision would invite a resend that cannot succeed either).
        if let lock = ([s.region] + regions.ancestors(of: s.region)).first(where: {
            state.context.locks.contains(RegionPeriod(region: $0, period: s.period))
        }) {
            let name = regions[lock]?.name ?? lock
            return .answer(.rejected(.periodLocked, "\(name) \(s.period) 已锁定（\(lock) locked the period）; nothing was stored",
                                     [Issue(path: "period", code: ErrorCode.periodLocked.rawValue, message: "\(lock) \(s.period) is locked")]))
        }
        let period = RegionPeriod(region: s.region, period: s.period)
        if let last = state.context.revisions[period], last >= s.revision {
            return .answer(Self.stale(s, last: last))
        }
        let verdict = validator.validate(s, against: state.context.stored)
        if !verdict.isAccepted {
            return .answer(.rejected(.validationFailed, verdict.summary, verdict.errors))
        }
        let year = RegionYear(region: s.region, year: s.period.year)
        let version = state.context.versions[year] ?? 0
        let previous = s.figures.map { state.context.stored[s.region, s.period, $0.indicator] }
        if !item.dryRun {
            state.keysInBatch.insert(key)
            state.context.revisions[period] = s.revision
            state.context.versions[year] = version + 1
            state.context.stored.apply(s)
        }
        return .write(expectedVersion: version, warnings: item.warnings + verdict.warnings, previous: previous)
    }

    /// Tells the submitter when its figures opened a conflict between a parent and its children.
    private func conflictWarnings(_ s: Submission, _ opened: [FigureKey: Dispute]) -> [Issue] {
        guard !opened.isEmpty else { return [] }
        var issues: [Issue] = []
        for (i, f) in s.figures.enumerated() {
            for key in Reconciler.affected(region: s.region, period: s.period, indicators: [f.indicator], tree: regions) {
                guard let d = opened[key] else { continue }
                let name = regions[key.region]?.name ?? key.region
                let indicator = validator.catalog[f.indicator]?.name ?? f.indicator
                let what = d.kind == .level ? "本级数 \(d.own) 与下级合计 \(d.sum)" : "本级增速 \(d.own)% 与下级汇总增速 \(d.sum)%"
                issues.append(Issue(path: "figures[\(i)]", code: "conflict_opened",
                                    message: "\(name)\(indicator)：\(what) 不符（超出舍入误差），已登记待核"))
            }
        }
        return issues
    }

    struct LocksChanged: Error {}

    static func keyReused(_ s: Submission) -> SubmitOutcome {
        .rejected(.keyReused, "key \"\(s.key)\" was already used for a submission with different content; use a new key",
                  [Issue(path: "key", code: ErrorCode.keyReused.rawValue, message: "already used with different content")])
    }

    static func stale(_ s: Submission, last: Int?) -> SubmitOutcome {
        let detail = last.map { "revision \($0) is already accepted" } ?? "a later revision is already accepted"
        return .rejected(.staleRevision, "\(s.region) \(s.period): \(detail); a revision must exceed the last accepted one",
                         [Issue(path: "revision", code: ErrorCode.staleRevision.rawValue, message: detail)])
    }
}
