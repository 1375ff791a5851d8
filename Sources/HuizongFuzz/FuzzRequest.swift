import HuizongCore
import HuizongProtocol

// A libFuzzer target over everything a request line meets before the database: the request
// decoder (before and after hello) and its agreement with JSONParser on syntax, validation,
// normalization, the rules against a snapshot of stored figures, and the reconciliation of the
// figures as children of a parent.
// Built only by scripts/fuzz (`--sanitize fuzzer`); in a normal build this binary does nothing.

private let catalog = Catalog(indicators: [
    Indicator(code: "ind_value_added", name: "规上工业增加值", unit: "亿元", kind: .flow, comparableGrowth: true),
    Indicator(code: "ind_output", name: "规上工业总产值", unit: "亿元", kind: .flow),
    Indicator(code: "ship_output", name: "规上船舶工业产值", unit: "亿元", kind: .flow),
    Indicator(code: "exports", name: "外贸出口总额", unit: "亿美元", kind: .flow),
    Indicator(code: "industrial_power", name: "工业用电量", unit: "万千瓦时", kind: .flow),
    Indicator(code: "new_5g_stations", name: "新增5G基站", unit: "个", kind: .flow),
    Indicator(code: "above_scale_firms", name: "规上工业企业数", unit: "家", kind: .stock),
    Indicator(code: "tax_per_mu", name: "规上工业亩均税收", unit: "万元/亩", kind: .ratio),
], parts: [
    Catalog.PartOf(part: "ind_value_added", whole: "ind_output"),
    Catalog.PartOf(part: "ship_output", whole: "ind_output"),
])
private let validator = Validator(catalog: catalog)

/// What is stored for region 1 in 2023: every indicator in March and June, so that every rule against
/// stored figures has something to compare with.
private let snapshot: FigureSnapshot = {
    var s = FigureSnapshot()
    for (month, level) in [(3, "30.5"), (6, "61.25")] {
        let period = Period(year: 2023, month: month)!
        for indicator in catalog.indicators.values {
            let x = ExactDecimal(level)!
            switch indicator.kind {
            case .flow: s["1", period, indicator.code] = FigureInput(indicator: indicator.code, ytd: x, yoy: ExactDecimal("5.2"))
            case .stock: s["1", period, indicator.code] = FigureInput(indicator: indicator.code, value: x)
            case .ratio: s["1", period, indicator.code] = FigureInput(indicator: indicator.code, num: x, den: ExactDecimal("2"))
            }
        }
    }
    return s
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = UnsafeRawBufferPointer(start: data, count: size)
    _ = RequestDecoder.decode(line, authenticated: false)
    let decoded = RequestDecoder.decode(line, authenticated: true)
    agreeOnSyntax(line, decoded)
    guard case .success(let envelope) = decoded else { return 0 }
    guard case .submit(var submission, _) = envelope.request else { return 0 }
    submission.region = "1"
    let verdict = validator.validate(submission)
    guard verdict.isAccepted else { return 0 }
    let normalized = validator.normalized(submission)
    _ = normalized.contentHash
    _ = validator.validate(normalized, against: snapshot)
    // The figures as one child each of a parent that reported them too.
    for figure in normalized.figures {
        guard let kind = catalog[figure.indicator]?.kind,
              let child = Consolidated(region: "1", figure: figure, kind: kind) else { continue }
        let r = Reconciler.reconcile(ReconcileInput(region: "0", kind: kind, own: figure, children: [child, child], expected: 2))
        _ = Reconciler.settle(r, existing: [])
        var sums = ChildSums([child, child], kind: kind)
        sums.remove(child, kind: kind)
        _ = Reply.error(id: envelope.id, code: .validationFailed, message: "\(figure)", issues: verdict.warnings)
    }
    return 0
}

/// The decoder reads lines with its own pull reader, not with JSONParser (which the CLI uses): the
/// two must refuse the same lines, for the same reason at the same byte.
private func agreeOnSyntax(_ line: UnsafeRawBufferPointer, _ decoded: Result<Envelope, RequestError>) {
    let syntax: RequestError? = if case .failure(let e) = decoded, e.message.hasPrefix("not valid JSON: ") { e } else { nil }
    do {
        _ = try JSONParser.parse(line)
        precondition(syntax == nil, "the decoder refused what JSONParser accepts: \(syntax!.message)")
    } catch {
        precondition(syntax?.message == "not valid JSON: \(error)",
                     "JSONParser: \(error); the decoder: \(syntax?.message ?? "no syntax error")")
    }
}
