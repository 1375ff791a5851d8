/// Data quality in the province's state (PROTOCOL.md v1.2): the bounds set on its regions, and each
/// submitted figure judged against them and against the region's own 24 months before.
extension ProvinceState {
    public func bound(_ key: BoundKey) -> Bound? { bounds[key] }

    public mutating func load(bound: Bound, key: BoundKey) { bounds[key] = bound }

    public mutating func load(quality codes: [QualityCode], region: String, period: Period, indicator: String) {
        guard let slot = slot(region, period, indicator) else { return }
        figures.setQuality(slot, codes)
    }

    /// Sets a field's bounds: for each side, nil keeps what was set, `.some(nil)` removes it.
    public mutating func setBound(_ key: BoundKey, min: ExactDecimal??, max: ExactDecimal??) -> Bound {
        var b = bounds[key] ?? Bound()
        if let min { b.min = min }
        if let max { b.max = max }
        bounds[key] = b.isEmpty ? nil : b
        return b
    }

    /// The stored figure's flags (an empty list when none).
    public func qualityCodes(_ region: String, _ period: Period, _ indicator: String) -> [QualityCode] {
        slot(region, period, indicator).map { figures.quality($0) } ?? []
    }

    /// The warnings of a submission's figures and the flags each keeps, judged against the state
    /// as it stands (its history is the 24 months before the period, which the state holds).
    func quality(_ s: Submission) -> (warnings: [Issue], flags: [[QualityFlag]]) {
        var warnings: [Issue] = []
        var flags: [[QualityFlag]] = []
        for (i, f) in s.figures.enumerated() {
            var kept: [QualityFlag] = []
            guard let ind = catalog[f.indicator] else { flags.append([]); continue }
            // Outliers: a flow's month, a stock's value.
            let judged: (field: String, x: ExactDecimal)? = switch ind.kind {
            case .flow: monthValue(s.region, s.period, f.indicator, sent: f).map { ("month", $0) }
            case .stock: f.value.map { ("value", $0) }
            case .ratio: nil
            }
            if let (field, x) = judged {
                let history = self.history(s.region, s.period, f.indicator, kind: ind.kind)
                if let (median, score) = Outliers.judge(x, history: history) {
                    kept.append(QualityFlag(code: .outlier, field: field, value: x, median: median, score: score))
                    warnings.append(Issue(path: "figures[\(i)].\(field)", code: QualityCode.outlier.rawValue,
                                          message: "\(ind.name)\(FieldLabel.of(field)) \(x) 与本地区近24个月的中位数 \(median) 相差过大（修正z值 \(score)），请核实",
                                          details: [.init("median", median), .init("score", score)]))
                }
            }
            if !bounds.isEmpty {
                for field in BoundedField.allCases {
                    guard let b = bounds[BoundKey(region: s.region, indicator: f.indicator, field: field)] else { continue }
                    let x: ExactDecimal? = switch field {
                    case .ytd: f.ytd
                    case .month: ind.kind == .flow ? monthValue(s.region, s.period, f.indicator, sent: f) : nil
                    case .value: f.value
                    case .yoy: f.yoy
                    }
                    guard let x, !b.contains(x) else { continue }
                    kept.append(QualityFlag(code: .outsideBounds, field: field.rawValue, value: x, min: b.min, max: b.max))
                    let range = "[\(b.min.map { "\($0)" } ?? "-∞"), \(b.max.map { "\($0)" } ?? "+∞")]"
                    warnings.append(Issue(path: "figures[\(i)].\(field.rawValue)", code: QualityCode.outsideBounds.rawValue,
                                          message: "\(ind.name)\(FieldLabel.of(field.rawValue)) \(x) 超出设定范围 \(range)，请核实",
                                          details: [.init("min", b.min), .init("max", b.max)]))
                }
            }
            flags.append(kept)
        }
        return (warnings, flags)
    }

    /// A flow's month: as sent, else ytd(M) − ytd(M−1) with ytd(M−1) stored (January's is its ytd).
    func monthValue(_ region: String, _ period: Period, _ indicator: String, sent f: FigureInput) -> ExactDecimal? {
        if let m = f.month { return m }
        guard let ytd = f.ytd else { return nil }
        if period.month == 1 { return ytd }
        guard let before = period.previous, let prior = figure(region, before, indicator)?.ytd else { return nil }
        return ytd - prior
    }

    /// The region's own values of the indicator in the 24 months before `period` that are known:
    /// three series lookups, then the slots in place (this runs for every flow figure submitted).
    func history(_ region: String, _ period: Period, _ indicator: String, kind: IndicatorKind) -> [ExactDecimal] {
        guard kind != .ratio, let r = regionIDs[region], let ind = indicatorIDs[indicator] else { return [] }
        let bases = (0...2).map { figures.base(r, ind, year: period.year - 2 + $0) }
        guard bases.contains(where: { $0 != nil }) else { return [] }
        var values: [ExactDecimal] = []
        values.reserveCapacity(24)
        var (year, month) = (period.year, period.month)
        for _ in 0..<24 {
            if month == 1 { (year, month) = (year - 1, 12) } else { month -= 1 }
            let at = year - period.year + 2
            guard at >= 0, let base = bases[at] else { continue }
            let slot = base + Int32(month - 1)
            guard figures.isPresent(slot) else { continue }
            if kind == .stock {
                if let v = figures.number(slot, 3) { values.append(v) }
            } else if let m = figures.number(slot, 1) {
                values.append(m)
            } else if let ytd = figures.number(slot, 0) {
                if month == 1 {
                    values.append(ytd)
                } else if figures.isPresent(slot - 1), let prior = figures.number(slot - 1, 0) {
                    values.append(ytd - prior)
                }
            }
        }
        return values
    }
}
