/// The rules that compare a submission with stored figures (PROTOCOL.md, "Rules that reject" and
/// "Rules that warn"). "Beyond rounding" means: two written figures that could be roundings of
/// consistent true values are accepted. For figures written with d₁ and d₂ decimals that is a
/// difference strictly below ½·10^(−d₁) + ½·10^(−d₂); with equal decimals, any difference of a
/// whole unit in the last place is refused.
/// What the rules about history consult: the stored figures of a region, by period and indicator.
public protocol StoredFigures {
    func figure(_ region: String, _ period: Period, _ indicator: String) -> FigureInput?
    /// The closest month of the same year before (or after) `period` with a stored ytd.
    func nearestYTD(region: String, indicator: String, _ period: Period, before: Bool) -> (period: Period, ytd: ExactDecimal)?
}

extension Validator {
    public func validate(_ s: Submission, against stored: some StoredFigures) -> Verdict {
        var verdict = Verdict()
        for (i, f) in s.figures.enumerated() {
            guard let indicator = catalog[f.indicator] else { continue }
            let path = FigurePath(index: i)
            if indicator.kind == .flow {
                checkMonotone(f, indicator, s, stored, path, &verdict)
                checkMonth(f, indicator, s, stored, path, &verdict)
            }
            checkNominalGrowth(f, indicator, s, stored, path, &verdict)
        }
        checkParts(s, stored, &verdict)
        return verdict
    }

    /// ytd never falls within a year: not below an earlier month's, not above a later month's.
    private func checkMonotone(_ f: FigureInput, _ ind: Indicator, _ s: Submission, _ stored: some StoredFigures,
                               _ path: FigurePath, _ v: inout Verdict) {
        guard let ytd = f.ytd else { return }
        if let earlier = stored.nearestYTD(region: s.region, indicator: f.indicator, s.period, before: true),
           earlier.ytd - ytd >= earlier.ytd.halfUnit + ytd.halfUnit {
            v.errors.append(Issue(path: "\(path).ytd", code: "ytd_decreasing", message:
                "\(ind.name)：1-\(s.period.month)月累计 \(ytd) 低于已报的1-\(earlier.period.month)月累计 \(earlier.ytd)"))
        }
        if let later = stored.nearestYTD(region: s.region, indicator: f.indicator, s.period, before: false),
           ytd - later.ytd >= later.ytd.halfUnit + ytd.halfUnit {
            v.errors.append(Issue(path: "\(path).ytd", code: "ytd_decreasing", message:
                "\(ind.name)：1-\(s.period.month)月累计 \(ytd) 高于已报的1-\(later.period.month)月累计 \(later.ytd)"))
        }
    }

    /// month = ytd(M) − ytd(M−1), within the rounding of the three figures as written.
    private func checkMonth(_ f: FigureInput, _ ind: Indicator, _ s: Submission, _ stored: some StoredFigures,
                            _ path: FigurePath, _ v: inout Verdict) {
        guard let ytd = f.ytd, let month = f.month, let previous = s.period.previous,
              let before = stored.figure(s.region, previous, f.indicator)?.ytd else { return }
        let implied = ytd - before
        if (month - implied).magnitude >= month.halfUnit + ytd.halfUnit + before.halfUnit {
            v.errors.append(Issue(path: "\(path).month", code: "month_mismatch", message:
                "\(ind.name)：\(s.period.month)月当月值 \(month) 与累计值之差 \(ytd) − \(before) = \(implied) 不符"))
        }
    }

    /// A part never exceeds its whole (data-driven: `catalog.parts`). Each side comes from the
    /// submission or, when not listed, from what is stored for the same region and period.
    private func checkParts(_ s: Submission, _ stored: some StoredFigures, _ v: inout Verdict) {
        let listed = Dictionary(s.figures.enumerated().map { ($1.indicator, $0) }, uniquingKeysWith: { a, _ in a })
        for relation in catalog.parts {
            let partIndex = listed[relation.part], wholeIndex = listed[relation.whole]
            guard partIndex != nil || wholeIndex != nil,
                  let partIndicator = catalog[relation.part], let wholeIndicator = catalog[relation.whole],
                  let part = partIndex.map({ s.figures[$0] }) ?? stored.figure(s.region, s.period, relation.part),
                  let whole = wholeIndex.map({ s.figures[$0] }) ?? stored.figure(s.region, s.period, relation.whole)
            else { continue }
            for field in ["ytd", "month", "value"] {
                guard let p = Self.level(part, field), let w = Self.level(whole, field),
                      p - w >= p.halfUnit + w.halfUnit else { continue }
                let index = partIndex ?? wholeIndex!
                let origin = partIndex == nil ? "（已报）" : (wholeIndex == nil ? "已报的" : "")
                v.errors.append(Issue(path: "figures[\(index)].\(field)", code: "part_exceeds_whole", message:
                    "\(partIndicator.name)\(FieldLabel.of(field)) \(p) 大于\(origin)\(wholeIndicator.name) \(w)"))
            }
        }
    }

    static func level(_ f: FigureInput, _ field: String) -> ExactDecimal? {
        switch field {
        case "ytd": return f.ytd
        case "month": return f.month
        default: return f.value
        }
    }

    /// A nominal yoy should match the stored level a year earlier. Only a warning: last year's figure
    /// may itself have been revised in the statistics since. Comparable-price growth is exempt.
    private func checkNominalGrowth(_ f: FigureInput, _ ind: Indicator, _ s: Submission, _ stored: some StoredFigures,
                                    _ path: FigurePath, _ v: inout Verdict) {
        guard !ind.comparableGrowth, let yoy = f.yoy, let year = s.period.sameMonthLastYear,
              let last = stored.figure(s.region, year, f.indicator),
              let now = Growth.level(of: f, ind.kind), let then = Growth.level(of: last, ind.kind),
              let implied = Growth.percent(now, over: then, scale: max(yoy.scale + 2, 4)),
              let tolerance = Growth.tolerance(now, then)
        else { return }
        if (yoy - implied).magnitude > yoy.halfUnit + tolerance {
            v.warnings.append(Issue(path: "\(path).yoy", code: "yoy_mismatch", message:
                "\(ind.name)同比 \(yoy)% 与去年同期已报 \(then)（本期 \(now)）推算的 \(implied.rounded(to: yoy.scale))% 不符，请核实"))
        }
    }
}

/// Growth arithmetic shared by validation and reconciliation.
public enum Growth {
    /// A figure's headline level, which growth is measured on: ytd for a flow, value for a stock, the
    /// stated value or num/den for a ratio.
    public static func level(of f: FigureInput, _ kind: IndicatorKind) -> ExactDecimal? {
        switch kind {
        case .flow: return f.ytd
        case .stock: return f.value
        case .ratio: return f.value ?? f.num.flatMap { n in f.den.flatMap { ExactDecimal.ratio(n, $0) } }
        }
    }

    /// (now / then − 1) × 100, rounded to `scale` decimals; nil when `then` is zero.
    public static func percent(_ now: ExactDecimal, over then: ExactDecimal, scale: Int) -> ExactDecimal? {
        guard !then.isZero, let q = (now - then).multiplied(by: ExactDecimal(100)) else { return nil }
        return q.divided(by: then, scale: scale)
    }

    /// How far, in points, rounding of the two levels can move the growth computed from them:
    /// 100·(½u_now / then + now·½u_then / then²), rounded up a little.
    static func tolerance(_ now: ExactDecimal, _ then: ExactDecimal) -> ExactDecimal? {
        guard !then.isZero else { return nil }
        let scale = 8
        guard let a = now.halfUnit.multiplied(by: ExactDecimal(100))?.divided(by: then, scale: scale),
              let b = now.multiplied(by: then.halfUnit)?.multiplied(by: ExactDecimal(100))?
                .divided(by: then, scale: scale)?.divided(by: then, scale: scale)
        else { return nil }
        return a + b + ExactDecimal(significand: 2, scale: scale)
    }
}

extension ExactDecimal {
    /// Rounded half away from zero to `scale` decimals (never adds decimals).
    public func rounded(to newScale: Int) -> ExactDecimal {
        guard newScale < scale else { return self }
        return divided(by: ExactDecimal(1), scale: newScale) ?? self
    }
}
