/// Reading the state's figures by region code, period and indicator code.
extension ProvinceState: StoredFigures {
    public func figure(_ region: String, _ period: Period, _ indicator: String) -> FigureInput? {
        guard let slot = slot(region, period, indicator) else { return nil }
        return figures.figure(slot, indicator: indicator)
    }

    public func nearestYTD(region: String, indicator: String, _ period: Period, before: Bool) -> (period: Period, ytd: ExactDecimal)? {
        guard let r = regionIDs[region], let i = indicatorIDs[indicator] else { return nil }
        return figures.nearestYTD(r, i, period, before: before)
    }

    func slot(_ region: String, _ period: Period, _ indicator: String) -> Int32? {
        guard let r = regionIDs[region], let i = indicatorIDs[indicator] else { return nil }
        return figures.slot(r, i, period)
    }

    /// A region's own figure as stored, with who last wrote it (what a view shows).
    public func storedFigure(_ region: String, _ period: Period, _ indicator: String) -> StoredFigure? {
        guard let slot = slot(region, period, indicator), let ind = catalog[indicator] else { return nil }
        let meta = submissions[Int(figures.packed(slot).submission)]
        return StoredFigure(region: region, period: period, kind: ind.kind, figure: figures.figure(slot, indicator: indicator),
                            revision: Int(meta.revision), office: offices[Int(meta.office)], updatedAt: meta.receivedAt.chinaStandardTime)
    }

    /// The aggregate of a parent figure, if it has one.
    public func aggregate(_ key: FigureKey) -> Aggregate? { parents[key]?.aggregate ?? nil }

    /// What a region's figure adds to its parent's sum: a parent's consolidated figure, any other
    /// region's own figure as written.
    func consolidated(_ region: String, _ period: Period, _ indicator: Indicator) -> Consolidated? {
        if tree.children[region]?.isEmpty == false {
            return parents[FigureKey(region: region, period: period, indicator: indicator.code)]?.aggregate?.consolidated
        }
        return figure(region, period, indicator.code).flatMap { Consolidated(region: region, figure: $0, kind: indicator.kind) }
    }

    /// A child as rankings and conflicts see it: its aggregate's level and growth, else its own
    /// figure's headline level and growth (`FigureStore.child`); nil when it has neither.
    func rankedChild(_ region: String, _ period: Period, _ indicator: Indicator) -> Ranking.Child? {
        let key = FigureKey(region: region, period: period, indicator: indicator.code)
        let own = figure(region, period, indicator.code)
        guard let record = parents[key] else {
            guard let own else { return nil }
            return (region, Growth.level(of: own, indicator.kind), own.yoy)
        }
        let aggregate = record.aggregate
        return (region, aggregate?.value ?? own.flatMap { Growth.level(of: $0, indicator.kind) }, aggregate?.yoy ?? own?.yoy)
    }

    /// Every child of a parent (in the sum or not) that has a figure or an aggregate, by code, as a
    /// conflict records them: the value an aggregate shows, else the own figure's ytd, value, or
    /// num/den to four decimals; the growth likewise (`ConsolidationStore.childrenSQL`).
    func conflictChildren(_ key: FigureKey) -> [ConflictView.Child] {
        (tree.children[key.region] ?? []).compactMap { code in
            let childKey = FigureKey(region: code, period: key.period, indicator: key.indicator)
            let record = parents[childKey]
            let own = figure(code, key.period, key.indicator)
            guard record != nil || own != nil else { return nil }
            let ownValue = own.flatMap { f in f.ytd ?? f.value ?? f.num.flatMap { n in f.den.flatMap { $0.isZero ? nil : n.divided(by: $0, scale: 4) } } }
            return ConflictView.Child(region: code, value: record?.aggregate?.value ?? ownValue, yoy: record?.aggregate?.yoy ?? own?.yoy)
        }
    }

    /// Locked for `region` in `period`: a lock on it or on any ancestor.
    public func lockingRegion(_ region: String, _ period: Period) -> String? {
        ([region] + tree.ancestors(of: region)).first { locks.contains(RegionPeriod(region: $0, period: period)) }
    }

    public func targets(_ region: String, year: Int, indicator: String) -> TargetSet? {
        targets[TargetKey(region: region, year: year, indicator: indicator)]
    }

    /// The last accepted revision of a region's month.
    public func revision(_ region: String, _ period: Period) -> Int? { revisions[RegionPeriod(region: region, period: period)] }
}
