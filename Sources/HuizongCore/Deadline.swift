/// When a month's figures are due: a day of the following month at an hour, China Standard Time
/// (the seeds' practice: the 8th at 12:00).
public struct Deadline: Sendable, Hashable {
    public var day: Int
    public var hour: Int

    public init(day: Int = 8, hour: Int = 12) {
        self.day = max(1, min(day, 28))
        self.hour = max(0, min(hour, 23))
    }

    /// The deadline for `period`, as an ISO 8601 timestamp in UTC+8.
    public func timestamp(for period: Period) -> String {
        let next = period.month == 12 ? (period.year + 1, 1) : (period.year, period.month + 1)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(next.0)-\(two(next.1))-\(two(day))T\(two(hour)):00:00+08:00"
    }
}
