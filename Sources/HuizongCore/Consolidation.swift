/// Which parents a report makes to recompute. A parent is recomputed from its children as they
/// stand (`ProvinceState.reconcile`), deepest first: a city from its counties' figures, a province
/// from its cities' consolidated ones.
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
}
