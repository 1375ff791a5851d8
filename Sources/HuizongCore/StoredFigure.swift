/// A figure as stored for a region and period: the figure as reported, and who last changed it.
public struct StoredFigure: Sendable {
    public var region: String
    public var period: Period
    public var kind: IndicatorKind
    public var figure: FigureInput
    public var revision: Int
    public var office: String
    public var updatedAt: String

    public init(region: String, period: Period, kind: IndicatorKind, figure: FigureInput,
                revision: Int, office: String, updatedAt: String) {
        self.region = region
        self.period = period
        self.kind = kind
        self.figure = figure
        self.revision = revision
        self.office = office
        self.updatedAt = updatedAt
    }

    public var indicator: String { figure.indicator }

    /// The headline value of the aggregate object: ytd for a flow, value for a stock, num/den for a ratio.
    public var headline: ExactDecimal? { Growth.level(of: figure, kind) }
}
