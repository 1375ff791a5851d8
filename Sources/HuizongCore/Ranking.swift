/// Rankings of a parent's children (PROTOCOL.md): by level, rank 1 the largest, and by growth,
/// rank 1 the fastest; equal figures share a rank and the next rank skips (1, 2, 2, 4).
public struct RankedChild: Sendable, Hashable {
    public var region: String
    public var value: ExactDecimal
    public var rank: Int
    public var yoy: ExactDecimal?
    public var yoyRank: Int?
}

public enum Ranking {
    /// The children that reported a value, ordered by rank (then by region code).
    public static func rank(_ children: [(region: String, value: ExactDecimal?, yoy: ExactDecimal?)]) -> [RankedChild] {
        let reported = children.compactMap { c in c.value.map { (c.region, $0, c.yoy) } }
        let byValue = competitionRanks(reported.map { $0.1 })
        let withYoy = reported.indices.filter { reported[$0].2 != nil }
        let yoyRanks = competitionRanks(withYoy.map { reported[$0].2! })
        var yoyRank: [Int: Int] = [:]
        for (i, index) in withYoy.enumerated() { yoyRank[index] = yoyRanks[i] }
        return reported.indices
            .map { RankedChild(region: reported[$0].0, value: reported[$0].1, rank: byValue[$0], yoy: reported[$0].2, yoyRank: yoyRank[$0]) }
            .sorted { ($0.rank, $0.region) < ($1.rank, $1.region) }
    }

    /// Rank of each value among all: 1 + how many are strictly larger.
    static func competitionRanks(_ values: [ExactDecimal]) -> [Int] {
        let sorted = values.sorted(by: >)
        return values.map { v in 1 + (sorted.firstIndex { $0 <= v } ?? sorted.count) }
    }
}
