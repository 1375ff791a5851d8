/// Review of a month (PROTOCOL.md v1.2) in the province's state: the last action on each month,
/// which `decide` consults (an approved month refuses submissions) and views show.
extension ProvinceState {
    /// What a review did: nothing to review, unchanged (approving an approved month), or changed,
    /// with the figures whose view it changes (the region's and its ancestors', in that month).
    public enum ReviewOutcome: Sendable {
        case nothingToReview
        case unchanged(ReviewStatus)
        case changed(ReviewStatus, record: ReviewRecord, logged: [FigureKey])
    }

    public func reviewStatus(_ region: String, _ period: Period) -> ReviewStatus {
        let month = RegionPeriod(region: region, period: period)
        return ReviewStatus(revision: revisions[month], last: reviews[month])
    }

    /// How many of the region's expected children (those in its sum) are approved for the period.
    public func approvedChildren(_ region: String, _ period: Period) -> Int {
        tree.summed(region).filter { reviews[RegionPeriod(region: $0, period: period)]?.action == .approve }.count
    }

    /// The office approving the month, while it is approved.
    func approvingOffice(_ region: String, _ period: Period) -> String? {
        let last = reviews[RegionPeriod(region: region, period: period)]
        return last?.action == .approve ? last?.office : nil
    }

    public mutating func load(review: ReviewRecord, region: String, period: Period) {
        reviews[RegionPeriod(region: region, period: period)] = review
    }

    /// Applies a review by `office`. A return of a returned month with the same note changes nothing.
    public mutating func review(region: String, period: Period, action: ReviewAction, note: String?, office: String,
                                at now: Timestamp) -> ReviewOutcome {
        let month = RegionPeriod(region: region, period: period)
        guard let revision = revisions[month] else { return .nothingToReview }
        let current = reviewStatus(region, period)
        switch (action, current.state) {
        case (.approve, .approved): return .unchanged(current)
        case (.return, .returned) where current.note == note: return .unchanged(current)
        default: break
        }
        let record = ReviewRecord(action: action, office: office, at: now, note: note, revision: revision)
        reviews[month] = record
        var logged: [FigureKey] = []
        for code in [region] + tree.ancestors(of: region) {
            for indicator in indicatorCodes {
                let key = FigureKey(region: code, period: period, indicator: indicator)
                if parents[key] != nil || slot(code, period, indicator) != nil { logged.append(key) }
            }
        }
        return .changed(reviewStatus(region, period), record: record, logged: logged)
    }
}
