/// Everything the writer of one province needs to decide a submission without asking the database:
/// its loaded years' figures (with who last wrote each), the keys and revisions accepted, period
/// locks, reviews, targets, every parent's consolidated figure and live conflicts, and what is not yet
/// written of them. One writer owns it (issue 16); the database keeps it consistent across daemons
/// through the province's version, which every writing transaction claims (a daemon whose version
/// is stale reloads the state). Pure: loading and writing are the store's.
public struct ProvinceState: Sendable {
    public let province: String
    /// The province's version as of the last load or write of ours.
    public internal(set) var version: Int64
    public let tree: RegionTree
    public let catalog: Catalog
    /// Peer groups: their members of this province are ranked from this state.
    public let groups: PeerGroups

    // Regions of the province and indicators of the catalog, as small integers.
    let regionCodes: [String]
    let regionIDs: [String: Int32]
    let indicatorCodes: [String]
    let indicatorIDs: [String: Int16]

    /// Years whose figures, keys, revisions, locks, targets, parents and conflicts are all here.
    public internal(set) var years: Set<Int> = []
    var figures = FigureTable()
    var submissions: [SubmissionMeta] = []
    var submissionIndex: [Int64: Int32] = [:]
    var offices: [String] = []
    var officeIDs: [String: Int32] = [:]
    var keys: [OfficeKey: ContentHash] = [:]
    var revisions: [RegionPeriod: Int] = [:]
    var locks: Set<RegionPeriod> = []
    /// The last review action on each month (PROTOCOL.md v1.2).
    var reviews: [RegionPeriod: ReviewRecord] = [:]
    /// Bounds set on the province's regions (not by year).
    var bounds: [BoundKey: Bound] = [:]
    var targets: [TargetKey: TargetSet] = [:]
    /// Every parent figure that has an aggregate row (or must get one), with its live conflicts.
    var parents: [FigureKey: ParentRecord] = [:]

    /// Parents whose stored aggregate (and conflicts) are behind what is here: written by the next
    /// flush (PROTOCOL.md v1.2 "When a parent's aggregate is consolidated").
    public internal(set) var dirty: Set<FigureKey> = []
    /// When the oldest dirty parent became dirty.
    public internal(set) var dirtySince: Timestamp?
    /// Conflict changes not yet written, by conflict (opened ones by their provisional id, < 0).
    var pendingConflicts: [Int64: ConflictWrite] = [:]
    var nextProvisionalConflict: Int64 = -1
    /// Conflicts inserted by the last flush, awaiting the ids the database gave them.
    var provisionalKeys: [Int64: FigureKey] = [:]

    public init(province: String, tree: RegionTree, catalog: Catalog, groups: PeerGroups = PeerGroups(), version: Int64) {
        self.province = province
        self.tree = tree
        self.catalog = catalog
        self.groups = groups
        self.version = version
        regionCodes = tree.subtree(of: province)
        regionIDs = Dictionary(uniqueKeysWithValues: regionCodes.enumerated().map { ($1, Int32($0)) })
        indicatorCodes = catalog.indicators.keys.sorted()
        indicatorIDs = Dictionary(uniqueKeysWithValues: indicatorCodes.enumerated().map { ($1, Int16($0)) })
    }

    public var isDirty: Bool { !dirty.isEmpty || !pendingConflicts.isEmpty }

    /// Figures held (every loaded year): what the state costs in memory is mostly these.
    public var figureCount: Int { figures.count }

    /// The years a submission for `period` needs loaded: its own, and the two before it (growth is
    /// checked against last year's figure).
    public static func years(for period: Period) -> [Int] { [period.year - 2, period.year - 1, period.year] }

    public func contains(region: String) -> Bool { regionIDs[region] != nil }
}

/// Who wrote a submission and when: what a figure's view shows of the submission that last wrote it.
struct SubmissionMeta: Sendable {
    let id: Int64
    let office: Int32
    let revision: Int32
    let receivedAt: Timestamp
}

/// A submission's content hash (SHA-256), held without an array per key.
public struct ContentHash: Hashable, Sendable {
    let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    public init(_ bytes: [UInt8]) {
        func word(_ i: Int) -> UInt64 {
            var w: UInt64 = 0
            for k in 0..<8 where i * 8 + k < bytes.count { w = w << 8 | UInt64(bytes[i * 8 + k]) }
            return w
        }
        (a, b, c, d) = (word(0), word(1), word(2), word(3))
    }
}

public struct TargetKey: Hashable, Sendable {
    public let region: String
    public let year: Int
    public let indicator: String
    public init(region: String, year: Int, indicator: String) {
        self.region = region
        self.year = year
        self.indicator = indicator
    }
}

/// A parent figure's consolidation as it stands, and its live (open or resolved) conflicts.
struct ParentRecord: Sendable {
    var aggregate: Aggregate?
    var conflicts: [LiveConflict] = []
}

/// A live conflict, with its children as they stood the last time it was found disputed: what is
/// recorded when it closes (the database reads an open conflict's children as they stand).
struct LiveConflict: Sendable {
    var record: ConflictRecord
    var children: [ConflictView.Child]
}

/// A conflict change not yet written: opened (no row yet), its sides moved, resolved, or closed.
struct ConflictWrite: Sendable {
    var key: FigureKey
    var kind: ConflictKind
    var own: ExactDecimal
    var sum: ExactDecimal
    /// Opened since the last flush: inserted, not updated.
    var isNew: Bool
    var openedAt: Timestamp
    /// Set when it closed, with its children as they stood while disputed.
    var closed: (at: Timestamp, children: [ConflictView.Child])?
}
