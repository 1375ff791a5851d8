/// A figure as stored for a region and period, with who last changed it.
public struct StoredFigure: Sendable {
    public var region: String
    public var period: Period
    public var indicator: String
    public var kind: IndicatorKind
    public var ytd, month, yoy, value, num, den: ExactDecimal?
    public var note: String?
    public var revision: Int
    public var office: String
    public var updatedAt: String

    public init(region: String, period: Period, indicator: String, kind: IndicatorKind,
                ytd: ExactDecimal? = nil, month: ExactDecimal? = nil, yoy: ExactDecimal? = nil,
                value: ExactDecimal? = nil, num: ExactDecimal? = nil, den: ExactDecimal? = nil,
                note: String? = nil, revision: Int, office: String, updatedAt: String) {
        self.region = region
        self.period = period
        self.indicator = indicator
        self.kind = kind
        self.ytd = ytd
        self.month = month
        self.yoy = yoy
        self.value = value
        self.num = num
        self.den = den
        self.note = note
        self.revision = revision
        self.office = office
        self.updatedAt = updatedAt
    }

    /// The headline value of the aggregate object: ytd for a flow, value for a stock, num/den for a ratio.
    public var headline: ExactDecimal? {
        switch kind {
        case .flow: return ytd
        case .stock: return value
        case .ratio:
            if let value { return value }
            guard let num, let den else { return nil }
            return ExactDecimal.ratio(num, den)
        }
    }
}
