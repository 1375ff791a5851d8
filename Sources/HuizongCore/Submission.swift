/// One indicator's figures as a county reported them; which fields are required depends on the
/// indicator's kind. Every number keeps its written precision.
public struct FigureInput: Sendable, Hashable {
    public var indicator: String
    public var ytd: ExactDecimal?
    public var month: ExactDecimal?
    public var yoy: ExactDecimal?
    public var value: ExactDecimal?
    public var num: ExactDecimal?
    public var den: ExactDecimal?
    /// 上报说明: the reporter's explanation, stored with the figure and shown to the city.
    public var note: String?
    /// The unit the reporter wrote, if any; it must be the catalog's (or convertible to it).
    public var unit: String?
    /// 预计: an estimate, made final by a later revision that lists the figure without the flag.
    public var estimate: Bool
    /// 预计全年 (PROTOCOL.md v1.2): a flow's estimate of the whole year, at least its ytd.
    public var yearEstimate: ExactDecimal?

    public init(indicator: String, ytd: ExactDecimal? = nil, month: ExactDecimal? = nil, yoy: ExactDecimal? = nil,
                value: ExactDecimal? = nil, num: ExactDecimal? = nil, den: ExactDecimal? = nil, note: String? = nil,
                unit: String? = nil, estimate: Bool = false, yearEstimate: ExactDecimal? = nil) {
        self.indicator = indicator
        self.ytd = ytd
        self.month = month
        self.yoy = yoy
        self.value = value
        self.num = num
        self.den = den
        self.note = note
        self.unit = unit
        self.estimate = estimate
        self.yearEstimate = yearEstimate
    }

    /// Named numeric fields in a fixed order, for iteration by rules, hashing and storage.
    public static let numericFields: [(name: String, get: @Sendable (FigureInput) -> ExactDecimal?)] = [
        ("ytd", { $0.ytd }), ("month", { $0.month }), ("yoy", { $0.yoy }),
        ("value", { $0.value }), ("num", { $0.num }), ("den", { $0.den }),
    ]
}

/// A county's submission for one region and period (PROTOCOL.md, "Submitting figures").
public struct Submission: Sendable {
    public var key: String
    public var region: String
    public var period: Period
    public var revision: Int
    public var figures: [FigureInput]

    public init(key: String, region: String, period: Period, revision: Int, figures: [FigureInput]) {
        self.key = key
        self.region = region
        self.period = period
        self.revision = revision
        self.figures = figures
    }

    /// SHA-256 of a canonical form: what "the same content" means for an idempotent resend. Figures
    /// are taken in indicator order and numbers in their written form, so "1.50" differs from "1.5".
    public var contentHash: [UInt8] {
        // The bytes of "region|period|revision|indicator;ytd;month;yoy;value;num;den;unit;note…",
        // appended in place (the hash of every stored key depends on them: never change the form).
        var text: [UInt8] = []
        text.reserveCapacity(32 + figures.count * 64)
        func add(_ s: String) { text.append(contentsOf: s.utf8) }
        func mark(_ c: Unicode.Scalar) { text.append(UInt8(ascii: c)) }
        add(region); mark("|"); add(period.description); mark("|"); add(String(revision))
        for f in figures.sorted(by: { $0.indicator < $1.indicator }) {
            mark("|"); add(f.indicator)
            for field in FigureInput.numericFields {
                mark(";")
                if let x = field.get(f) { add(x.description) }
            }
            mark(";"); if let unit = f.unit { add(unit) }
            mark(";")
            if let note = f.note { add(String(note.utf8.count)); mark(":"); add(note) } else { mark("-") }  // length-prefixed: no delimiter games
            if f.estimate { mark(";"); mark("E") }  // only when set: the hashes of figures without it stay as they were
            if let y = f.yearEstimate { mark(";"); mark("Y"); add(y.description) }  // likewise
        }
        return SHA256.hash(text)
    }
}
