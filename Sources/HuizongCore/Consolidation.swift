/// Incremental consolidation up the region tree: a changed figure recomputes only its ancestors,
/// deepest first, each from its children's current consolidated figures. The writer reads the
/// inputs in one round trip and stores the outputs; this part does no I/O.
public struct ConsolidationInputs: Sendable {
    /// Reported figures: parents' own, and those of children without children of their own.
    public var figures: [FigureKey: FigureInput] = [:]
    /// What is stored for children that are parents themselves (their previous consolidation).
    public var consolidated: [FigureKey: Consolidated] = [:]
    /// Live (open or resolved) conflicts of the parents being recomputed.
    public var conflicts: [FigureKey: [ConflictRecord]] = [:]

    public init() {}
}

public struct ConsolidationResult: Sendable {
    public var key: FigureKey
    public var aggregate: Aggregate
    public var changes: [ConflictChange]
    /// Each reporting child's consolidated figure, for the conflict record.
    public var children: [Consolidated]
}

extension Reconciler {
    /// The parents to recompute when `region` reported `indicators` for `period`: the region itself
    /// if it has children (its own figure changed), then every ancestor.
    public static func affected(region: String, period: Period, indicators: [String], tree: RegionTree) -> [FigureKey] {
        let own = tree.children[region]?.isEmpty == false ? [region] : []
        return (own + tree.ancestors(of: region)).flatMap { r in
            indicators.map { FigureKey(region: r, period: period, indicator: $0) }
        }
    }

    /// Recomputes `keys` (parents), deepest first, so that a province adds up its cities' new figures.
    public static func consolidate(_ keys: Set<FigureKey>, tree: RegionTree, catalog: Catalog,
                                   inputs: ConsolidationInputs) -> [ConsolidationResult] {
        var depth: [String: Int] = [:]
        for key in keys where depth[key.region] == nil { depth[key.region] = tree.ancestors(of: key.region).count }
        let ordered = keys.sorted {
            let (a, b) = (depth[$0.region]!, depth[$1.region]!)
            return a != b ? a > b : ($0.region, $0.period, $0.indicator) < ($1.region, $1.period, $1.indicator)
        }
        var fresh: [FigureKey: Consolidated?] = [:]  // recomputed in this pass, even if now empty
        var results: [ConsolidationResult] = []
        for key in ordered {
            guard let indicator = catalog[key.indicator] else { continue }
            let childCodes = tree.children[key.region] ?? []
            let children: [Consolidated] = childCodes.compactMap { child in
                let k = FigureKey(region: child, period: key.period, indicator: key.indicator)
                if tree.children[child]?.isEmpty == false {
                    if let recomputed = fresh[k] { return recomputed }
                    return inputs.consolidated[k]
                }
                return inputs.figures[k].flatMap { Consolidated(region: child, figure: $0, kind: indicator.kind) }
            }
            let r = reconcile(ReconcileInput(region: key.region, kind: indicator.kind, own: inputs.figures[key],
                                             children: children, expected: childCodes.count))
            let (aggregate, changes) = settle(r, existing: inputs.conflicts[key] ?? [])
            fresh[key] = .some(aggregate.consolidated)
            results.append(ConsolidationResult(key: key, aggregate: aggregate, changes: changes, children: children))
        }
        return results
    }
}
