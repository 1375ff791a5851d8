/// Review of a month (审核, PROTOCOL.md v1.2): an office above a region approves its month or
/// returns it with a reason. A month's state follows from the last action on it and the revision
/// that action saw: a return stands until a later revision is accepted, which makes the month
/// `submitted` again; an approval stands until a return (submissions are refused meanwhile).
public enum ReviewAction: String, Sendable, CaseIterable { case approve, `return` }

public enum ReviewState: String, Sendable { case none, submitted, approved, returned }

/// One review action, as the history keeps it.
public struct ReviewRecord: Sendable, Hashable {
    public var action: ReviewAction
    public var office: String
    public var at: Timestamp
    public var note: String?
    /// The last accepted revision of the month when it was reviewed.
    public var revision: Int

    public init(action: ReviewAction, office: String, at: Timestamp, note: String?, revision: Int) {
        self.action = action
        self.office = office
        self.at = at
        self.note = note
        self.revision = revision
    }
}

/// What `query` objects and events show of a month's review: who and when only where an action
/// is what the state rests on.
public struct ReviewStatus: Sendable, Hashable {
    public var state: ReviewState
    public var by: String?
    public var at: String?
    public var note: String?

    public init(state: ReviewState, by: String? = nil, at: String? = nil, note: String? = nil) {
        self.state = state
        self.by = by
        self.at = at
        self.note = note
    }

    /// The state of a month whose last accepted revision is `revision` (nil: none accepted) and
    /// whose last review action is `last`.
    public init(revision: Int?, last: ReviewRecord?) {
        guard let revision else { self.init(state: .none); return }
        guard let last, last.action == .approve || revision <= last.revision else { self.init(state: .submitted); return }
        self.init(state: last.action == .approve ? .approved : .returned, by: last.office, at: last.at.chinaStandardTime, note: last.note)
    }
}

/// A review as `reviews` lists it.
public struct ReviewEntry: Sendable, Hashable {
    public var region: String
    public var period: Period
    public var record: ReviewRecord

    public init(region: String, period: Period, record: ReviewRecord) {
        self.region = region
        self.period = period
        self.record = record
    }
}
