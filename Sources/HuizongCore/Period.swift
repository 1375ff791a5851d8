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
        var digits = 0, value = 0, count = 0
        for b in text.utf8 {
            defer { count += 1 }
            if count == 4 {
                guard b == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard count < 7, b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
            digits += 1
        }
        guard count == 7 else { return nil }
        self.init(year: value / 100, month: value % 100)
    }

    public var description: String { text(day: false) }

    /// The first day of the month as PostgreSQL's `date` text.
    public var firstDay: String { text(day: true) }

    /// "YYYY-MM" or "YYYY-MM-01", written straight into the string (writers format one per row).
    private func text(day: Bool) -> String {
        String(unsafeUninitializedCapacity: day ? 10 : 7) { out in
            var y = year
            for i in stride(from: 3, through: 0, by: -1) { out[i] = UInt8(48 + y % 10); y /= 10 }
            out[4] = UInt8(ascii: "-")
            out[5] = UInt8(48 + month / 10)
            out[6] = UInt8(48 + month % 10)
            guard day else { return 7 }
            out[7] = UInt8(ascii: "-"); out[8] = UInt8(ascii: "0"); out[9] = UInt8(ascii: "1")
            return 10
        }
    }

    /// The first day of the month as days since 2000-01-01: PostgreSQL's binary `date`.
    public var daysSince2000: Int32 { Int32(Self.daysFromCivil(year, month, 1) - 10_957) }

    /// The month of a binary `date` (days since 2000-01-01).
    public init?(daysSince2000 days: Int32) {
        let (y, m, _) = Self.civilFromDays(Int64(days) + 10_957)
        self.init(year: y, month: m)
    }

    /// Howard Hinnant's civil-to-days algorithm: days since 1970-01-01.
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * Int64(m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

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
    public static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
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
