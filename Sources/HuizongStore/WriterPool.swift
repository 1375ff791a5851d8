import HuizongCore
import HuizongPostgres
import Logging

/// The daemon's writers, each with its own connection and thread, so that PostgreSQL works on more
/// than one core. A province, and every region in it, always goes to the same writer: it holds the
/// province's state, submissions for one region keep their order, and no two writers of this
/// daemon ever claim the same province. Other daemons are kept apart by the provinces' versions.
public final class WriterPool: Sendable {
    private let writers: [ProvinceWriter]
    private let reference: Reference
    private let registry = WriterRegistry()

    /// - Parameter flushWindow: under load, how long a parent may wait before its aggregate is
    ///   written (PROTOCOL.md v1.2 allows 1 s for other daemons and events).
    public init(lanes: Int, conninfo: String, settings: ConnectionSettings = ConnectionSettings(), reference: Reference,
                maxBatch: Int = 1024, flushWindow: Duration = .milliseconds(250), hooks: WriterHooks,
                reconnects: Reconnects = Reconnects(), origin: String, logger: Logger) {
        self.reference = reference
        let registry = self.registry
        let count = max(1, lanes)
        writers = (0..<count).map {
            ProvinceWriter(lane: ($0, count), conninfo: conninfo, settings: settings, reference: reference, maxBatch: maxBatch,
                           flushWindow: flushWindow, hooks: hooks, registry: registry, reconnects: reconnects, origin: origin, logger: logger)
        }
    }

    /// Runs every writer until `close()`, then until each has written what was left behind. At
    /// once, and every `sweep` after, each writer recovers the parents its provinces were left
    /// without by a daemon that died between a commit and its flush (one that has not claimed the
    /// province for `stale`: a live daemon flushes within a second).
    public func run(sweep: Duration = .seconds(5), stale: Duration = .seconds(5)) async {
        for w in writers { _ = w.inbox.enqueue(.recover(olderThan: .zero)) }
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: sweep)
                    for w in self.writers { _ = w.inbox.enqueue(.recover(olderThan: stale)) }
                }
            }
            await withDiscardingTaskGroup { lanes in
                for w in writers { lanes.addTask { await w.run() } }
            }
            group.cancelAll()
        }
        for w in writers { await w.shutdown() }
    }

    /// No more jobs are taken; `run()` returns once the writers have finished what they hold.
    /// Jobs still queued are answered `unavailable`.
    public func close() {
        for w in writers { w.inbox.close() }
    }

    /// Queues a submission that passed every check not needing stored figures; its answer goes to
    /// the hooks' `deliver` with `ticket`, after its batch committed (or failed).
    public func submit(_ item: BatchItem, ticket: any Sendable) -> Bool {
        writer(for: item.submission.region).inbox.enqueue(.submit(PendingSubmission(item: item, ticket: ticket)))
    }

    /// Waits until every parent the provinces of `regions` left behind is written, so that a read
    /// on this daemon sees them consolidated (PROTOCOL.md v1.2). Returns at once when none is.
    public func settle(_ regions: [String]) async {
        let provinces = Set(regions.map(province(of:))).filter(registry.isDirty)
        guard !provinces.isEmpty else { return }
        let byWriter = Dictionary(grouping: provinces) { lane(of: $0) }
        await withDiscardingTaskGroup { group in
            for (lane, provinces) in byWriter {
                group.addTask {
                    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                        if !self.writers[lane].inbox.enqueue(.settle(Set(provinces), done: { c.resume() })) { c.resume() }
                    }
                }
            }
        }
    }

    public func setLock(region: String, period: Period, locked: Bool, office: String) async -> Result<Bool, StoreError> {
        await ask(region) { .lock(region: region, period: period, locked: locked, office: office, reply: $0) }
    }

    /// Sets (or clears) a field's bounds (PROTOCOL.md v1.2); answers the bounds as they now stand.
    public func setBound(_ key: BoundKey, min: ExactDecimal??, max: ExactDecimal??, office: String) async -> Result<Bound, StoreError> {
        await ask(key.region) { .bound(key, min: min, max: max, office: office, reply: $0) }
    }

    /// Approves or returns a region's month (PROTOCOL.md v1.2), under its province's claim.
    public func review(region: String, period: Period, action: ReviewAction, note: String?, office: String) async -> Result<ReviewAnswer, StoreError> {
        await ask(region) { .review(region: region, period: period, action: action, note: note, office: office, reply: $0) }
    }

    public func setTargets(_ t: TargetSet, region: String, year: Int, indicator: String, office: String) async -> Result<Void, StoreError> {
        await ask(region) { .target(region: region, year: year, indicator: indicator, t, office: office, reply: $0) }
    }

    /// Resolves a live conflict: under its province's claim, reconsolidating its region and every
    /// ancestor; `.closed` when its sides came to agree meanwhile (nothing is written).
    public func resolve(_ conflict: ConflictView, action: ConflictSide, note: String?, office: String) async -> Result<ResolveOutcome, StoreError> {
        let key = FigureKey(region: conflict.region, period: conflict.period, indicator: conflict.indicator)
        return await ask(conflict.region) { .resolve(conflict: conflict.id, key: key, action: action, note: note, office: office, reply: $0) }
    }

    private func ask<T: Sendable>(_ region: String, _ job: (@escaping @Sendable (Result<T, StoreError>) -> Void) -> WriterJob) async -> Result<T, StoreError> {
        await withCheckedContinuation { (c: CheckedContinuation<Result<T, StoreError>, Never>) in
            if !writer(for: region).inbox.enqueue(job { c.resume(returning: $0) }) { c.resume(returning: .failure(.stopping)) }
        }
    }

    public var stats: WriterStats { registry.stats }

    /// Jobs waiting for a writer, over every lane.
    public var queued: Int { writers.map(\.inbox.count).reduce(0, +) }

    /// True unless a writer has been stuck in one job for longer than `limit`.
    public func isResponsive(within limit: Duration) -> Bool { writers.allSatisfy { $0.isResponsive(within: limit) } }

    // MARK: Routing

    private func writer(for region: String) -> ProvinceWriter { writers[lane(of: province(of: region))] }

    private func province(of region: String) -> String { reference.tree.ancestors(of: region).last ?? region }

    private func lane(of province: String) -> Int { Self.lane(of: province, count: writers.count) }

    /// FNV-1a of the province's code: stable across runs and daemons.
    static func lane(of province: String, count: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in province.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(h % UInt64(count))
    }
}
