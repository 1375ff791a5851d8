/// Figures as readers see them, composed from the state: what `FigureStore.views` reads from the
/// database (the aggregate or own figure, its lock, target, rank with streaks, month on month) and
/// the children's ranking an event carries. The writer composes each event once, right after its
/// commit, with no round trip.
extension ProvinceState {
    public func view(_ key: FigureKey) -> AggregateView? {
        guard let ind = catalog[key.indicator] else { return nil }
        let own = storedFigure(key.region, key.period, key.indicator)
        var view: AggregateView
        if let record = parents[key], let a = record.aggregate {
            let amounts = a.consolidated?.amounts ?? []
            view = AggregateView(region: key.region, period: key.period, indicator: ind.code, kind: ind.kind, value: a.value, yoy: a.yoy,
                                 own: a.reconciliation.own?.value, sum: a.reconciliation.sum?.value,
                                 num: ind.kind == .ratio ? amounts.first?.value : nil, den: amounts.count > 1 ? amounts[1].value : nil,
                                 reported: a.reconciliation.reported, expected: a.reconciliation.expected, status: a.status.rawValue,
                                 conflict: Self.shownConflict(record.conflicts), figure: own)
            view.estimate = a.consolidated?.estimate ?? false
            view.yearEstimate = own?.figure.yearEstimate ?? a.yearEstimate
        } else if let figure = own {
            view = AggregateView(leaf: figure)
        } else {
            return nil
        }
        view.locked = lockingRegion(key.region, key.period) != nil
        view.flags = qualityCodes(key.region, key.period, key.indicator).map(\.rawValue)
        if let t = targets[TargetKey(region: key.region, year: key.period.year, indicator: key.indicator)], !t.isEmpty {
            let whole = t.shareOf.flatMap { wholeValue(FigureKey(region: key.region, period: key.period, indicator: $0)) }
            view.target = TargetProgress(targets: t, kind: ind.kind, value: view.value, yoy: view.yoy, month: key.period.month, better: ind.better,
                                         yearEstimate: view.yearEstimate, shareParts: view.value.flatMap { v in whole.map { (v, $0) } })
        }
        view.rank = rank(key, ind)
        if view.rank != nil, let parent = tree[key.region]?.parent {
            view.rank!.gap = Ranking.gap(view.yoy, shownYoy(FigureKey(region: parent, period: key.period, indicator: key.indicator)))
            view.rank!.groups = groupRanks(key, ind)
        }
        if ind.kind == .flow { view.mom = monthOnMonth(key) }
        if tree[key.region]?.parent != nil { view.review = reviewStatus(key.region, key.period) }
        if tree.children[key.region]?.isEmpty == false { view.approved = approvedChildren(key.region, key.period) }
        return view
    }

    /// An event: the view of a logged change and its children's ranking.
    public func event(seq: Int64, _ key: FigureKey) -> AggregateEvent? {
        guard let view = view(key), let ind = catalog[key.indicator] else { return nil }
        let children = (tree.children[key.region] ?? []).compactMap { rankedChild($0, key.period, ind) }
        return AggregateEvent(seq: seq, view: view, ranking: Ranking.rank(children, better: ind.better))
    }

    /// The conflict a view names: an open one before a resolved one, the oldest first.
    static func shownConflict(_ live: [LiveConflict]) -> Int64? {
        func order(_ c: ConflictRecord) -> (Int, Int64) { (c.resolution == nil ? 0 : 1, c.id) }
        return live.map(\.record).min { order($0) < order($1) }?.id
    }

    /// The growth a region's view shows: its aggregate's when it has one, else its own figure's.
    func shownYoy(_ key: FigureKey) -> ExactDecimal? {
        if let record = parents[key], let a = record.aggregate { return a.yoy }
        return figure(key.region, key.period, key.indicator)?.yoy
    }

    /// The whole a share target is of: its aggregate's value if it has an aggregate row, else its ytd.
    private func wholeValue(_ key: FigureKey) -> ExactDecimal? {
        if let record = parents[key], let value = record.aggregate?.value { return value }
        return figure(key.region, key.period, key.indicator)?.ytd
    }

    /// The region's place among its parent's children (all of them, in the sum or not) in the
    /// period, with streaks over the year's months up to it.
    private func rank(_ key: FigureKey, _ ind: Indicator) -> RankPosition? {
        guard let parent = tree[key.region]?.parent, let siblings = tree.children[parent] else { return nil }
        let months = (1...key.period.month).map { month -> [String: RankedChild] in
            let period = Period(year: key.period.year, month: month)!
            return Ranking.places(siblings.compactMap { rankedChild($0, period, ind) }, better: ind.better)
        }
        return Ranking.position(of: key.region, parent: parent, places: months)
    }

    /// The region's place in each of its peer groups, among the members this state holds.
    private func groupRanks(_ key: FigureKey, _ ind: Indicator) -> [GroupRank] {
        groups.of(key.region).compactMap { group in
            let months = (1...key.period.month).map { month -> [Ranking.Child] in
                let period = Period(year: key.period.year, month: month)!
                return group.members.compactMap { rankedChild($0, period, ind) }
            }
            return Ranking.groupRank(of: key.region, in: group, months: months, better: ind.better)
        }
    }

    /// 环比 of a flow: its month figure (as sent, or ytd(M) − ytd(M−1); January's is its ytd) against
    /// the month before's. A parent's ytd is its aggregate's value, and it has no month as sent.
    private func monthOnMonth(_ key: FigureKey) -> ExactDecimal? {
        var periods = [key.period]
        for _ in 1...2 { periods.append(periods.last!.previous ?? Period(year: periods.last!.year - 1, month: 12)!) }
        let stored = periods.map { p -> (ytd: ExactDecimal?, month: ExactDecimal?) in
            let k = FigureKey(region: key.region, period: p, indicator: key.indicator)
            let own = figure(key.region, p, key.indicator)
            if let record = parents[k] { return (record.aggregate?.value ?? own?.ytd, nil) }
            return (own?.ytd, own?.month)
        }
        var months: [ExactDecimal?] = []
        for n in 0...1 {
            if let m = stored[n].month {
                months.append(m)
            } else if periods[n].month == 1 {
                months.append(stored[n].ytd)
            } else if let now = stored[n].ytd, let before = stored[n + 1].ytd {
                months.append(now - before)
            } else {
                months.append(nil)
            }
        }
        return Ranking.monthOnMonth(months[0], months[1])
    }
}
