/// A figure as readers see it (the aggregate object of PROTOCOL.md): for a parent its consolidated
/// value beside its own figure and its children's sum; for a region without children its own figure.
public struct AggregateView: Sendable {
    public var region: String
    public var period: Period
    public var indicator: String
    public var kind: IndicatorKind
    public var value: ExactDecimal?
    public var yoy: ExactDecimal?
    public var own: ExactDecimal?
    public var sum: ExactDecimal?
    /// A ratio's consolidated numerator and denominator.
    public var num: ExactDecimal?
    public var den: ExactDecimal?
    public var reported: Int
    public var expected: Int
    public var status: String
    /// The live (open or resolved) conflict, if any.
    public var conflict: Int64?
    /// The region's own figure as reported, with who reported it.
    public var figure: StoredFigure?
    /// Progress against the region's annual target for the indicator, if one is set.
    public var target: TargetProgress?
    /// The period is locked for this region (by a lock on it or on an ancestor).
    public var locked = false
    /// 预计: the figure is an estimate, or the consolidated value includes one.
    public var estimate = false
    /// The region's place among its parent's children (nil at the top of the tree).
    public var rank: RankPosition?
    /// 环比: month on month, in percent to one decimal (flows whose months are known).
    public var mom: ExactDecimal?
    /// The quality flags of the region's own figure (PROTOCOL.md v1.2), "outlier" before "outside_bounds".
    public var flags: [String] = []
    /// 预计全年: the region's own, else its children's sum (PROTOCOL.md v1.2).
    public var yearEstimate: ExactDecimal?
    /// The month's review, for a region that has a parent (PROTOCOL.md v1.2).
    public var review: ReviewStatus?
    /// For a region with children: how many of them are approved for the period.
    public var approved: Int?

    public init(region: String, period: Period, indicator: String, kind: IndicatorKind, value: ExactDecimal?,
                yoy: ExactDecimal?, own: ExactDecimal?, sum: ExactDecimal?, num: ExactDecimal?, den: ExactDecimal?,
                reported: Int, expected: Int, status: String, conflict: Int64?, figure: StoredFigure?) {
        self.region = region
        self.period = period
        self.indicator = indicator
        self.kind = kind
        self.value = value
        self.yoy = yoy
        self.own = own
        self.sum = sum
        self.num = num
        self.den = den
        self.reported = reported
        self.expected = expected
        self.status = status
        self.conflict = conflict
        self.figure = figure
    }

    /// A region without children: its own figure is its consolidated figure.
    public init(leaf f: StoredFigure) {
        self.init(region: f.region, period: f.period, indicator: f.indicator, kind: f.kind, value: f.headline,
                  yoy: f.figure.yoy, own: f.headline, sum: nil, num: f.figure.num, den: f.figure.den,
                  reported: 0, expected: 0, status: "complete", conflict: nil, figure: f)
        estimate = f.figure.estimate
        yearEstimate = f.figure.yearEstimate
    }
}

/// A broadcast event: a change of the log, with the figure as readers see it and its children's ranking.
public struct AggregateEvent: Sendable {
    public let seq: Int64
    public let view: AggregateView
    public let ranking: [RankedChild]
    public init(seq: Int64, view: AggregateView, ranking: [RankedChild]) {
        self.seq = seq
        self.view = view
        self.ranking = ranking
    }
}

/// A conflict as listed to a city (PROTOCOL.md): both sides, every child's figure, and its audit trail.
public struct ConflictView: Sendable {
    public struct Child: Sendable {
        public var region: String
        public var value: ExactDecimal?
        public var yoy: ExactDecimal?
        public init(region: String, value: ExactDecimal?, yoy: ExactDecimal?) {
            self.region = region
            self.value = value
            self.yoy = yoy
        }
    }

    public var id: Int64
    public var region: String
    public var period: Period
    public var indicator: String
    public var kind: String
    public var own: ExactDecimal?
    public var sum: ExactDecimal?
    public var children: [Child]
    public var state: String
    public var action: String?
    public var note: String?
    public var resolvedBy: String?
    public var resolvedAt: String?
    public var openedAt: String
    public var closedAt: String?

    public init(id: Int64, region: String, period: Period, indicator: String, kind: String, own: ExactDecimal?,
                sum: ExactDecimal?, children: [Child], state: String, action: String?, note: String?,
                resolvedBy: String?, resolvedAt: String?, openedAt: String, closedAt: String?) {
        self.id = id
        self.region = region
        self.period = period
        self.indicator = indicator
        self.kind = kind
        self.own = own
        self.sum = sum
        self.children = children
        self.state = state
        self.action = action
        self.note = note
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
        self.openedAt = openedAt
        self.closedAt = closedAt
    }
}
