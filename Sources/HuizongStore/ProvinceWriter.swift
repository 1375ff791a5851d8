import Dispatch
import Foundation
import HuizongCore
import HuizongPostgres
import Logging

/// What a writer tells the rest of the daemon, without knowing who listens.
public struct WriterHooks: Sendable {
    /// The answers of a batch's submissions, all at once (a connection writes its acks together).
    public var deliver: @Sendable ([(ticket: any Sendable, outcome: SubmitOutcome)]) -> Void
    /// What a transaction logged, right after its commit, with the events composed for `watched`.
    public var publish: @Sendable (CommittedChanges) -> Void
    /// The regions someone on this daemon subscribes to; nil when nobody does (nothing is composed).
    public var watched: @Sendable () -> Set<String>?

    public init(deliver: @escaping @Sendable ([(ticket: any Sendable, outcome: SubmitOutcome)]) -> Void,
                publish: @escaping @Sendable (CommittedChanges) -> Void = { _ in },
                watched: @escaping @Sendable () -> Set<String>? = { nil }) {
        self.deliver = deliver
        self.publish = publish
        self.watched = watched
    }
}

/// The log entries of one committed transaction, in seq order, and the events of those a
/// subscriber here watches, composed from the writer's state.
public struct CommittedChanges: Sendable {
    public let changes: [(seq: Int64, key: FigureKey)]
    public let events: [AggregateEvent]
    /// The regions the events were composed for; nil: none were (nobody was subscribed).
    public let covered: Set<String>?
}

/// One group-commit writer (issue 16). It owns one database connection and the state of every
/// province routed to it, on its own thread (`ThreadExecutor`): the compiler keeps both here.
/// Submissions queue in its inbox while a batch is written; the next batch takes them all, decides
/// them against the state without reading, writes each table once and commits in one round trip
/// (a transaction that claims each province's version), then answers everyone and publishes what
/// changed. Parents are consolidated in memory with each batch; their rows are written with the
/// batch when nothing else is waiting, and at least every `flushWindow` under load.
public actor ProvinceWriter {
    private nonisolated let executor: ThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    nonisolated let inbox = WriterInbox()

    private var slot: ConnectionSlot
    private var states: [String: ProvinceState] = [:]
    private var ids: ArraySlice<Int64> = []
    private var referenceVersion: Int64
    private let reference: Reference
    private let maxBatch: Int
    private let flushWindow: Duration
    private let hooks: WriterHooks
    private let registry: WriterRegistry
    /// This daemon, as the notifications of its commits name it.
    private let origin: String
    /// Which of the pool's writers this is: the provinces it owns.
    private nonisolated let lane: (index: Int, count: Int)
    private let logger: Logger

    public static let maxAttempts = 5

    init(lane: (index: Int, count: Int), conninfo: String, settings: ConnectionSettings, reference: Reference, maxBatch: Int,
         flushWindow: Duration, hooks: WriterHooks, registry: WriterRegistry, reconnects: Reconnects, origin: String, logger: Logger) {
        executor = ThreadExecutor(name: "huizong-writer-\(lane.index)")
        self.lane = lane
        self.origin = origin
        var writing = settings
        writing.genericPlans = true  // every statement here is written for a generic plan
        slot = ConnectionSlot(conninfo: conninfo, settings: writing, logger: logger, reconnects: reconnects)
        self.reference = reference
        referenceVersion = reference.current.version
        self.maxBatch = maxBatch
        self.flushWindow = flushWindow
        self.hooks = hooks
        self.registry = registry
        self.logger = logger
    }

    nonisolated func isResponsive(within limit: Duration) -> Bool { executor.isResponsive(within: limit) }

    /// Takes jobs until the inbox is closed and drained, then writes what is left behind. A batch is
    /// decided while the one before it is in PostgreSQL (`inFlight`): the writer's CPU and the
    /// database's work overlap, and one transaction at a time is in flight.
    func run() async {
        while true {
            let jobs: [WriterJob]
            if inFlight != nil {
                jobs = inbox.take(maxSubmissions: maxBatch)
                if jobs.isEmpty { land(); continue }
            } else {
                // Nothing more to batch with: what is left behind is written now, not with the next batch.
                if inbox.hasNoSubmissions, states.values.contains(where: \.isDirty) { try? settle(Set(states.keys)) }
                slot.ensureIdle()
                guard let next = await inbox.next(maxSubmissions: maxBatch) else { break }
                jobs = next
            }
            if reference.current.version != referenceVersion { land(); followReference() }
            var group: [PendingSubmission] = []
            for job in jobs {
                if case .submit(let s) = job {
                    if s.alone {  // its batch failed: each of them in a transaction of its own
                        if !group.isEmpty { write(group); group = [] }
                        land()
                        write([s])
                        land()
                    } else {
                        group.append(s)
                    }
                    continue
                }
                if !group.isEmpty { write(group); group = [] }
                land()
                handle(job)
            }
            if !group.isEmpty { write(group) }
        }
        land()
        try? settle(Set(states.keys))
        states = [:]
        slot.drop()
    }

    nonisolated func shutdown() async { await executor.shutdown() }

    // MARK: A batch of submissions

    /// A transaction sent and not yet read back, with what to do when it has committed.
    private struct InFlight {
        /// nil: nothing to send (a batch of refusals and dry runs on provinces checked elsewhere).
        let pipeline: Connection.PendingPipeline?
        let commit: Prepared
        let batch: [PendingSubmission]
        let outcomes: [SubmitOutcome?]
        let figures: Int
        let started: UInt64
    }

    private var inFlight: InFlight?
    /// What the rows of the transaction in flight returned: the log's base seq, ids of conflicts opened.
    private var returned = Returned()

    private final class Returned {
        var base: Int64 = 0
        var ids: [Int: Int64] = [:]
        var failure: (any Error)?
    }

    /// Decides a batch on the states (each submission seeing the ones before it, those in flight
    /// included), then sends its transaction once the one in flight has committed.
    private func write(_ batch: [PendingSubmission]) {
        let started = DispatchTime.now().uptimeNanoseconds
        let now = Self.now()
        let byProvince = Dictionary(grouping: batch.indices) { province(of: batch[$0].item.submission.region) }
        var outcomes: [SubmitOutcome?] = Array(repeating: nil, count: batch.count)
        var figures = 0
        let prepared: Prepared
        do {
            let wanted = batch.filter { !$0.item.dryRun }.count
            let needsLoad = byProvince.contains { p, indices in
                !Set(indices.flatMap { ProvinceState.years(for: batch[$0].item.submission.period) }).isSubset(of: states[p]?.years ?? [])
            }
            if needsLoad || ids.count < wanted {
                land()  // the connection is needed now
                let connection = try slot.get()
                for (province, indices) in byProvince {
                    try ensureLoaded(province, years: Set(indices.flatMap { ProvinceState.years(for: batch[$0].item.submission.period) }), connection)
                }
                if ids.count < wanted { ids += try ProvinceStore.reserveSubmissionIDs(connection, max(wanted - ids.count, 256)) }
            }
            var writes: [String: SubmissionWrites] = [:]
            for (province, indices) in byProvince.sorted(by: { $0.key < $1.key }) {
                let decisions = states[province]!.decide(indices.map { batch[$0].item }, ids: &ids, at: now)
                for (i, outcome) in zip(indices, decisions.outcomes) { outcomes[i] = outcome }
                figures += decisions.writes.figures.count
                writes[province] = decisions.writes
            }
            // What writes nothing was decided on the state all the same: checked to be current.
            prepared = prepare(writes: writes, checked: Set(byProvince.keys), at: now)
        } catch {
            land()
            fail(batch, error)
            return
        }
        // The transaction before this one must have committed for these decisions to stand.
        guard land() else {
            dropAll()
            inbox.requeue(batch.map { .submit($0) })
            return
        }
        guard !prepared.statements.isEmpty else {
            finished(InFlight(pipeline: nil, commit: prepared, batch: batch, outcomes: outcomes, figures: figures, started: started),
                     Returned())
            return
        }
        do {
            let connection = try slot.get()
            returned = Returned()
            let box = returned
            let logAt = prepared.logAt
            let pipeline = try connection.send(pipeline: prepared.statements) { i, row in
                do {
                    if i == logAt { box.base = try row.int64(0) ?? 0 } else if let id = try row.int64(0) { box.ids[i] = id }
                } catch { box.failure = error }
            }
            inFlight = InFlight(pipeline: pipeline, commit: prepared, batch: batch, outcomes: outcomes, figures: figures, started: started)
        } catch {
            fail(batch, CommitFailure.connectionLost(error as? PostgresError ?? PostgresError(.connection, "\(error)")))
        }
    }

    /// Reads the transaction in flight to its end and answers its batch; false if it failed (its
    /// batch is then answered or queued again, and every state is dropped).
    @discardableResult
    private func land() -> Bool {
        guard let flight = inFlight else { return true }
        inFlight = nil
        do {
            let connection = try slot.get()
            let outcomes = try connection.finish(flight.pipeline!)
            for case .failure(let e) in outcomes where e.kind != .aborted { throw e }
            if let failure = returned.failure { throw failure }
        } catch let e as PostgresError where e.kind == .connection {
            fail(flight.batch, CommitFailure.connectionLost(e))
            return false
        } catch {
            fail(flight.batch, error)
            return false
        }
        finished(flight, returned)
        return true
    }

    /// A batch's transaction committed: versions, conflict ids, events, answers.
    private func finished(_ flight: InFlight, _ returned: Returned) {
        committed(flight.commit, base: returned.base, ids: returned.ids)
        var answers: [(ticket: any Sendable, outcome: SubmitOutcome)] = []
        var later: [WriterJob] = []
        var accepted = 0
        for (s, outcome) in zip(flight.batch, flight.outcomes) {
            guard let outcome else { later.append(.submit(s)); continue }  // no id was left for it
            if case .accepted = outcome { accepted += 1 }
            answers.append((s.ticket, outcome))
        }
        registry.record(batch: flight.batch.count, accepted: accepted, figures: flight.figures,
                        nanoseconds: Int64(DispatchTime.now().uptimeNanoseconds &- flight.started))
        hooks.deliver(answers)
        inbox.requeue(later)
    }

    /// A batch that did not commit. Its decisions were applied to the states: every state is
    /// dropped and read again when next needed. It goes again — whole when no one submission is to
    /// blame (another daemon wrote meanwhile, a deadlock), one by one when one may be.
    private func fail(_ batch: [PendingSubmission], _ error: any Error) {
        dropAll()
        if case CommitFailure.connectionLost(let lost) = error {
            slot.drop()
            logger.warning("batch: connection lost while committing", metadata: ["batch.size": "\(batch.count)", "error": "\(lost)"])
            hooks.deliver(batch.map { ($0.ticket, Self.unavailable(.outcomeUnknown("\(lost)"))) })
            return
        }
        if let pg = error as? PostgresError, pg.kind == .connection {
            slot.drop()
            hooks.deliver(batch.map { ($0.ticket, Self.unavailable(.unavailable("\(pg)"))) })
            return
        }
        slot.rollback()
        if (error as? PostgresError)?.sqlState == ProvinceStore.staleState { registry.recordStale() } else { registry.recordRollback() }
        let transient = Self.isTransient(error)
        var again: [WriterJob] = []
        var answers: [(ticket: any Sendable, outcome: SubmitOutcome)] = []
        for var s in batch {
            s.attempts += 1
            if transient, s.attempts > Self.maxAttempts {
                answers.append((s.ticket, .rejected(.unavailable, "the database kept refusing the batch this submission was in; nothing was stored, retry with the same key", [])))
            } else if !transient, batch.count == 1 {
                logger.error("submission failed", metadata: ["office": "\(s.item.office)", "key": "\(s.item.submission.key)", "error": "\(error)"])
                answers.append((s.ticket, .rejected(.internalError, "the database refused this submission; nothing was stored: \(error)", [])))
            } else {
                if !transient { s.alone = true }
                again.append(.submit(s))
            }
        }
        if transient {
            logger.warning("batch rolled back; retrying it whole", metadata: ["batch.size": "\(batch.count)", "error": "\(error)"])
        } else if !again.isEmpty {
            logger.error("batch failed; retrying one by one", metadata: ["batch.size": "\(batch.count)", "error": "\(error)"])
        }
        inbox.requeue(again)
        hooks.deliver(answers)
    }

    /// No one submission's fault: another daemon wrote the province since it was read, a deadlock,
    /// a serialization failure, or a key the same office used in a month not held here.
    static func isTransient(_ error: any Error) -> Bool {
        guard let state = (error as? PostgresError)?.sqlState else { return false }
        return [ProvinceStore.staleState, "40001", "40P01", "23505"].contains(state)
    }

    static func unavailable(_ reason: StoreError) -> SubmitOutcome {
        if case .outcomeUnknown = reason {
            return .rejected(.unavailable, "the connection to the database was lost while this submission was being committed: it may or may not have been stored; resend it with the same key (a stored one answers duplicate)", [])
        }
        return .rejected(.unavailable, "database unavailable, nothing was stored; retry with the same key: \(reason)", [])
    }

    // MARK: One transaction

    /// Statements of one province that go with a transaction, and the figures they log.
    typealias Change = (statements: [Statement], logged: [FigureKey])

    /// A failure of the commit's round trip itself: whether it committed is unknown.
    enum CommitFailure: Error { case connectionLost(PostgresError) }

    /// A transaction built and not yet sent: its statements, and what its commit changes here.
    private struct Prepared {
        var statements: [Statement] = []
        var provinces: [String] = []
        var logAt = -1
        var logged: [FigureKey] = []
        /// Per flushed province, the conflicts it opens and the statement index of the first.
        var opened: [(province: String, conflicts: [ConsolidationWrites.NewConflict], at: Int)] = []
        /// The views of what it logs that someone watches, composed now (from the state as this
        /// transaction leaves it), numbered once its seqs are known.
        var views: [FigureKey: (view: AggregateView, ranking: [RankedChild])] = [:]
        var watched: Set<String>?
    }

    /// One transaction: the claims of every province it writes (sorted, so that two daemons never
    /// wait on each other), the submissions, the parents due, `extra` statements per province, the
    /// change log, COMMIT — one pipeline, one round trip. The states count it committed (a failure
    /// drops them all); the events of what it logs are composed now.
    /// - Parameter checked: provinces whose decisions must rest on a current state, claimed or not:
    ///   one not claimed is checked (`huizong_check`), in the same transaction.
    private func prepare(writes: [String: SubmissionWrites] = [:], extra: [String: Change] = [:],
                         flushing: Set<String> = [], checked: Set<String> = [], at now: Timestamp) -> Prepared {
        let idle = inbox.hasNoSubmissions
        let due = Set(states.filter { p, s in
            s.isDirty && (idle || flushing.contains(p) || extra[p] != nil || s.dirtySince.map { Self.age($0, now) >= flushWindow } == true)
        }.keys)
        let writes = writes.filter { !$0.value.submissions.isEmpty }
        let provinces = Set(writes.keys).union(due).union(extra.keys).sorted()
        let unclaimed = checked.subtracting(provinces).sorted()
        var p = Prepared()
        guard !provinces.isEmpty || !unclaimed.isEmpty else { return p }
        p.provinces = provinces
        p.statements = [Statement("BEGIN")]
        // In one order, claims and checks together: two daemons never wait on each other.
        for province in (provinces + unclaimed).sorted() {
            let version = states[province]!.version
            let years = Set(writes[province]?.submissions.map(\.period.year) ?? []).union(extra[province]?.logged.map(\.period.year) ?? [])
            p.statements.append(provinces.contains(province)
                ? ProvinceStore.claim(province, expected: version, consolidated: due.contains(province), years: years)
                : ProvinceStore.check(province, expected: version))
        }
        for province in provinces {
            guard let w = writes[province] else { continue }
            p.statements += ProvinceStore.writes(w)
            p.logged += w.logged
        }
        for province in provinces {
            if let e = extra[province] { p.statements += e.statements }
            if due.contains(province) {
                let flush = states[province]!.flush()
                let (sql, openedFrom) = ProvinceStore.writes(flush)
                if !flush.opened.isEmpty { p.opened.append((province, flush.opened, p.statements.count + openedFrom)) }
                p.statements += sql
                p.logged += flush.logged
            }
            if let e = extra[province] { p.logged += e.logged }
        }
        p.logAt = p.statements.count
        if let log = ProvinceStore.log(p.logged, origin: origin) { p.statements.append(log) }
        p.statements.append(Statement("COMMIT"))
        for province in provinces { states[province]!.committed() }
        // The events, from the state as this transaction leaves it (the next batch is not in it yet).
        p.watched = hooks.watched()
        if let watched = p.watched {
            for key in p.logged where watched.contains(key.region) && p.views[key] == nil {
                if let e = states[province(of: key.region)]?.event(seq: 0, key) { p.views[key] = (e.view, e.ranking) }
            }
        }
        return p
    }

    /// Sends a prepared transaction and reads it back at once (for everything but batches).
    private func commit(_ c: Connection, _ p: Prepared) throws {
        guard !p.statements.isEmpty else { return }
        let box = Returned()
        do {
            try c.pipelineResults(p.statements) { i, row in
                if i == p.logAt { box.base = try row.int64(0) ?? 0 } else if let id = try row.int64(0) { box.ids[i] = id }
            }
        } catch let e as PostgresError where e.kind == .connection {
            throw CommitFailure.connectionLost(e)
        }
        committed(p, base: box.base, ids: box.ids)
    }

    /// After a transaction committed: the dirty marks, the ids of the conflicts it opened, and the
    /// events of what it logged, numbered.
    private func committed(_ p: Prepared, base: Int64, ids: [Int: Int64]) {
        for province in p.provinces { registry.mark(province, dirty: states[province]?.isDirty ?? false) }
        var real: [Int64: Int64] = [:]
        for o in p.opened {
            let pairs = o.conflicts.indices.compactMap { k in ids[o.at + k].map { (o.conflicts[k].provisional, $0) } }
            states[o.province]?.assignConflictIDs(pairs)
            for (provisional, id) in pairs { real[provisional] = id }
        }
        let changes = Self.numbered(p.logged, from: base)
        guard !changes.isEmpty else { return }
        var events: [AggregateEvent] = []
        for (seq, key) in changes {
            guard var composed = p.views[key] else { continue }
            if let c = composed.view.conflict, c < 0 { composed.view.conflict = real[c] }
            events.append(AggregateEvent(seq: seq, view: composed.view, ranking: composed.ranking))
        }
        hooks.publish(CommittedChanges(changes: changes, events: events, covered: p.watched))
    }

    /// The seq each logged key gets: the log numbers a transaction's entries per (region, period),
    /// in the order each pair first appears (`ProvinceStore.log`).
    static func numbered(_ keys: [FigureKey], from base: Int64) -> [(seq: Int64, key: FigureKey)] {
        var order: [RegionPeriod] = []
        var byMonth: [RegionPeriod: [FigureKey]] = [:]
        for k in keys {
            let rp = RegionPeriod(region: k.region, period: k.period)
            if byMonth[rp] == nil { order.append(rp) }
            byMonth[rp, default: []].append(k)
        }
        var seq = base
        return order.flatMap { rp in byMonth[rp]!.map { k in seq += 1; return (seq, k) } }
    }

    // MARK: Everything else a writer is asked

    private func handle(_ job: WriterJob) {
        switch job {
        case .submit:
            preconditionFailure("submissions are written in batches")
        case .settle(let provinces, let done):
            try? settle(provinces)
            done()
        case .recover(let age):
            recover(olderThan: age)
        case .lock(let region, let period, let locked, let office, let reply):
            reply(govern(region, period.year) { state, now in
                guard let keys = state.setLock(region: region, period: period, locked: locked) else { return nil }
                return (ProvinceStore.lock(region: region, period: period, locked: locked, office: office, at: now), keys)
            }.map { $0 != nil })
        case .target(let region, let year, let indicator, let targets, let office, let reply):
            reply(govern(region, year) { state, now in
                let keys = state.setTargets(targets, region: region, year: year, indicator: indicator)
                return ([ProvinceStore.target(region: region, year: year, indicator: indicator, targets: targets, office: office, at: now)], keys)
            }.map { _ in () })
        case .bound(let key, let min, let max, let office, let reply):
            var now = Bound()
            let year = Period.current(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).year
            let result = govern(key.region, year) { state, at -> Change? in
                now = state.setBound(key, min: min, max: max)
                return ([ProvinceStore.bound(key, now, office: office, at: at)], [])
            }
            reply(result.map { _ in now })
        case .review(let region, let period, let action, let note, let office, let reply):
            var answer = ReviewAnswer.nothingToReview
            let result = govern(region, period.year) { state, now -> Change? in
                switch state.review(region: region, period: period, action: action, note: note, office: office, at: now) {
                case .nothingToReview:
                    return nil
                case .unchanged(let status):
                    answer = .reviewed(status, changed: false)
                    return nil
                case .changed(let status, let record, let logged):
                    answer = .reviewed(status, changed: true)
                    return ([ProvinceStore.review(region: region, period: period, record)], logged)
                }
            }
            reply(result.map { _ in answer })
        case .resolve(let id, let key, let action, let note, let office, let reply):
            var recorded = false
            let result = govern(key.region, key.period.year) { state, now -> Change? in
                guard let children = state.resolve(conflict: id, key: key, action: action, at: now) else { return nil }
                recorded = true
                return ([ProvinceStore.resolve(conflict: id, action: action, note: note, office: office, at: now, children: children)], [])
            }
            reply(result.flatMap { _ in
                guard recorded else { return .success(.closed) }
                return Result {
                    let view = try ConflictStore.find(try slot.get(), id: id)
                    let aggregate = states[province(of: key.region)]?.aggregate(key)
                    guard let view else { return .closed }
                    return .resolved(view, value: aggregate?.value, status: aggregate?.status.rawValue ?? "resolved")
                }.mapError(StoreError.init)
            })
        }
    }

    /// A change of a region's state in one transaction with everything its province left behind:
    /// `change` applies it to the state and returns its statements and the figures it logs, or nil
    /// when there is nothing to write.
    private func govern(_ region: String, _ year: Int, _ change: (inout ProvinceState, Timestamp) -> Change?) -> Result<Change?, StoreError> {
        let p = province(of: region)
        let now = Self.now()
        do {
            let connection = try slot.get()
            try ensureLoaded(p, years: Set(ProvinceState.years(for: Period(year: year, month: 12)!)), connection)
            guard let applied = change(&states[p]!, now) else {
                try commit(connection, prepare(flushing: [p], at: now))  // nothing to change: what was left behind still goes
                return .success(nil)
            }
            // The parents the change reconsolidated go with it.
            try commit(connection, prepare(extra: [p: applied], flushing: [p], at: now))
            return .success(applied)
        } catch {
            dropAll()
            if case CommitFailure.connectionLost(let lost) = error {
                slot.drop()
                return .failure(.outcomeUnknown("\(lost)"))
            }
            if (error as? PostgresError)?.kind == .connection { slot.drop() }
            slot.rollback()
            return .failure(StoreError(error))
        }
    }

    /// Writes every parent these provinces left behind (a read on this daemon waits for it).
    private func settle(_ provinces: Set<String>) throws {
        let now = Self.now()
        let dirty = provinces.filter { states[$0]?.isDirty == true }
        guard !dirty.isEmpty else { return }
        do {
            try commit(try slot.get(), prepare(flushing: Set(dirty), at: now))
        } catch {
            dropAll()
            if (error as? PostgresError)?.kind == .connection { slot.drop() }
            if case CommitFailure.connectionLost = error { slot.drop() }
            slot.rollback()
            throw error
        }
    }

    /// Reads again each province of this writer whose parents a transaction left behind (its
    /// state, rebuilt from the children, then counts every parent dirty) and writes them.
    private func recover(olderThan age: Duration) {
        do {
            let c = try slot.get()
            for (province, years) in try ProvinceStore.behind(c, olderThan: age) where owns(province) {
                states[province] = nil
                let wanted = Set(years.flatMap { ProvinceState.years(for: Period(year: $0, month: 12)!) })
                let thisYear = Period.current(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).year
                try ensureLoaded(province, years: wanted.isEmpty ? Set(ProvinceState.years(for: Period(year: thisYear, month: 12)!)) : wanted, c)
                logger.info("recovering parents left behind", metadata: ["province": "\(province)", "years": "\(years)"])
                try commit(c, prepare(flushing: [province], at: Self.now()))
            }
        } catch {
            dropAll()
            if (error as? PostgresError)?.kind == .connection { slot.drop() }
            slot.rollback()
        }
    }

    /// Whether a province is routed to this writer.
    private nonisolated func owns(_ province: String) -> Bool { WriterPool.lane(of: province, count: lane.count) == lane.index }

    // MARK: State

    private func province(of region: String) -> String { reference.tree.ancestors(of: region).last ?? region }

    /// Loads the years a province's decisions need that are not here yet. A province read at
    /// another version than the one held is read whole again.
    private func ensureLoaded(_ province: String, years: Set<Int>, _ c: Connection) throws {
        let held = states[province]
        let missing = years.subtracting(held?.years ?? []).sorted()
        guard !missing.isEmpty else { return }
        let snapshot = reference.current
        let now = Self.now()
        func fresh() -> ProvinceState {
            ProvinceState(province: province, tree: snapshot.tree, catalog: snapshot.catalog, groups: snapshot.groups, version: 0)
        }
        var state = held ?? fresh()
        var (version, consolidated, pending) = try ProvinceStore.load(c, into: &state, years: missing)
        var loaded = missing
        if let held, !held.years.isEmpty, version != held.version {
            // Someone else wrote meanwhile: what is held is stale too.
            loaded = years.union(held.years).sorted()
            state = fresh()
            (version, consolidated, pending) = try ProvinceStore.load(c, into: &state, years: loaded)
        }
        // Parents a transaction left behind (a daemon that died, a commit whose connection was lost)
        // are recomputed in every year they may be in, not only the years this batch needs: the
        // flush that follows marks the whole province consolidated.
        let behind = Set(pending).subtracting(loaded).subtracting(state.years)
        if consolidated < version, !behind.isEmpty {
            loaded = Set(loaded).union(behind).union(state.years).sorted()
            state = fresh()
            (version, consolidated, pending) = try ProvinceStore.load(c, into: &state, years: loaded)
        }
        state.finishLoading(years: loaded, version: version, consolidationBehind: consolidated < version, at: now)
        states[province] = state
        registry.mark(province, dirty: state.isDirty)
    }

    private func dropAll() {
        for p in states.keys { registry.mark(p, dirty: false) }
        states = [:]
    }

    /// A new region or indicator: states built on the old reference data are written out and
    /// dropped (each is read again when next needed).
    private func followReference() {
        let version = reference.current.version
        guard version != referenceVersion else { return }
        try? settle(Set(states.keys))
        dropAll()
        referenceVersion = version
    }

    static func now() -> Timestamp { Timestamp(unixNanoseconds: Int64(Date().timeIntervalSince1970 * 1e9)) }

    static func age(_ since: Timestamp, _ now: Timestamp) -> Duration { .microseconds(now.microseconds - since.microseconds) }
}
