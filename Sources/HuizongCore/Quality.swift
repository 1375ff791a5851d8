/// Data quality (PROTOCOL.md v1.2, after DHIS2's outlier analysis and min-max bounds): a figure far
/// from the region's own history, or outside the bounds its city set, is accepted with a warning
/// and flagged where it is stored.
public enum QualityCode: String, Sendable, CaseIterable { case outlier, outsideBounds = "outside_bounds" }

/// The fields bounds may be set on.
public enum BoundedField: String, Sendable, CaseIterable { case ytd, month, value, yoy }

/// A region's bounds for one field of an indicator; either side may be open.
public struct Bound: Sendable, Hashable {
    public var min: ExactDecimal?
    public var max: ExactDecimal?

    public init(min: ExactDecimal? = nil, max: ExactDecimal? = nil) {
        self.min = min
        self.max = max
    }

    public var isEmpty: Bool { min == nil && max == nil }

    public func contains(_ x: ExactDecimal) -> Bool {
        (min.map { x >= $0 } ?? true) && (max.map { x <= $0 } ?? true)
    }
}

public struct BoundKey: Hashable, Sendable {
    public let region: String
    public let indicator: String
    public let field: BoundedField

    public init(region: String, indicator: String, field: BoundedField) {
        self.region = region
        self.indicator = indicator
        self.field = field
    }
}

/// One flag of a stored figure, with what `outliers` shows of it.
public struct QualityFlag: Sendable, Hashable {
    public var code: QualityCode
    public var field: String
    public var value: ExactDecimal
    public var median: ExactDecimal?
    public var score: ExactDecimal?
    public var min: ExactDecimal?
    public var max: ExactDecimal?

    public init(code: QualityCode, field: String, value: ExactDecimal, median: ExactDecimal? = nil, score: ExactDecimal? = nil,
                min: ExactDecimal? = nil, max: ExactDecimal? = nil) {
        self.code = code
        self.field = field
        self.value = value
        self.median = median
        self.score = score
        self.min = min
        self.max = max
    }
}

public enum Outliers {
    /// At least this many known values before a figure is judged against them.
    public static let minimumHistory = 8
    static let factor = ExactDecimal(significand: 6745, scale: 4)
    static let threshold = ExactDecimal(significand: 35, scale: 1)

    /// The median: the middle value, or the mean of the two middle ones (exact, trailing zeros dropped
    /// to the most decimals a value has).
    public static func median(_ values: [ExactDecimal]) -> ExactDecimal? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = sorted.count
        if n % 2 == 1 { return sorted[n / 2] }
        let (a, b) = (sorted[n / 2 - 1], sorted[n / 2])
        let scale = Swift.max(a.scale, b.scale)
        return (a + b).divided(by: ExactDecimal(2), scale: scale + 1)?.reduced(to: scale)
    }

    /// The modified z-score 0.6745 × (x − median) / MAD of `x` against `history`, when the history has
    /// at least `minimumHistory` values and a MAD above zero, and it is beyond ±3.5 (compared
    /// exactly); the score shown to one decimal, half away from zero.
    public static func judge(_ x: ExactDecimal, history: [ExactDecimal]) -> (median: ExactDecimal, score: ExactDecimal)? {
        guard history.count >= minimumHistory, isOutlier(x, history) ?? true, let m = median(history),
              let mad = median(history.map { ($0 - m).magnitude }), mad > .zero,
              let scaled = (x - m).multiplied(by: factor), let bound = threshold.multiplied(by: mad),
              scaled.magnitude > bound, let score = scaled.divided(by: mad, scale: 1) else { return nil }
        return (m, score)
    }

    /// The same test in integers at one scale, without a decimal allocated: nearly every figure
    /// passes it. nil when a value does not fit (the exact path decides).
    static func isOutlier(_ x: ExactDecimal, _ history: [ExactDecimal]) -> Bool? {
        let scale = history.reduce(x.scale) { Swift.max($0, $1.scale) }
        func scaled(_ d: ExactDecimal) -> Int128? {
            let (v, overflow) = d.significand.multipliedReportingOverflow(by: ExactDecimal.powerOfTen(scale - d.scale))
            return overflow || v.magnitude > (Int128.max / 1_000_000).magnitude ? nil : v
        }
        guard let xs = scaled(x) else { return nil }
        var v: [Int128] = []
        v.reserveCapacity(history.count)
        for h in history { guard let s = scaled(h) else { return nil }; v.append(s) }
        v.sort()
        let n = v.count
        // Doubled: 2·median is an integer for an even count too.
        let median2 = n % 2 == 1 ? 2 * v[n / 2] : v[n / 2 - 1] + v[n / 2]
        var d = v.map { (2 * $0 - median2).magnitude }
        d.sort()
        // 4·MAD, from the doubled deviations.
        let mad4 = n % 2 == 1 ? 2 * d[n / 2] : d[n / 2 - 1] + d[n / 2]
        guard mad4 > 0 else { return false }
        // |0.6745 (x − m)| > 3.5 MAD  ⇔  6745 · |4x − 4m| > 35000 · 4MAD
        let deviation4 = (4 * xs - 2 * median2).magnitude
        return 6745 * deviation4 > 35000 * mad4
    }
}
