public enum RegionLevel: String, Sendable, CaseIterable {
    case province, city, county
}

public struct Region: Sendable, Hashable {
    public let code: String
    public let name: String
    /// Explicit in the reference data, never derived from the code, so that functional zones with
    /// statistics-only codes (e.g. 130171) sit under their city.
    public let parent: String?
    public let level: RegionLevel
    /// False for a unit whose figures overlap its siblings' (a development zone across districts):
    /// it reports, is ranked and shown, but is not added to its parent's sum nor counted in `expected`.
    public let inSum: Bool

    public init(code: String, name: String, parent: String?, level: RegionLevel, inSum: Bool = true) {
        self.code = code
        self.name = name
        self.parent = parent
        self.level = level
        self.inSum = inSum
    }
}

/// The administrative hierarchy: provinces, cities, counties (and zones) with parent links.
public struct RegionTree: Sendable {
    public let regions: [String: Region]
    public let children: [String: [String]]
    /// The children each parent's sum adds up (and `expected` counts): those not outside the sum.
    private let summedChildren: [String: [String]]

    public init(_ list: [Region]) {
        var byCode: [String: Region] = [:]
        var kids: [String: [String]] = [:]
        for r in list {
            byCode[r.code] = r
            if let p = r.parent { kids[p, default: []].append(r.code) }
        }
        regions = byCode
        children = kids.mapValues { $0.sorted() }
        summedChildren = children.mapValues { $0.filter { byCode[$0]?.inSum ?? true } }
    }

    public subscript(code: String) -> Region? { regions[code] }

    /// The children a parent's sum adds up (and `expected` counts): those not outside the sum.
    public func summed(_ code: String) -> [String] { summedChildren[code] ?? [] }

    /// The parent whose sum the region's figures enter: nil at the top and for a unit outside the sum.
    public func summingParent(of code: String) -> String? {
        guard let r = regions[code], r.inSum else { return nil }
        return r.parent
    }

    /// Parent, grandparent, … up to the province, nearest first.
    public func ancestors(of code: String) -> [String] {
        var out: [String] = []
        var cursor = regions[code]?.parent
        while let c = cursor, out.count < 16 {  // the bound guards against a cycle in bad reference data
            out.append(c)
            cursor = regions[c]?.parent
        }
        return out
    }

    /// The region and everything under it, parents before their children.
    public func subtree(of code: String) -> [String] {
        var out = [code]
        var i = 0
        while i < out.count, out.count < 100_000 {
            out += children[out[i]] ?? []
            i += 1
        }
        return out
    }

    /// The ancestors whose sums the region's figures enter, nearest first: none for a unit outside
    /// its parent's sum (and, above a parent, the chain goes on as long as each is summed).
    public func summingAncestors(of code: String) -> [String] {
        var out: [String] = []
        var cursor = summingParent(of: code)
        while let c = cursor, out.count < 16 {
            out.append(c)
            cursor = summingParent(of: c)
        }
        return out
    }

    /// True when `code` is `ancestor` itself or lies anywhere under it.
    public func isWithin(_ code: String, _ ancestor: String) -> Bool {
        code == ancestor || ancestors(of: code).contains(ancestor)
    }
}
