/// Where one figure lives: a region, a month, an indicator.
///
/// Keys are hashed millions of times per bulk load (snapshots, sums, conflicts): a fingerprint of
/// the three parts is computed once, and hashing feeds only it to the hasher (equality still
/// compares the parts).
public struct FigureKey: Hashable, Sendable, CustomStringConvertible {
    public let region: String
    public let period: Period
    public let indicator: String
    private let fingerprint: UInt64

    public init(region: String, period: Period, indicator: String) {
        self.region = region
        self.period = period
        self.indicator = indicator
        fingerprint = Self.fingerprint(region, indicator, period.year &* 16 &+ period.month)
    }

    /// FNV-1a over a region and an indicator, mixed with a number (a month, or a year).
    static func fingerprint(_ region: String, _ indicator: String, _ number: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in region.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ 0xff) &* 0x100_0000_01b3
        for b in indicator.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ UInt64(truncatingIfNeeded: number)
    }

    public static func == (a: FigureKey, b: FigureKey) -> Bool {
        a.fingerprint == b.fingerprint && a.period == b.period && a.region == b.region && a.indicator == b.indicator
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    public var description: String { "\(region)/\(period)/\(indicator)" }
}

/// A set of stored figures in memory for the rules about history (the same region and period for
/// part ≤ whole, the nearest earlier and later months of the year for ytd never falling, the same
/// month a year before for nominal growth): what the rules' tests and the fuzzer check against. The
/// writer's own is `ProvinceState`.
///
/// Held as one series per (region, indicator, year): a figure is one lookup, and the nearest month
/// with a ytd is a scan of the series, not a lookup per month. A series keeps only the months it
/// has, in order, rather than twelve slots that are mostly empty.
public struct FigureSnapshot: Sendable, StoredFigures {
    /// Hashed by a fingerprint of its parts, as `FigureKey` is (equality compares the parts).
    private struct Series: Hashable, Sendable {
        let region: String
        let indicator: String
        let year: Int
        private let fingerprint: UInt64

        init(region: String, indicator: String, year: Int) {
            self.region = region
            self.indicator = indicator
            self.year = year
            fingerprint = FigureKey.fingerprint(region, indicator, year)
        }

        static func == (a: Series, b: Series) -> Bool {
            a.fingerprint == b.fingerprint && a.year == b.year && a.region == b.region && a.indicator == b.indicator
        }

        func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
    }
    private struct Month: Sendable {
        let month: Int
        var figure: FigureInput
    }
    private var series: [Series: [Month]] = [:]

    public init() {}

    public subscript(region: String, period: Period, indicator: String) -> FigureInput? {
        get { series[Series(region: region, indicator: indicator, year: period.year)]?.first { $0.month == period.month }?.figure }
        set {
            let key = Series(region: region, indicator: indicator, year: period.year)
            guard let newValue else {
                series[key]?.removeAll { $0.month == period.month }
                return
            }
            Self.put(Month(month: period.month, figure: newValue), into: &series[key, default: []])
        }
    }

    private static func put(_ new: Month, into months: inout [Month]) {
        guard let at = months.firstIndex(where: { $0.month >= new.month }) else { return months.append(new) }
        if months[at].month == new.month { months[at] = new } else { months.insert(new, at: at) }
    }

    public func figure(_ region: String, _ period: Period, _ indicator: String) -> FigureInput? { self[region, period, indicator] }

    /// A submission replaces the figures it lists, whole (as `huizong_submit` does).
    public mutating func apply(_ s: Submission) {
        for f in s.figures { self[s.region, s.period, f.indicator] = f }
    }

    /// The closest month of the same year before (or after) `period` with a stored ytd.
    public func nearestYTD(region: String, indicator: String, _ period: Period, before: Bool)
        -> (period: Period, ytd: ExactDecimal)? {
        guard let months = series[Series(region: region, indicator: indicator, year: period.year)] else { return nil }
        let found = before ? months.last { $0.month < period.month && $0.figure.ytd != nil }
                           : months.first { $0.month > period.month && $0.figure.ytd != nil }
        guard let found, let ytd = found.figure.ytd, let p = Period(year: period.year, month: found.month) else { return nil }
        return (p, ytd)
    }
}
