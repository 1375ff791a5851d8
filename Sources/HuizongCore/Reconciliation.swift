/// A level together with how far rounding can have moved it: ½·10^(−d) for a figure written with d
/// decimals, and the sum of its parts' tolerances for a sum (PROTOCOL.md, "Reconciliation").
public struct Amount: Sendable, Hashable {
    public var value: ExactDecimal
    public var tolerance: ExactDecimal

    public init(value: ExactDecimal, tolerance: ExactDecimal) {
        self.value = value
        self.tolerance = tolerance
    }

    /// A figure as written: its rounding is half a unit of its last decimal.
    public init(written value: ExactDecimal) { self.init(value: value, tolerance: value.halfUnit) }

    public static func + (a: Amount, b: Amount) -> Amount {
        Amount(value: a.value + b.value, tolerance: a.tolerance + b.tolerance)
    }

    public static func - (a: Amount, b: Amount) -> Amount {
        Amount(value: a.value - b.value, tolerance: a.tolerance - b.tolerance)
    }

    /// True when the two could be roundings of the same value.
    public func agrees(with other: Amount) -> Bool {
        (value - other.value).magnitude <= tolerance + other.tolerance
    }
}

/// One region's figure for a period and indicator as its parent adds it up: the additive amounts
/// (a flow's ytd or a stock's value; a ratio's num and den) and the growth.
public struct Consolidated: Sendable, Hashable {
    public var region: String
    /// [level] for flows and stocks, [num, den] for ratios.
    public var amounts: [Amount]
    public var yoy: ExactDecimal?
    /// False for a partial sum (a parent without its own figure, some of whose children have not
    /// reported yet): its parent cannot judge a conflict on it, since more is to come.
    public var isFinal: Bool
    /// 预计: the figure is an estimate, or (a sum) includes one.
    public var estimate: Bool

    public init(region: String, amounts: [Amount], yoy: ExactDecimal?, isFinal: Bool = true, estimate: Bool = false) {
        self.region = region
        self.amounts = amounts
        self.yoy = yoy
        self.isFinal = isFinal
        self.estimate = estimate
    }

    /// A reported figure, as written.
    public init?(region: String, figure f: FigureInput, kind: IndicatorKind) {
        switch kind {
        case .flow: guard let ytd = f.ytd else { return nil }; amounts = [Amount(written: ytd)]
        case .stock: guard let v = f.value else { return nil }; amounts = [Amount(written: v)]
        case .ratio:
            guard let n = f.num, let d = f.den else { return nil }
            amounts = [Amount(written: n), Amount(written: d)]
        }
        self.region = region
        yoy = f.yoy
        isFinal = true
        estimate = f.estimate
    }

    /// The headline: the level, or num/den for a ratio.
    public var value: ExactDecimal? {
        amounts.count == 2 ? ExactDecimal.ratio(amounts[0].value, amounts[1].value) : amounts.first?.value
    }
}

public enum ConflictKind: String, Sendable, CaseIterable { case level, growth }
public enum ConflictSide: String, Sendable { case own = "accept_own", sum = "accept_sum" }
public enum AggregateStatus: String, Sendable { case complete, partial, disputed, resolved }

/// Everything a parent's reconciliation needs, already read.
public struct ReconcileInput: Sendable {
    public var region: String
    public var kind: IndicatorKind
    /// The parent's own figure, if it reported one.
    public var own: FigureInput?
    /// The running sums over the children that reported.
    public var sums: ChildSums
    /// How many children the reference data gives the parent.
    public var expected: Int

    public init(region: String, kind: IndicatorKind, own: FigureInput?, sums: ChildSums, expected: Int) {
        self.region = region
        self.kind = kind
        self.own = own
        self.sums = sums
        self.expected = expected
    }

    /// From the children's figures themselves (what the sums are kept equal to).
    public init(region: String, kind: IndicatorKind, own: FigureInput?, children: [Consolidated], expected: Int) {
        self.init(region: region, kind: kind, own: own, sums: ChildSums(children, kind: kind), expected: expected)
    }
}

/// A disagreement between a parent's own figure and its children's sum, beyond rounding.
public struct Dispute: Sendable, Hashable {
    public var kind: ConflictKind
    public var own: ExactDecimal
    public var sum: ExactDecimal
}

/// The outcome for one (parent, period, indicator).
public struct Reconciliation: Sendable {
    public var region: String
    public var own: Consolidated?
    public var sum: Consolidated?
    /// The sum's growth, Σ ytd / Σ implied prior − 1, unrounded (for comparing) and as published.
    public var sumYoyExact: ExactDecimal?
    public var reported: Int
    public var expected: Int
    public var disputes: [Dispute]
    /// Every child reported, and no child's figure is a partial sum.
    public var isComplete: Bool

    init(region: String, own: Consolidated?, sum: Consolidated?, sumYoyExact: ExactDecimal?, reported: Int,
         expected: Int, isComplete: Bool) {
        self.region = region
        self.own = own
        self.sum = sum
        self.sumYoyExact = sumYoyExact
        self.reported = reported
        self.expected = expected
        self.disputes = []
        self.isComplete = isComplete
    }
}

/// Reconciliation of a parent against its children (PROTOCOL.md): sums with their rounding
/// tolerance, growth from implied prior-year levels, ratios as Σnum/Σden. Pure arithmetic on exact
/// decimals; the writer supplies the figures and stores the result.
public enum Reconciler {
    /// Decimals of the implied prior-year levels: enough that the growth computed from their sums is
    /// exact to far below any written precision.
    static let priorScale = 10

    public static func reconcile(_ input: ReconcileInput) -> Reconciliation {
        let own = input.own.flatMap { Consolidated(region: input.region, figure: $0, kind: input.kind) }
        let sums = input.sums
        let complete = sums.reported == input.expected && sums.final == sums.reported
        var sum = sums.sum(region: input.region, complete: complete)
        let growth = input.kind == .ratio ? nil : sums.growth
        sum?.yoy = growth?.published
        var r = Reconciliation(region: input.region, own: own, sum: sum, sumYoyExact: growth?.exact,
                               reported: sums.reported, expected: input.expected, isComplete: complete)
        guard let own, let sum, complete else { return r }
        if zip(own.amounts, sum.amounts).contains(where: { !$0.agrees(with: $1) }),
           let o = own.value, let s = sum.value {
            r.disputes.append(Dispute(kind: .level, own: o, sum: s))
        }
        if let ownYoy = own.yoy, let growth {
            let tolerance = ownYoy.halfUnit + ExactDecimal(significand: 5, scale: growth.leastPrecise + 1)
            if (ownYoy - growth.exact).magnitude > tolerance {
                r.disputes.append(Dispute(kind: .growth, own: ownYoy, sum: growth.published))
            }
        }
        return r
    }

    /// A child's prior-year level implied by its growth: level / (1 + yoy/100), to `priorScale`
    /// decimals; nil when the growth is −100 % or below.
    public static func impliedPrior(level: ExactDecimal, yoy: ExactDecimal) -> ExactDecimal? {
        let base = ExactDecimal(100) + yoy
        guard !base.isZero, !base.isNegative, let scaled = level.multiplied(by: ExactDecimal(100)) else { return nil }
        return scaled.divided(by: base, scale: priorScale)
    }
}

/// A conflict as stored: its sides and state, so that reconciliation can keep, close or follow it.
public struct ConflictRecord: Sendable, Hashable {
    public var id: Int64
    public var kind: ConflictKind
    public var own: ExactDecimal
    public var sum: ExactDecimal
    public var resolution: ConflictSide?

    public init(id: Int64, kind: ConflictKind, own: ExactDecimal, sum: ExactDecimal, resolution: ConflictSide?) {
        self.id = id
        self.kind = kind
        self.own = own
        self.sum = sum
        self.resolution = resolution
    }
}

/// What to do with the stored conflicts of one (parent, period, indicator).
public enum ConflictChange: Sendable, Hashable {
    case open(Dispute)
    /// Still open, sides moved: update them in place.
    case update(id: Int64, Dispute)
    /// The sides agree now, or a resolved conflict's sides changed (it is closed and a new one opens).
    case close(id: Int64)
}

/// The figure readers see for a parent, after conflicts and resolutions.
public struct Aggregate: Sendable {
    public var reconciliation: Reconciliation
    public var status: AggregateStatus
    /// What readers see, and what the parent's own parent adds up.
    public var consolidated: Consolidated?
    /// 预计全年: the sum of the children's, when every child that reported the level gave one.
    public var yearEstimate: ExactDecimal?

    public var value: ExactDecimal? { consolidated?.value }
    public var yoy: ExactDecimal? { consolidated?.yoy }
}

extension Reconciler {
    /// Applies resolutions: a resolved conflict whose sides are unchanged decides which side readers
    /// see; one whose sides changed no longer holds (closed, a new one opens); a conflict whose sides
    /// now agree closes by itself.
    public static func settle(_ r: Reconciliation, existing: [ConflictRecord]) -> (Aggregate, [ConflictChange]) {
        var changes: [ConflictChange] = []
        var resolutions: [ConflictKind: ConflictSide] = [:]
        var open = false
        for kind in ConflictKind.allCases {
            let dispute = r.disputes.first { $0.kind == kind }
            let stored = existing.first { $0.kind == kind }
            switch (dispute, stored) {
            case (nil, nil): break
            case (nil, let s?): changes.append(.close(id: s.id))
            case (let d?, nil): changes.append(.open(d)); open = true
            case (let d?, let s?):
                let same = s.own.isIdentical(to: d.own) && s.sum.isIdentical(to: d.sum)
                if let side = s.resolution, same {
                    resolutions[kind] = side
                } else if s.resolution != nil {
                    changes.append(.close(id: s.id)); changes.append(.open(d)); open = true
                } else {
                    if !same { changes.append(.update(id: s.id, d)) }
                    open = true
                }
            }
        }
        // The own figure is the parent's official one: readers see it unless a resolution took the sum.
        var consolidated = r.own ?? r.sum
        if let own = r.own, let sum = r.sum {
            var c = own
            if resolutions[.level] == .sum { c.amounts = sum.amounts; c.estimate = sum.estimate }
            if resolutions[.growth] == .sum || own.yoy == nil { c.yoy = sum.yoy }
            consolidated = c
        }
        let status: AggregateStatus = open ? .disputed : !resolutions.isEmpty ? .resolved : r.isComplete ? .complete : .partial
        return (Aggregate(reconciliation: r, status: status, consolidated: consolidated), changes)
    }
}
