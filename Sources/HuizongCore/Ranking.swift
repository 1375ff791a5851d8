/// Rankings of a parent's children (PROTOCOL.md): by level and by growth, rank 1 the largest (the
/// smallest for an indicator whose `better` is `lower`); equal figures share a rank and the next
/// rank skips (1, 2, 2, 4). A child that reported only a growth is ranked by growth only.
public struct RankedChild: Sendable, Hashable {
    public var region: String
    public var value: ExactDecimal?
    public var rank: Int?
    public var yoy: ExactDecimal?
    public var yoyRank: Int?
}

/// One region's place among its parent's children in one period, and for how many consecutive
/// months of the year, ending there, it has held that place (v1.1 "Rankings the ranked office can
/// see"). It carries no sibling's figure.
public struct RankPosition: Sendable, Hashable {
    public var parent: String
    /// Children that reported (a level or a growth).
    public var of: Int
    public var value: Int?
    public var yoy: Int?
    public var valueStreak: Int?
    public var yoyStreak: Int?
    /// The region's growth minus its parent's, in percentage points to one decimal (PROTOCOL.md
    /// v1.2: "高于全市平均增速1.6个百分点" is 1.6); nil where either is unknown.
    public var gap: ExactDecimal?
    /// The region's place in each peer group it belongs to (PROTOCOL.md v1.2).
    public var groups: [GroupRank] = []

    public init(parent: String, of: Int, value: Int?, yoy: Int?, valueStreak: Int?, yoyStreak: Int?) {
        self.parent = parent
        self.of = of
        self.value = value
        self.yoy = yoy
        self.valueStreak = valueStreak
        self.yoyStreak = yoyStreak
    }
}

public enum Ranking {
    public typealias Child = (region: String, value: ExactDecimal?, yoy: ExactDecimal?)

    /// The children that reported, ordered by level rank then region code; those with a growth only
    /// come last.
    public static func rank(_ children: [Child], better: Better = .higher) -> [RankedChild] {
        let reported = children.filter { $0.value != nil || $0.yoy != nil }
        let valueRanks = ranks(reported.map(\.value), better: better)
        let yoyRanks = ranks(reported.map(\.yoy), better: better)
        return reported.indices
            .map { RankedChild(region: reported[$0].region, value: reported[$0].value, rank: valueRanks[$0],
                               yoy: reported[$0].yoy, yoyRank: yoyRanks[$0]) }
            .sorted { ($0.rank ?? Int.max, $0.region) < ($1.rank ?? Int.max, $1.region) }
    }

    /// Competition rank of each present value among the present ones: 1 + how many are strictly
    /// better. Sorted once; each rank is a binary search (O(n log n) for the whole list).
    public static func ranks(_ values: [ExactDecimal?], better: Better) -> [Int?] {
        let present = values.compactMap { $0 }.sorted(by: better == .higher ? (>) : (<))
        return values.map { v in
            guard let v else { return nil }
            var (lo, hi) = (0, present.count)  // first index whose value is not strictly better than v
            while lo < hi {
                let mid = (lo + hi) / 2
                let strictlyBetter = better == .higher ? present[mid] > v : present[mid] < v
                if strictlyBetter { lo = mid + 1 } else { hi = mid }
            }
            return lo + 1
        }
    }

    /// Each reporting child's ranks in one month, by region: computed once per parent and month,
    /// however many of its children are asked about.
    public static func places(_ children: [Child], better: Better) -> [String: RankedChild] {
        Dictionary(rank(children, better: better).map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The position of `region` in the last month of `months` (the year's months up to the period,
    /// each the parent's children as reported then), with its streaks: how many months, ending at
    /// the last, it held the same rank without a gap.
    public static func position(of region: String, parent: String, months: [[Child]], better: Better) -> RankPosition? {
        position(of: region, parent: parent, places: months.map { places($0, better: better) })
    }

    /// The same from each month's `places`.
    public static func position(of region: String, parent: String, places months: some BidirectionalCollection<[String: RankedChild]>) -> RankPosition? {
        guard let last = months.last, let now = last[region] else { return nil }
        var valueStreak = now.rank == nil ? 0 : 1, yoyStreak = now.yoyRank == nil ? 0 : 1
        var valueHeld = now.rank != nil, yoyHeld = now.yoyRank != nil
        for month in months.dropLast().reversed() where valueHeld || yoyHeld {
            let then = month[region]
            if valueHeld, let v = then?.rank, v == now.rank { valueStreak += 1 } else { valueHeld = false }
            if yoyHeld, let y = then?.yoyRank, y == now.yoyRank { yoyStreak += 1 } else { yoyHeld = false }
        }
        return RankPosition(parent: parent, of: last.count, value: now.rank, yoy: now.yoyRank,
                            valueStreak: now.rank == nil ? nil : valueStreak, yoyStreak: now.yoyRank == nil ? nil : yoyStreak)
    }

    /// The gap of a growth to its parent's: yoy − parent's yoy, half away from zero to one decimal.
    public static func gap(_ yoy: ExactDecimal?, _ parentYoy: ExactDecimal?) -> ExactDecimal? {
        guard let yoy, let parentYoy else { return nil }
        return (yoy - parentYoy).divided(by: ExactDecimal(1), scale: 1)
    }

    /// 环比: (month(M) / month(M−1) − 1) × 100, half away from zero to one decimal; nil where either
    /// month is unknown or month(M−1) is zero.
    public static func monthOnMonth(_ now: ExactDecimal?, _ before: ExactDecimal?) -> ExactDecimal? {
        guard let now, let before, !before.isZero, let q = (now - before).multiplied(by: ExactDecimal(100)) else { return nil }
        return q.divided(by: before, scale: 1)
    }
}
