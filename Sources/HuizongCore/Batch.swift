// What the writer is handed and what it answers: a submission checked for everything that needs
// no stored figure, and its outcome; and the keys its state is kept by.

/// Who wrote a key: idempotency is per office.
public struct OfficeKey: Hashable, Sendable {
    public let office: String
    public let key: String
    public init(office: String, key: String) { self.office = office; self.key = key }
}

public struct RegionPeriod: Hashable, Sendable {
    public let region: String
    public let period: Period
    public init(region: String, period: Period) { self.region = region; self.period = period }
}

/// What became of a submission.
public enum SubmitOutcome: Sendable {
    case accepted(revision: Int, warnings: [Issue])
    case duplicate(revision: Int)
    /// `dry_run`: everything was checked, nothing stored.
    case valid(revision: Int, warnings: [Issue])
    case rejected(ErrorCode, String, [Issue])
}

/// One submission of a batch, as the session handed it over: checked already for everything that
/// needs no stored figure.
public struct BatchItem: Sendable {
    public let office: String
    public let submission: Submission
    public let hash: [UInt8]
    public let warnings: [Issue]
    public let dryRun: Bool

    public init(office: String, submission: Submission, hash: [UInt8], warnings: [Issue], dryRun: Bool) {
        self.office = office
        self.submission = submission
        self.hash = hash
        self.warnings = warnings
        self.dryRun = dryRun
    }
}
