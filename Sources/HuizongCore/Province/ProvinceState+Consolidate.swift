/// Consolidation in memory: a parent figure is recomputed from its children as they stand (a city
/// from its counties' figures, a province from its cities' consolidated figures), deepest first, so
/// that each level adds what the level below just became. Nothing is read: the children are here.
extension ProvinceState {
    /// Recomputes `keys` (parents, with every ancestor of each already among them), settles their
    /// conflicts, and marks them dirty for the next flush. Returns the conflicts opened, by parent.
    @discardableResult
    mutating func consolidate(_ keys: Set<FigureKey>, at now: Timestamp) -> [FigureKey: Dispute] {
        var opened: [FigureKey: Dispute] = [:]
        for key in deepestFirst(keys) {
            guard let indicator = catalog[key.indicator] else { continue }
            let r = reconcile(key, indicator)
            var record = parents[key] ?? ParentRecord()
            let (aggregate, changes) = Reconciler.settle(r, existing: record.conflicts.map(\.record))
            record.aggregate = aggregate
            record.aggregate!.yearEstimate = childrensYearEstimate(key)
            for change in changes {
                switch change {
                case .open(let d):
                    let id = nextProvisionalConflict
                    nextProvisionalConflict -= 1
                    record.conflicts.append(LiveConflict(record: ConflictRecord(id: id, kind: d.kind, own: d.own, sum: d.sum, resolution: nil),
                                                         children: []))
                    pendingConflicts[id] = ConflictWrite(key: key, kind: d.kind, own: d.own, sum: d.sum, isNew: true, openedAt: now)
                    opened[key] = d
                case .update(let id, let d):
                    guard let i = record.conflicts.firstIndex(where: { $0.record.id == id }) else { continue }
                    record.conflicts[i].record.own = d.own
                    record.conflicts[i].record.sum = d.sum
                    pendingConflicts[id, default: ConflictWrite(key: key, kind: d.kind, own: d.own, sum: d.sum, isNew: false, openedAt: now)]
                        .own = d.own
                    pendingConflicts[id]!.sum = d.sum
                case .close(let id):
                    guard let i = record.conflicts.firstIndex(where: { $0.record.id == id }) else { continue }
                    let closing = record.conflicts.remove(at: i)
                    var write = pendingConflicts[id] ?? ConflictWrite(key: key, kind: closing.record.kind, own: closing.record.own,
                                                                       sum: closing.record.sum, isNew: false, openedAt: now)
                    write.closed = (now, closing.children)
                    pendingConflicts[id] = write
                }
            }
            parents[key] = record
            // The conflicts still live: their children as they stand now, which is what a close
            // records if the next change makes the sides agree.
            if !record.conflicts.isEmpty {
                let children = conflictChildren(key)
                for i in record.conflicts.indices { parents[key]!.conflicts[i].children = children }
            }
            dirty.insert(key)
        }
        if !keys.isEmpty, dirtySince == nil { dirtySince = now }
        return opened
    }

    /// Σ of the year estimates of the summed children that reported the level, nil unless every one
    /// of them gave one (deepest first: a child parent's own sum is already here).
    func childrensYearEstimate(_ key: FigureKey) -> ExactDecimal? {
        var total: ExactDecimal?
        for child in tree.summed(key.region) {
            let k = FigureKey(region: child, period: key.period, indicator: key.indicator)
            let level = parents[k]?.aggregate.map { $0.value } ?? figure(child, key.period, key.indicator)?.ytd
            guard level != nil else { continue }
            guard let e = shownYearEstimate(k) else { return nil }
            total = (total ?? .zero) + e
        }
        return total
    }

    /// A region's 预计全年 as its view shows it: its own, else its children's sum.
    func shownYearEstimate(_ key: FigureKey) -> ExactDecimal? {
        if let s = slot(key.region, key.period, key.indicator), let own = figures.yearEstimate(s) { return own }
        return parents[key]?.aggregate?.yearEstimate
    }

    /// The parents to recompute when `region` reported `indicators` for `period`: itself if it has
    /// children (its own figure changed), then every summing ancestor.
    func affected(_ region: String, _ period: Period, _ indicators: [String], into keys: inout Set<FigureKey>) {
        for parent in Reconciler.affectedRegions(region, tree: tree) {
            for indicator in indicators { keys.insert(FigureKey(region: parent, period: period, indicator: indicator)) }
        }
    }
}
