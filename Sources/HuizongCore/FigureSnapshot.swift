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
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for b in region.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ 0xff) &* 0x100_0000_01b3
        for b in indicator.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        fingerprint = h ^ UInt64(truncatingIfNeeded: period.year &* 16 &+ period.month)
    }

    public static func == (a: FigureKey, b: FigureKey) -> Bool {
        a.fingerprint == b.fingerprint && a.period == b.period && a.region == b.region && a.indicator == b.indicator
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    public var description: String { "\(region)/\(period)/\(indicator)" }
}

/// The stored figures that the rules about history consult: the same region and period (part ≤
/// whole), the nearest earlier and later months of the year (ytd never falls), and the same month a
/// year before (nominal growth). The writer fills it from the database once per batch and applies each
/// accepted submission to it, so a submission is checked against the ones queued before it.
///
/// Held as one series of twelve months per (region, indicator, year): a figure is one lookup, and
/// the nearest month with a ytd is a scan of the series, not a lookup per month.
public struct FigureSnapshot: Sendable {
    private struct Series: Hashable, Sendable {
        let region: String
        let indicator: String
        let year: Int
    }
    private var series: [Series: [FigureInput?]] = [:]

    public init() {}

    public subscript(region: String, period: Period, indicator: String) -> FigureInput? {
        get { series[Series(region: region, indicator: indicator, year: period.year)]?[period.month - 1] }
        set {
            let key = Series(region: region, indicator: indicator, year: period.year)
            if series[key] == nil {
                guard newValue != nil else { return }
                series[key] = Array(repeating: nil, count: 12)
            }
            series[key]![period.month - 1] = newValue
        }
    }

    /// A submission replaces the figures it lists, whole (as `huizong_submit` does).
    public mutating func apply(_ s: Submission) {
        for f in s.figures { self[s.region, s.period, f.indicator] = f }
    }

    /// The closest month of the same year before (or after) `period` with a stored ytd.
    public func nearestYTD(region: String, indicator: String, _ period: Period, before: Bool)
        -> (period: Period, ytd: ExactDecimal)? {
        guard let months = series[Series(region: region, indicator: indicator, year: period.year)] else { return nil }
        let order = before ? Array(stride(from: period.month - 1, through: 1, by: -1))
                           : Array(stride(from: period.month + 1, through: 12, by: 1))
        for m in order {
            if let ytd = months[m - 1]?.ytd, let p = Period(year: period.year, month: m) { return (p, ytd) }
        }
        return nil
    }
}
