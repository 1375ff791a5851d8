/// A moment as PostgreSQL's binary `timestamptz` counts it: microseconds since 2000-01-01 00:00:00
/// UTC. The writer stamps each batch with one (a submission's `received_at`, a conflict's
/// `opened_at`), so that what it shows from memory is what the database holds.
public struct Timestamp: Sendable, Hashable, Comparable {
    public let microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// From seconds (and nanoseconds) since 1970-01-01 UTC.
    public init(unixNanoseconds: Int64) {
        microseconds = unixNanoseconds / 1000 - 946_684_800 * 1_000_000
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    /// "YYYY-MM-DDTHH:MM:SS+08:00" in China Standard Time, seconds truncated as PostgreSQL's
    /// `to_char` writes them.
    public var chinaStandardTime: String {
        let seconds = (microseconds.floorDivided(by: 1_000_000)) + 946_684_800 + 8 * 3600
        let days = seconds.floorDivided(by: 86_400)
        let inDay = Int(seconds - days * 86_400)
        let (y, m, d) = Period.civilFromDays(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var year = String(y)
        while year.count < 4 { year = "0" + year }
        return "\(year)-\(two(m))-\(two(d))T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))+08:00"
    }
}
