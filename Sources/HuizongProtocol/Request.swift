import HuizongCore

/// A request of PROTOCOL.md, decoded and typed. Region codes stay strings here: whether they exist
/// is the server's question, not the codec's.
public enum Request: Sendable {
    case hello(office: String, token: String)
    case ping
    case submit(Submission, dryRun: Bool)
    case query(Query)
    /// Conflicts of a region and everything under it, in one period or all.
    case conflicts(region: String, period: Period?)
    case resolve(Resolution)
    /// Events for the region and everything under it, after `since` if given.
    case subscribe(region: String, since: Int64?, indicator: String?)
    case lock(region: String, period: Period, locked: Bool)
    case target(TargetRequest)
    /// Which children of a region reported a period on time, late, or not at all.
    case completeness(region: String, period: Period, indicator: String?)
    /// v1.1: the indicators the server knows.
    case catalog
    /// v1.1: a region and every region under it the office may read (its own region if none is named).
    case regions(region: String?)
    /// An administrator extends the catalog or the region tree (every daemon knows within 5 s).
    case addIndicator(NewIndicator)
    /// Another name for an indicator of the catalog (an extension of PROTOCOL.md; admin).
    case addAlias(indicator: String, alias: String)
    case addRegion(NewRegion)
    /// v1.2: an office above a region approves its month or returns it with a note.
    case review(region: String, period: Period, action: ReviewAction, note: String?)
    /// v1.2: every review action on the region and everything under it in a period.
    case reviews(region: String, period: Period)
    /// v1.2: bounds on a field of a region's indicator; per side nil keeps, `.some(nil)` removes.
    case bounds(BoundKey, min: ExactDecimal??, max: ExactDecimal??)
    /// v1.2: the flagged figures of the region and everything under it in a period.
    case outliers(region: String, period: Period)
    /// v1.2: an administrator defines a peer group (replacing one of the same code).
    case addGroup(PeerGroup)
    /// v1.2: every peer group.
    case groups
}

public struct NewIndicator: Sendable {
    public var indicator: Indicator
    public var partOf: String?
}

public struct NewRegion: Sendable {
    public var code: String
    public var name: String
    public var parent: String
    public var level: RegionLevel?
    public var inSum: Bool
}

public struct TargetRequest: Sendable {
    public var region: String
    public var year: Int
    public var indicator: String
    public var targets: TargetSet
}

public struct Resolution: Sendable {
    public var conflict: Int64
    public var action: ConflictSide
    public var note: String?
}

public struct Query: Sendable {
    /// Empty when the query names a peer group instead.
    public var region: String
    /// v1.2: a peer group's members instead of a region.
    public var group: String? = nil
    public var period: Period
    public var indicator: String?
    public var children: Bool
}

public struct Envelope: Sendable {
    public var id: String?
    public var request: Request
}

/// A request that cannot be served as sent. `id` is echoed when it could be read.
public struct RequestError: Error, Sendable {
    public var id: String?
    public var code: ErrorCode
    public var message: String
    public var issues: [Issue]

    public init(id: String?, code: ErrorCode, message: String, issues: [Issue] = []) {
        self.id = id
        self.code = code
        self.message = message
        self.issues = issues
    }
}
