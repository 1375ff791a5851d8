/// The verdict on a submission: either a rejection listing every failed rule, or acceptance with
/// warnings. Rejection codes follow PROTOCOL.md: `unknown_indicator`, `bad_request` (a field missing,
/// duplicated or not allowed for the indicator's kind), `validation_failed` (a statistical rule).
public struct Verdict: Sendable {
    public var errors: [Issue] = []
    public var warnings: [Issue] = []

    public init() {}

    public var isAccepted: Bool { errors.isEmpty }

    /// The reply's top-level code: the most basic kind of failure present.
    public var code: ErrorCode? {
        if errors.isEmpty { return nil }
        if errors.contains(where: { $0.code == ErrorCode.unknownIndicator.rawValue }) { return .unknownIndicator }
        if errors.contains(where: { Validator.shapeCodes.contains($0.code) }) { return .badRequest }
        return .validationFailed
    }

    public var summary: String {
        errors.count == 1 ? errors[0].message : "\(errors.count) 项校验未通过：" + errors.map(\.message).joined(separator: "；")
    }
}

/// Where in a submission an issue is: "figures[3]", formatted only when an issue is reported.
struct FigurePath: CustomStringConvertible {
    let index: Int
    var description: String { "figures[\(index)]" }
}

/// Chinese labels for the fields, so a clerk reads "累计值" rather than "ytd".
public enum FieldLabel {
    public static func of(_ field: String) -> String {
        switch field {
        case "ytd": return "累计值(ytd)"
        case "month": return "当月值(month)"
        case "yoy": return "同比增速(yoy)"
        case "value": return "期末值(value)"
        case "num": return "分子(num)"
        case "den": return "分母(den)"
        default: return field
        }
    }
}

/// Validation of a submission against the catalog. Each rule is a small function that appends issues;
/// the rules that need stored figures take them from `context` (empty when nothing is stored yet).
public struct Validator: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    static let shapeCodes: Set<String> = ["required", "not_allowed", "duplicate_indicator", "empty", "bad_number"]

    /// Which numeric fields each kind takes.
    static func allowedFields(for kind: IndicatorKind) -> Set<String> {
        switch kind {
        case .flow: return flowFields
        case .stock: return stockFields
        case .ratio: return ratioFields
        }
    }
    private static let flowFields: Set<String> = ["ytd", "month", "yoy"]
    private static let stockFields: Set<String> = ["value", "yoy"]
    private static let ratioFields: Set<String> = ["num", "den", "value", "yoy"]

    public func validate(_ submission: Submission) -> Verdict {
        var verdict = Verdict()
        if submission.figures.isEmpty {
            verdict.errors.append(Issue(path: "figures", code: "empty", message: "figures 不能为空：至少上报一项指标"))
        }
        var seen: Set<String> = []
        for (i, figure) in submission.figures.enumerated() {
            let path = FigurePath(index: i)
            guard let indicator = catalog[figure.indicator] else {
                verdict.errors.append(Issue(path: "\(path).indicator", code: ErrorCode.unknownIndicator.rawValue,
                                            message: "未知指标代码 \(figure.indicator)"))
                continue
            }
            if !seen.insert(figure.indicator).inserted {
                verdict.errors.append(Issue(path: "\(path).indicator", code: "duplicate_indicator",
                                            message: "\(indicator.name)在同一次上报中出现多次"))
                continue
            }
            guard indicator.frequency.isDue(in: submission.period.month) else {
                verdict.errors.append(Issue(path: "\(path).indicator", code: ErrorCode.notDue.rawValue,
                                            message: "\(indicator.name)\(indicator.frequency.label)报送，\(submission.period.month)月不报"))
                continue
            }
            checkShape(figure, indicator, path, &verdict)
            checkUnit(figure, indicator, path, &verdict)
            checkBounds(figure, indicator, path, &verdict)
            checkLevels(figure, indicator, path, &verdict)
            checkWhole(figure, indicator, path, &verdict)
            checkFirstMonth(figure, indicator, submission.period, path, &verdict)
            checkRatio(figure, indicator, path, &verdict)
            checkGrowthRange(figure, indicator, path, &verdict)
            checkYearEstimate(figure, indicator, path, &verdict)
        }
        return verdict
    }

    /// The fields each kind takes. A flow may be a growth alone ("增长17.3%", PROTOCOL.md v1.1) but a
    /// month needs its ytd; a ratio is num and den, or its value alone; a stock is its value.
    private func checkShape(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        let allowed = Self.allowedFields(for: ind.kind)
        for field in FigureInput.numericFields where field.get(f) != nil && !allowed.contains(field.name) {
            v.errors.append(Issue(path: "\(path).\(field.name)", code: "not_allowed",
                                  message: "\(ind.name)是\(Self.kindName(ind.kind))指标，不报\(FieldLabel.of(field.name))"))
        }
        if f.yearEstimate != nil, ind.kind != .flow {
            v.errors.append(Issue(path: "\(path).year_estimate", code: "not_allowed",
                                  message: "\(ind.name)是\(Self.kindName(ind.kind))指标，不报预计全年数"))
        }
        func require(_ field: String, _ why: String) {
            v.errors.append(Issue(path: "\(path).\(field)", code: "required", message: "\(ind.name)缺少\(FieldLabel.of(field))\(why)"))
        }
        switch ind.kind {
        case .flow:
            if f.ytd == nil && f.yoy == nil {
                require("ytd", "（或只报同比增速 yoy）")
            } else if f.ytd == nil && f.month != nil {
                require("ytd", "：报当月值须同时报累计值")
            }
        case .stock:
            if f.value == nil { require("value", "") }
        case .ratio:
            if f.num == nil && f.den == nil {
                if f.value == nil { require("num", "（或只报比值 value）"); require("den", "") }
            } else if f.num == nil {
                require("num", "")
            } else if f.den == nil {
                require("den", "")
            }
        }
    }

    /// Counts (个, 家, 项) are whole numbers: 3.5 家 is a typo, never a figure.
    private func checkWhole(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        guard ind.countsThings else { return }
        for field in FigureInput.numericFields where field.name != "yoy" {
            guard let x = field.get(f), !x.isWholeNumber else { continue }
            v.errors.append(Issue(path: "\(path).\(field.name)", code: "not_integer",
                                  message: "\(ind.name)以\(ind.unit)计，\(FieldLabel.of(field.name))应为整数：\(x)"))
        }
    }

    /// A unit must be the catalog's, or one `UnitConversion` converts exactly (万元 for 亿元).
    private func checkUnit(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        guard let unit = f.unit, unit != ind.unit else { return }
        if ind.kind != .ratio && UnitConversion.isConvertible(unit, to: ind.unit) { return }
        v.errors.append(Issue(path: "\(path).unit", code: "unit_mismatch",
                              message: "\(ind.name)的计量单位应为\(ind.unit)，上报为\(unit)"))
    }

    /// Bounds hold for the figure as stored, in the catalog's unit: 9 decimals of 万元 are 13 of 亿元.
    private func checkBounds(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        guard let converted = f.converted(to: ind.unit) else { return }  // unit_mismatch says why
        let limits = ExactDecimal.Limits.reported
        for field in FigureInput.numericFields {
            guard let x = field.get(converted), !x.fits(limits) else { continue }
            let written = field.get(f).map { "\($0)\(f.unit ?? "")" } ?? ""
            v.errors.append(Issue(path: "\(path).\(field.name)", code: "bad_number", message:
                "\(ind.name)的\(FieldLabel.of(field.name)) \(written) 超出范围：换算为\(ind.unit)后最多\(limits.integerDigits)位整数、\(limits.scale)位小数"))
        }
    }

    /// The submission with every level in the catalog's unit; call after `validate` accepted it.
    public func normalized(_ s: Submission) -> Submission {
        var s = s
        s.figures = s.figures.map { f in catalog[f.indicator].flatMap { f.converted(to: $0.unit) } ?? f }
        return s
    }

    /// 预计全年 is the whole year: never below what the year already reached (both in one unit),
    /// never negative, and within the bounds of a reported figure.
    private func checkYearEstimate(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        guard ind.kind == .flow, let estimate = f.yearEstimate else { return }
        if estimate.isNegative {
            v.errors.append(Issue(path: "\(path).year_estimate", code: "negative", message: "\(ind.name)的预计全年数不能为负数：\(estimate)"))
            return
        }
        if let converted = f.converted(to: ind.unit)?.yearEstimate, !converted.fits(.reported) {
            v.errors.append(Issue(path: "\(path).year_estimate", code: "bad_number", message: "\(ind.name)的预计全年数 \(estimate) 超出范围"))
            return
        }
        if let ytd = f.ytd, estimate < ytd {
            v.errors.append(Issue(path: "\(path).year_estimate", code: ErrorCode.estimateBelowYtd.rawValue,
                                  message: "\(ind.name)的预计全年数 \(estimate) 低于本年累计值 \(ytd)"))
        }
    }

    /// Levels (everything but growth) cannot be negative; a ratio's denominator cannot be zero.
    private func checkLevels(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        for field in FigureInput.numericFields where field.name != "yoy" {
            if let x = field.get(f), x.isNegative {
                v.errors.append(Issue(path: "\(path).\(field.name)", code: "negative",
                                      message: "\(ind.name)的\(FieldLabel.of(field.name))不能为负数：\(x)"))
            }
        }
        if ind.kind == .ratio, let den = f.den, den.isZero {
            v.errors.append(Issue(path: "\(path).den", code: "zero_denominator", message: "\(ind.name)的分母(den)不能为0"))
        }
    }

    /// In January the month is the whole year to date: month must equal ytd within rounding. Both
    /// are roundings of one value, so they differ by strictly less than the two half-units together
    /// (87.5 and 87.4 cannot both be roundings of the same number; 87.5 and 87.46 can).
    private func checkFirstMonth(_ f: FigureInput, _ ind: Indicator, _ period: Period, _ path: FigurePath, _ v: inout Verdict) {
        guard ind.kind == .flow, period.month == 1, let ytd = f.ytd, let month = f.month else { return }
        let tolerance = ytd.halfUnit + month.halfUnit
        if (ytd - month).magnitude >= tolerance {
            v.errors.append(Issue(path: "\(path).month", code: "month_mismatch",
                                  message: "\(ind.name)：1月的当月值 \(month) 应等于累计值 \(ytd)"))
        }
    }

    /// A ratio's stated value must equal num/den within the rounding of the value as written.
    private func checkRatio(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        guard ind.kind == .ratio, let value = f.value, let num = f.num, let den = f.den, !den.isZero,
              let exact = num.divided(by: den, scale: min(value.scale + 6, ExactDecimal.maxScale))
        else { return }
        if (value - exact).magnitude > value.halfUnit + Self.ratioRounding(num: num, den: den) {
            v.errors.append(Issue(path: "\(path).value", code: "ratio_mismatch",
                                  message: "\(ind.name)：比值 \(value) 与 分子/分母 = \(num)/\(den) ≈ \(exact) 不符"))
        }
    }

    /// How far num/den can move when num and den are each off by half a unit of their last place:
    /// (½u_n·den + ½u_d·num) / den², bounded from above.
    static func ratioRounding(num: ExactDecimal, den: ExactDecimal) -> ExactDecimal {
        let scale = ExactDecimal.maxScale
        guard let a = num.halfUnit.divided(by: den, scale: scale),
              let b = num.multiplied(by: den.halfUnit).flatMap({ $0.divided(by: den, scale: scale) })
                .flatMap({ $0.divided(by: den, scale: scale) })
        else { return ExactDecimal.zero }
        return a + b + ExactDecimal(significand: 1, scale: scale)
    }

    /// Growth beyond ±100 % is accepted but flagged: usually a typo, sometimes real.
    private func checkGrowthRange(_ f: FigureInput, _ ind: Indicator, _ path: FigurePath, _ v: inout Verdict) {
        guard let yoy = f.yoy, yoy.magnitude > ExactDecimal(100) else { return }
        v.warnings.append(Issue(path: "\(path).yoy", code: "growth_out_of_range",
                                message: "\(ind.name)同比增速 \(yoy)% 超出 ±100%，请核实"))
    }

    static func kindName(_ kind: IndicatorKind) -> String {
        switch kind {
        case .flow: return "累计(流量)"
        case .stock: return "期末(存量)"
        case .ratio: return "比率"
        }
    }
}
