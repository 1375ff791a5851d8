/// Incremental consolidation up the region tree. A parent keeps running sums over its children
/// (`ChildSums`); a changed figure is applied to its parent as a difference, and the parent's changed
/// consolidated figure to the grandparent, and so on: only ancestors are touched, and only their own
/// rows are read. The writer reads the inputs in one round trip and stores the outputs; this part
/// does no I/O.
public struct ConsolidationInputs: Sendable {
    /// What is stored for each parent being recomputed.
    public var stored: [FigureKey: StoredAggregate] = [:]
    /// The parents' own figures (as they stand after the writes being consolidated).
    public var own: [FigureKey: FigureInput] = [:]
    /// Live (open or resolved) conflicts of the parents being recomputed.
    public var conflicts: [FigureKey: [ConflictRecord]] = [:]
    /// Figures of regions without children that changed, in the order they changed.
    public var changes: [ChildChange] = []

    public init() {}
}

/// A parent's stored state: the sums over its children, and the consolidated figure its own parent
/// last added up.
public struct StoredAggregate: Sendable, Hashable {
    public var sums: ChildSums
    public var consolidated: Consolidated?
    public init(sums: ChildSums, consolidated: Consolidated?) {
        self.sums = sums
        self.consolidated = consolidated
    }
}

/// A child's figure before and after a change (nil: not reported).
public struct ChildChange: Sendable, Hashable {
    public var key: FigureKey
    public var old: Consolidated?
    public var new: Consolidated?
    public init(key: FigureKey, old: Consolidated?, new: Consolidated?) {
        self.key = key
        self.old = old
        self.new = new
    }
}

/// The parent figures a batch makes to recompute, gathered submission by submission. The counties
/// of one city report the same indicators: a parent's month that was just given the same list is
/// not expanded again (a bulk batch otherwise hashed forty keys per submission, nearly all present).
public struct AffectedKeys: Sendable {
    public private(set) var keys: Set<FigureKey> = []
    private var lastList: [RegionPeriod: [String]] = [:]

    public init() {}

    public mutating func add(region: String, period: Period, indicators: [String], tree: RegionTree) {
        for parent in Reconciler.affectedRegions(region, tree: tree) {
            let at = RegionPeriod(region: parent, period: period)
            if lastList[at] == indicators { continue }
            lastList[at] = indicators
            for indicator in indicators { keys.insert(FigureKey(region: parent, period: period, indicator: indicator)) }
        }
    }
}

public struct ConsolidationResult: Sendable {
    public var key: FigureKey
    public var aggregate: Aggregate
    public var changes: [ConflictChange]
    public var sums: ChildSums
}

extension Reconciler {
    /// The parents to recompute when `region` reported `indicators` for `period`: the region itself
    /// if it has children (its own figure changed), then every ancestor.
    public static func affected(region: String, period: Period, indicators: [String], tree: RegionTree) -> [FigureKey] {
        affectedRegions(region, tree: tree).flatMap { r in
            indicators.map { FigureKey(region: r, period: period, indicator: $0) }
        }
    }

    /// The regions whose figures a report of `region` makes to recompute: itself if it has
    /// children, then every summing ancestor.
    public static func affectedRegions(_ region: String, tree: RegionTree) -> [String] {
        let own = tree.children[region]?.isEmpty == false ? [region] : []
        return own + tree.summingAncestors(of: region)
    }

    /// Recomputes `keys` (parents, including every ancestor of each), deepest first, each from its
    /// stored sums plus the changes of its children, passing its own change to its parent.
    public static func consolidate(_ keys: Set<FigureKey>, tree: RegionTree, catalog: Catalog,
                                   inputs: ConsolidationInputs) -> [ConsolidationResult] {
        // Each key's depth is looked up once, not in every comparison of the sort.
        var depth: [String: Int] = [:]
        let ordered = keys.map { key in
            if let d = depth[key.region] { return (d, key) }
            let d = tree.ancestors(of: key.region).count
            depth[key.region] = d
            return (d, key)
        }.sorted { a, b in
            a.0 != b.0 ? a.0 > b.0 : (a.1.region, a.1.period, a.1.indicator) < (b.1.region, b.1.period, b.1.indicator)
        }.map(\.1)
        var pending: [FigureKey: [ChildChange]] = [:]
        func passUp(_ change: ChildChange) {
            guard let parent = tree.summingParent(of: change.key.region) else { return }
            pending[FigureKey(region: parent, period: change.key.period, indicator: change.key.indicator), default: []].append(change)
        }
        inputs.changes.forEach(passUp)

        var results: [ConsolidationResult] = []
        for key in ordered {
            guard let indicator = catalog[key.indicator] else { continue }
            let stored = inputs.stored[key]
            var sums = stored?.sums ?? ChildSums()
            for change in pending[key] ?? [] {
                if let old = change.old { sums.remove(old, kind: indicator.kind) }
                if let new = change.new { sums.add(new, kind: indicator.kind) }
            }
            let r = reconcile(ReconcileInput(region: key.region, kind: indicator.kind, own: inputs.own[key], sums: sums,
                                             expected: tree.summed(key.region).count))
            let (aggregate, changes) = settle(r, existing: inputs.conflicts[key] ?? [])
            if !Consolidated.identical(aggregate.consolidated, stored?.consolidated) {
                passUp(ChildChange(key: key, old: stored?.consolidated, new: aggregate.consolidated))
            }
            results.append(ConsolidationResult(key: key, aggregate: aggregate, changes: changes, sums: sums))
        }
        return results
    }
}

extension Consolidated {
    /// Same figures written the same way ("0.30" is not "0.3": the written precision is passed up).
    static func identical(_ a: Consolidated?, _ b: Consolidated?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        func same(_ x: ExactDecimal?, _ y: ExactDecimal?) -> Bool {
            guard let x, let y else { return x == nil && y == nil }
            return x.isIdentical(to: y)
        }
        return a.isFinal == b.isFinal && a.estimate == b.estimate && same(a.yoy, b.yoy) && a.amounts.count == b.amounts.count
            && zip(a.amounts, b.amounts).allSatisfy { same($0.value, $1.value) && same($0.tolerance, $1.tolerance) }
    }
}
