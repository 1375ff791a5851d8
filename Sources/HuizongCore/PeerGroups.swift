/// Peer groups (PROTOCOL.md v1.2): regions ranked together though they are not one parent's
/// children — 山区26县, the provincial development zones. Reference data, like the region tree.
public struct PeerGroup: Sendable, Hashable {
    public let code: String
    public let name: String
    public let members: [String]

    public init(code: String, name: String, members: [String]) {
        self.code = code
        self.name = name
        self.members = members
    }
}

public struct PeerGroups: Sendable {
    /// By code.
    public let list: [PeerGroup]
    private let byCode: [String: Int]
    private let byMember: [String: [Int]]

    public init(_ groups: [PeerGroup] = []) {
        list = groups.sorted { $0.code < $1.code }
        byCode = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1.code, $0) })
        var members: [String: [Int]] = [:]
        for (i, g) in list.enumerated() { for m in g.members { members[m, default: []].append(i) } }
        byMember = members
    }

    public subscript(code: String) -> PeerGroup? { byCode[code].map { list[$0] } }

    /// The groups a region belongs to, by code.
    public func of(_ region: String) -> [PeerGroup] { (byMember[region] ?? []).map { list[$0] } }

    public var isEmpty: Bool { list.isEmpty }
}

/// A region's place in one of its groups, as the `rank` object's `groups` shows it: a place like
/// among siblings (its `parent` the group's code, its `gap` to the group's growth).
public struct GroupRank: Sendable, Hashable {
    public var name: String
    public var position: RankPosition

    public init(_ group: PeerGroup, position: RankPosition) {
        name = group.name
        self.position = position
    }
}

extension Ranking {
    /// A group's growth: Σ level / Σ implied prior − 1, in percent, over the members that reported
    /// both a level and a growth (exact enough to round once more); nil when none did.
    public static func groupGrowth(_ members: [Child]) -> ExactDecimal? {
        var level = ExactDecimal.zero, prior = ExactDecimal.zero
        var any = false
        for m in members {
            guard let v = m.value, let y = m.yoy, let p = Reconciler.impliedPrior(level: v, yoy: y) else { continue }
            level = level + v
            prior = prior + p
            any = true
        }
        guard any else { return nil }
        return Growth.percent(level, over: prior, scale: Reconciler.priorScale - 2)
    }

    /// The region's place among a group's members in each month of the year up to the last, and its
    /// gap to the group's growth in that month.
    public static func groupRank(of region: String, in group: PeerGroup, months: [[Child]], better: Better) -> GroupRank? {
        guard var position = position(of: region, parent: group.code, months: months, better: better),
              let last = months.last else { return nil }
        position.gap = gap(last.first { $0.region == region }?.yoy, groupGrowth(last))
        return GroupRank(group, position: position)
    }
}
