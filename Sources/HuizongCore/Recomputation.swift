/// Every parent's aggregate computed from scratch, from the stored figures alone: what the
/// incremental path (`Reconciler.consolidate`, difference by difference) must always equal. Used by
/// `huizong verify`, and by the crash and property tests that prove nothing drifts.
public enum Recomputation {
    public struct Expected: Sendable {
        public var aggregate: Aggregate
        public var sums: ChildSums
    }

    /// The aggregate of every parent that has an own figure or a reporting child, per period and
    /// indicator. `conflicts` (the live ones) decide which side a resolution took.
    public static func aggregates(tree: RegionTree, catalog: Catalog, figures: [FigureKey: FigureInput],
                                  conflicts: [FigureKey: [ConflictRecord]] = [:]) -> [FigureKey: Expected] {
        var groups: [Group: Set<String>] = [:]
        for key in figures.keys {
            groups[Group(period: key.period, indicator: key.indicator), default: []].insert(key.region)
        }
        var out: [FigureKey: Expected] = [:]
        for (group, regions) in groups {
            guard let indicator = catalog[group.indicator] else { continue }
            var memo: [String: Consolidated?] = [:]
            func consolidated(_ region: String) -> Consolidated? {
                if let known = memo[region] { return known }
                let key = FigureKey(region: region, period: group.period, indicator: group.indicator)
                let own = figures[key]
                let children = tree.children[region] ?? []
                var result: Consolidated?
                if children.isEmpty {
                    result = own.flatMap { Consolidated(region: region, figure: $0, kind: indicator.kind) }
                } else {
                    let reporting = tree.summed(region).compactMap(consolidated)
                    if own != nil || !reporting.isEmpty {
                        let sums = ChildSums(reporting, kind: indicator.kind)
                        let r = Reconciler.reconcile(ReconcileInput(region: region, kind: indicator.kind, own: own, sums: sums,
                                                                    expected: tree.summed(region).count))
                        let (aggregate, _) = Reconciler.settle(r, existing: conflicts[key] ?? [])
                        out[key] = Expected(aggregate: aggregate, sums: sums)
                        result = aggregate.consolidated
                    }
                }
                memo[region] = .some(result)
                return result
            }
            // Every parent above a region with a figure, and every parent with its own figure.
            var parents: Set<String> = []
            for region in regions {
                if tree.children[region]?.isEmpty == false { parents.insert(region) }
                parents.formUnion(tree.summingAncestors(of: region))
            }
            for parent in parents { _ = consolidated(parent) }
        }
        return out
    }

    private struct Group: Hashable {
        let period: Period
        let indicator: String
    }
}
