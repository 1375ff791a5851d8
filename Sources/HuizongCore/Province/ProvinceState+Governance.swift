/// What a city or province office changes besides figures — period locks, annual targets,
/// resolutions of conflicts — applied to the state, with the figures whose view each changes (the
/// change log's entries).
extension ProvinceState {
    /// Locks or unlocks a region's month; nil when it already was so (nothing to write). Otherwise
    /// every figure of the region and everything under it in that month, whose `locked` changes,
    /// in the order the change log numbers them (region, then indicator).
    public mutating func setLock(region: String, period: Period, locked: Bool) -> [FigureKey]? {
        let month = RegionPeriod(region: region, period: period)
        guard locks.contains(month) != locked else { return nil }
        if locked { locks.insert(month) } else { locks.remove(month) }
        var keys: [FigureKey] = []
        for code in tree.subtree(of: region) {
            for indicator in indicatorCodes {
                let key = FigureKey(region: code, period: period, indicator: indicator)
                if parents[key] != nil || slot(code, period, indicator) != nil { keys.append(key) }
            }
        }
        return keys.sorted { "\($0.region)/\($0.indicator)" < "\($1.region)/\($1.indicator)" }
    }

    /// Sets the targets given, keeping the others of the same region, year and indicator; returns
    /// every month of the year the region has a figure or an aggregate in, whose progress changes.
    public mutating func setTargets(_ t: TargetSet, region: String, year: Int, indicator: String) -> [FigureKey] {
        let key = TargetKey(region: region, year: year, indicator: indicator)
        let old = targets[key] ?? TargetSet()
        targets[key] = TargetSet(level: t.level ?? old.level, growth: t.growth ?? old.growth,
                                 share: t.share ?? old.share, shareOf: t.shareOf ?? old.shareOf)
        return (1...12).compactMap { month in
            let k = FigureKey(region: region, period: Period(year: year, month: month)!, indicator: indicator)
            return parents[k] != nil || slot(region, k.period, indicator) != nil ? k : nil
        }
    }

    /// The live conflict `id`, if it still is live.
    public func liveConflict(_ id: Int64) -> (key: FigureKey, record: ConflictRecord)? {
        for (key, record) in parents {
            if let c = record.conflicts.first(where: { $0.record.id == id }) { return (key, c.record) }
        }
        return nil
    }

    /// Marks a live conflict resolved and reconsolidates its region and every ancestor, so that what
    /// readers see follows the resolution at every level. Returns the children recorded with it, or
    /// nil when it is no longer live (a revision made the sides agree meanwhile).
    public mutating func resolve(conflict id: Int64, key: FigureKey, action: ConflictSide, at now: Timestamp) -> [ConflictView.Child]? {
        guard let i = parents[key]?.conflicts.firstIndex(where: { $0.record.id == id }) else { return nil }
        parents[key]!.conflicts[i].record.resolution = action
        let children = conflictChildren(key)
        parents[key]!.conflicts[i].children = children
        consolidate(Set(Reconciler.affected(region: key.region, period: key.period, indicators: [key.indicator], tree: tree)), at: now)
        return children
    }
}
