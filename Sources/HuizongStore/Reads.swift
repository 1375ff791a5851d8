import HuizongCore
import HuizongPostgres

/// The database as the daemon's sessions and broadcaster read it: each read a method, its SQL in
/// the store, run on one of the readers' connections. Callers never see a connection or an SQLSTATE.
extension ReaderPool {
    /// The office a hello names, if the token is its own and it is not revoked.
    public func authenticate(code: String, token: String) async throws -> Office? {
        try await run { try OfficeStore.authenticate($0, code: code, token: token) }
    }

    /// The figures of `regions` in a period as readers see them (PROTOCOL.md `query`).
    public func aggregates(regions: [String], period: Period, indicator: String?, in reference: Reference.Snapshot) async throws -> [AggregateView] {
        try await run { try FigureStore.aggregates($0, regions: regions, period: period, indicator: indicator, tree: reference.tree,
                                                   catalog: reference.catalog, groups: reference.groups) }
    }

    /// The first accepted submission of each region for a period, and whether it came by the deadline.
    public func firstReceived(regions: [String], period: Period, deadline: String, indicator: String? = nil) async throws -> [String: (at: String, onTime: Bool)] {
        try await run { try SubmissionStore.firstReceived($0, regions: regions, period: period, deadline: deadline, indicator: indicator) }
    }

    /// Each month's review status, with how many of the region's children are approved in it.
    public func reviewStates(_ months: [RegionPeriod], tree: RegionTree) async throws -> [RegionPeriod: (ReviewStatus, Int)] {
        try await run { try ReviewStore.states($0, months, tree: tree) }
    }

    /// The flagged figures (outliers, outside their bounds) of the regions in a period.
    public func flagged(regions: [String], period: Period) async throws -> [(region: String, indicator: String, flag: QualityFlag)] {
        try await run { try QualityStore.flagged($0, regions: regions, period: period) }
    }

    /// Every review action on the regions in a period, oldest first.
    public func reviews(regions: [String], period: Period) async throws -> [(region: String, action: String, by: String, at: String, note: String?)] {
        try await run { try ReviewStore.list($0, regions: regions, period: period) }
    }

    public func conflicts(regions: [String], period: Period?) async throws -> [ConflictView] {
        try await run { try ConflictStore.list($0, regions: regions, period: period) }
    }

    public func conflict(id: Int64) async throws -> ConflictView? {
        try await run { try ConflictStore.find($0, id: id) }
    }

    /// Conflicts open now, over every region (the metrics gauge).
    public func openConflicts() async throws -> Int { try await run { try ConflictStore.openCount($0) } }

    /// The offices revoked in the database (a reload ends their sessions).
    public func revokedOffices() async throws -> Set<String> {
        try await run { c in Set(try OfficeStore.list(c).filter { $0.revokedAt != nil }.map(\.office.code)) }
    }

    // MARK: The change log

    /// How far back the log reaches (`horizon`: pruned through) and its last seq.
    public func logBounds() async throws -> (horizon: Int64, latest: Int64) {
        try await run { c in (try EventStore.horizon(c), try EventStore.latest(c)) }
    }

    public func latestSeq() async throws -> Int64 { try await run { try EventStore.latest($0) } }

    /// The events after `after` (at most `through`) of `regions` (all when nil), from at most `rows`
    /// log rows, composed from the database as it stands; and how far the rows read cover the log.
    public func events(after: Int64, through: Int64?, rows: Int, regions: [String]?, indicator: String? = nil,
                       in reference: Reference.Snapshot) async throws -> (events: [AggregateEvent], reached: Int64?) {
        try await run { c in
            let (changes, reached) = try EventStore.changes(c, after: after, through: through, rows: rows, regions: regions)
            let wanted = indicator.map { i in changes.filter { $0.key.indicator == i } } ?? changes
            return (try EventStore.compose(c, wanted, tree: reference.tree, catalog: reference.catalog, groups: reference.groups), reached)
        }
    }

    /// The events of these log entries, composed from the database as it stands.
    public func events(_ changes: [EventStore.Change], in reference: Reference.Snapshot) async throws -> [AggregateEvent] {
        try await run { try EventStore.compose($0, changes, tree: reference.tree, catalog: reference.catalog, groups: reference.groups) }
    }

    /// Deletes one chunk of log rows older than the retention; how many (0: done).
    public func pruneChangeLog(olderThanDays days: Int) async throws -> Int {
        try await run { try EventStore.pruneChunk($0, olderThanDays: days) }
    }

    // MARK: Reference data

    /// Reads the reference data again if its version moved; true when it did.
    public func refresh(_ reference: Reference) async throws -> Bool { try await run { try reference.refresh($0) } }

    /// Adds an indicator (with the whole it is part of) or a region, and reloads the reference data;
    /// `StoreError.exists` if another daemon added the same code meanwhile.
    public func extend(_ reference: Reference, with addition: ReferenceAddition) async throws {
        do {
            try await run { c in
                switch addition {
                case .indicator(let i, let whole): try ReferenceStore.addIndicator(c, i, partOf: whole)
                case .region(let r): try ReferenceStore.addRegion(c, r)
                case .group(let g): try ReferenceStore.addGroup(c, g)
                case .alias(let indicator, let alias): try ReferenceStore.addAlias(c, indicator: indicator, alias: alias)
                }
                try reference.refresh(c)
            }
        } catch let e as PostgresError where e.sqlState == "23505" {
            throw StoreError.exists(e.message)
        }
    }
}

public enum ReferenceAddition: Sendable {
    case indicator(Indicator, partOf: String?)
    case region(Region)
    case group(PeerGroup)
    case alias(indicator: String, alias: String)
}
