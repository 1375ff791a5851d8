/// A reporting month, "YYYY-MM". Figures are reported year-to-date, so the month also says how much of
/// the year a flow covers (time progress M/12).
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Strictly "YYYY-MM": four digits, a dash, two digits, month 01–12.
    public init?(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-"),
              b.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) })
        else { return nil }
        let digit = { (i: Int) in Int(b[i] - 48) }
        self.init(year: digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), month: digit(5) * 10 + digit(6))
    }

    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)"
    }

    /// The first day of the month as PostgreSQL's `date` text.
    public var firstDay: String { "\(description)-01" }

    public var previous: Period? { month == 1 ? nil : Period(year: year, month: month - 1) }
    public var sameMonthLastYear: Period? { Period(year: year - 1, month: month) }

    public static func < (a: Period, b: Period) -> Bool { (a.year, a.month) < (b.year, b.month) }

    /// The current month in China Standard Time (UTC+8), which decides what is `future_period`.
    public static func current(secondsSinceEpoch: Int64) -> Period {
        let days = (secondsSinceEpoch + 8 * 3600).floorDivided(by: 86_400)
        let (y, m, _) = civilFromDays(days)
        return Period(year: y, month: m)!
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
    static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}

extension Int64 {
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
