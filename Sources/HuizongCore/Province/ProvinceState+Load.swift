/// Filling the state from the database's rows (the store reads them in one snapshot), then
/// rebuilding every parent from its children: running sums are not stored, they are derived.
extension ProvinceState {
    /// A transaction of ours that claimed the province committed: its version moved on by one.
    public mutating func committed() { version += 1 }

    /// The rows of some years, read in one snapshot at `version`.
    public mutating func load(submission id: Int64, office: String, key: String, hash: [UInt8], region: String, period: Period,
                              revision: Int, receivedAt: Timestamp) {
        guard submissionIndex[id] == nil else { return }
        submissionIndex[id] = Int32(submissions.count)
        submissions.append(SubmissionMeta(id: id, office: officeID(office), revision: Int32(revision), receivedAt: receivedAt))
        keys[OfficeKey(office: office, key: key)] = ContentHash(hash)
    }

    public mutating func load(figure: FigureInput, region: String, period: Period, submission id: Int64) {
        guard let r = regionIDs[region], let i = indicatorIDs[figure.indicator] else { return }
        figures.set(r, i, period, figure, submission: submissionIndex[id] ?? placeholderSubmission(id))
    }

    public mutating func load(revision: Int, region: String, period: Period) {
        revisions[RegionPeriod(region: region, period: period)] = revision
    }

    public mutating func load(lockOf region: String, period: Period) { locks.insert(RegionPeriod(region: region, period: period)) }

    public mutating func load(targets t: TargetSet, region: String, year: Int, indicator: String) {
        targets[TargetKey(region: region, year: year, indicator: indicator)] = t
    }

    /// A live conflict (open or resolved).
    public mutating func load(conflict: ConflictRecord, key: FigureKey) {
        parents[key, default: ParentRecord()].conflicts.append(LiveConflict(record: conflict, children: []))
    }

    /// A parent figure with a row in `aggregates`: it keeps one, whatever its children do.
    public mutating func load(aggregateAt key: FigureKey) {
        if parents[key] == nil { parents[key] = ParentRecord() }
    }

    /// After the rows of `years`: every parent figure of those years that has an aggregate row, an
    /// own figure or a reporting child is recomputed from its children, deepest first. When the
    /// database says the province's consolidation is behind its writes (a daemon died between a
    /// commit and the flush that follows it), every one of them is written again.
    public mutating func finishLoading(years loaded: [Int], version: Int64, consolidationBehind: Bool, at now: Timestamp) {
        self.version = version
        years.formUnion(loaded)
        // The parent figures there are: those with a row, and every one above a stored figure (a
        // parent's own figure makes its own key, a child's its summing ancestors').
        let wanted = Set(loaded)
        var keys = Set(parents.keys.filter { wanted.contains($0.period.year) })
        var above: [Int32: [String]] = [:]
        figures.forEach { region, indicator, period, _ in
            guard wanted.contains(period.year) else { return }
            let parents = above[region] ?? {
                let list = Reconciler.affectedRegions(regionCodes[Int(region)], tree: tree)
                above[region] = list
                return list
            }()
            for parent in parents { keys.insert(FigureKey(region: parent, period: period, indicator: indicatorCodes[Int(indicator)])) }
        }
        if consolidationBehind {
            _ = consolidate(keys, at: now)
        } else {
            recompute(keys)
        }
    }

    /// Aggregates from the children, conflicts as loaded (nothing to write: the database agrees).
    private mutating func recompute(_ keys: Set<FigureKey>) {
        for key in deepestFirst(keys) {
            guard let indicator = catalog[key.indicator] else { continue }
            let r = reconcile(key, indicator)
            let existing = parents[key]?.conflicts ?? []
            let (aggregate, _) = Reconciler.settle(r, existing: existing.map(\.record))
            parents[key, default: ParentRecord()].aggregate = aggregate
            let children = conflictChildren(key)
            for i in existing.indices { parents[key]!.conflicts[i].children = children }
        }
    }

    mutating func officeID(_ office: String) -> Int32 {
        if let id = officeIDs[office] { return id }
        officeIDs[office] = Int32(offices.count)
        offices.append(office)
        return Int32(offices.count - 1)
    }

    /// A figure whose submission was not read (it should always be): shown without its author.
    private mutating func placeholderSubmission(_ id: Int64) -> Int32 {
        submissionIndex[id] = Int32(submissions.count)
        submissions.append(SubmissionMeta(id: id, office: officeID(""), revision: 0, receivedAt: Timestamp(microseconds: 0)))
        return Int32(submissions.count - 1)
    }

    /// Sorted for consolidation: deepest regions first (a parent adds its children's results), then
    /// by region, period and indicator.
    func deepestFirst(_ keys: Set<FigureKey>) -> [FigureKey] {
        var depth: [String: Int] = [:]
        return keys.map { key in
            if let d = depth[key.region] { return (d, key) }
            let d = tree.ancestors(of: key.region).count
            depth[key.region] = d
            return (d, key)
        }.sorted { a, b in
            a.0 != b.0 ? a.0 > b.0 : (a.1.region, a.1.period, a.1.indicator) < (b.1.region, b.1.period, b.1.indicator)
        }.map(\.1)
    }

    /// A parent figure reconciled against its children as they stand.
    func reconcile(_ key: FigureKey, _ indicator: Indicator) -> Reconciliation {
        let summed = tree.summed(key.region)
        var sums = ChildSums()
        for child in summed {
            if let c = consolidated(child, key.period, indicator) { sums.add(c, kind: indicator.kind) }
        }
        return Reconciler.reconcile(ReconcileInput(region: key.region, kind: indicator.kind, own: figure(key.region, key.period, key.indicator),
                                                   sums: sums, expected: summed.count))
    }
}
