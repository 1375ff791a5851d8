/// Error codes of PROTOCOL.md ("Errors"), plus `internal_error` for a fault of ours, never of the input,
/// `unknown_conflict` for a resolve naming no conflict, `conflict_closed` for one whose sides have come
/// to agree (nothing left to resolve), `slow_consumer` and `since_expired` for subscriptions.
public enum ErrorCode: String, Sendable, CaseIterable {
    case badJSON = "bad_json"
    case lineTooLong = "line_too_long"
    case badRequest = "bad_request"
    case unauthenticated
    case forbidden
    case unknownRegion = "unknown_region"
    case unknownIndicator = "unknown_indicator"
    case badPeriod = "bad_period"
    case futurePeriod = "future_period"
    case validationFailed = "validation_failed"
    case staleRevision = "stale_revision"
    case keyReused = "key_reused"
    case periodLocked = "period_locked"
    case unavailable
    case internalError = "internal_error"
    case unknownConflict = "unknown_conflict"
    case conflictClosed = "conflict_closed"
    case slowConsumer = "slow_consumer"
    /// A `since` older than the retained change log: the events after it can no longer be replayed.
    case sinceExpired = "since_expired"
    // v1.2
    case periodApproved = "period_approved"
    case nothingToReview = "nothing_to_review"
    case notDue = "not_due"
    case estimateBelowYtd = "estimate_below_ytd"
    case unknownGroup = "unknown_group"

    /// Only a database outage is worth retrying unchanged; everything else needs a changed request.
    public var retryable: Bool { self == .unavailable }
}

/// One failed rule or warning, located by a JSON path into the request ("figures[2].ytd").
public struct Issue: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let code: String
    public let message: String
    /// Members a warning carries beyond these (an outlier's median and score, the bounds crossed),
    /// in order, as decimals.
    public var details: [Detail] = []

    public struct Detail: Sendable, Hashable {
        public let key: String
        public let value: ExactDecimal?
        public init(_ key: String, _ value: ExactDecimal?) { self.key = key; self.value = value }
    }

    public init(path: String, code: String, message: String, details: [Detail] = []) {
        self.path = path
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(path): \(code): \(message)" }
}
