/// The running sums a parent keeps over its reporting children, so that a child's change is applied
/// as a difference (remove its old figure, add its new one) instead of re-reading every child.
/// Everything here is exact and invertible: removing what was added restores the sums exactly.
public struct ChildSums: Sendable, Hashable {
    /// Σ of each additive quantity ([level] or [num, den]), with Σ of their rounding tolerances.
    public var amounts: [Amount] = []
    /// Per quantity, how many children wrote it with k decimals: the sum is shown with as many
    /// decimals as its most precise part (0.1 + 0.2 is "0.3"), even after a part is taken back.
    public var amountScales: [[Int]] = []
    /// Σ implied prior-year level ytd/(1 + yoy/100) over the children with a usable yoy.
    public var prior: ExactDecimal = .zero
    public var withGrowth = 0
    /// How many children wrote their yoy with k decimals (k = 0…12): the growth tolerance needs the
    /// least precise, the published growth the most precise, and a count can be taken back.
    public var yoyScales: [Int] = Self.noScales
    static let noScales = Array(repeating: 0, count: ExactDecimal.maxScale + 1)
    public var reported = 0
    /// Children whose figure is final (not a partial sum still filling in).
    public var final = 0
    /// Children whose figure is an estimate (预计) or includes one.
    public var estimates = 0

    public init() {}

    public init(_ children: [Consolidated], kind: IndicatorKind) {
        for c in children { add(c, kind: kind) }
    }

    public mutating func add(_ c: Consolidated, kind: IndicatorKind) { apply(c, kind: kind, sign: 1) }
    public mutating func remove(_ c: Consolidated, kind: IndicatorKind) { apply(c, kind: kind, sign: -1) }

    private mutating func apply(_ c: Consolidated, kind: IndicatorKind, sign: Int) {
        if amounts.isEmpty {
            amounts = c.amounts.map { _ in Amount(value: .zero, tolerance: .zero) }
            amountScales = c.amounts.map { _ in Self.noScales }
        }
        for i in amounts.indices where i < c.amounts.count {
            amounts[i] = sign > 0 ? amounts[i] + c.amounts[i] : amounts[i] - c.amounts[i]
            amountScales[i][min(c.amounts[i].value.scale, ExactDecimal.maxScale)] += sign
        }
        reported += sign
        if c.isFinal { final += sign }
        if c.estimate { estimates += sign }
        if kind != .ratio, let yoy = c.yoy, let p = Reconciler.impliedPrior(level: c.amounts[0].value, yoy: yoy) {
            prior = sign > 0 ? prior + p : prior - p
            withGrowth += sign
            yoyScales[min(yoy.scale, ExactDecimal.maxScale)] += sign
        }
        if reported == 0 { self = ChildSums() }
    }

    /// Σ over the children, as a consolidated figure (nil before any child reported).
    func sum(region: String, complete: Bool) -> Consolidated? {
        guard reported > 0 else { return nil }
        let shown = amounts.indices.map { i in
            Amount(value: amounts[i].value.reduced(to: amountScales[i].lastIndex { $0 > 0 } ?? 0), tolerance: amounts[i].tolerance)
        }
        return Consolidated(region: region, amounts: shown, yoy: nil, isFinal: complete, estimate: estimates > 0)
    }

    /// Σ level / Σ implied prior − 1 in percent, exact (for comparing) and as published (one decimal
    /// more than the most precise child's yoy); nil unless every reporting child has a yoy.
    var growth: (exact: ExactDecimal, published: ExactDecimal, leastPrecise: Int)? {
        guard reported > 0, withGrowth == reported, let level = amounts.first?.value,
              let least = yoyScales.firstIndex(where: { $0 > 0 }), let most = yoyScales.lastIndex(where: { $0 > 0 }),
              let exact = Growth.percent(level, over: prior, scale: Reconciler.priorScale - 2) else { return nil }
        return (exact, exact.rounded(to: min(most + 1, 4)), least)
    }
}

extension ExactDecimal {
    /// The same value written with fewer decimals, when only zeros are dropped; else unchanged.
    func reduced(to newScale: Int) -> ExactDecimal {
        guard newScale < scale else { return self }
        let p = Self.powerOfTen(scale - newScale)
        return significand % p == 0 ? ExactDecimal(significand: significand / p, scale: newScale) : self
    }
}
