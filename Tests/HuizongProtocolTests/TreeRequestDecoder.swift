import HuizongCore
@testable import HuizongProtocol

// The request decoder as it was before the pull decoder: JSONParser builds a tree, then the tree is
// mapped to a Request. Kept verbatim (renamed, and its limits taken from RequestDecoder) as the
// reference the differential tests hold the pull decoder to; it is on no path of the daemon.

enum TreeRequestDecoder {
    static let maxIDLength = RequestDecoder.maxIDLength
    static let maxKeyLength = RequestDecoder.maxKeyLength
    static let maxNoteLength = RequestDecoder.maxNoteLength

    /// Decodes one line (without its terminator). Before hello (`authenticated` false) only `hello`
    /// and `ping` are decoded: anything else is refused once its type is known, whatever its size.
    static func decode(_ line: UnsafeRawBufferPointer, authenticated: Bool = true) -> Result<Envelope, RequestError> {
        let json: JSON
        do { json = try JSONParser.parse(line) } catch {
            return .failure(RequestError(id: nil, code: .badJSON, message: "not valid JSON: \(error)"))
        }
        guard case .object(let members) = json else {
            return .failure(RequestError(id: nil, code: .badJSON, message: "a request must be a JSON object, not \(json.typeName)"))
        }
        var fields = TreeFields(members, path: "")
        var id: String?
        switch fields["id"] {
        case nil, .null?: id = nil
        case .string(let s)? where s.count <= maxIDLength: id = s
        case .string?: return .failure(RequestError(id: nil, code: .badRequest, message: "id is longer than \(maxIDLength) characters"))
        case let other?: return .failure(RequestError(id: nil, code: .badRequest, message: "id must be a string, not \(other.typeName)"))
        }
        if !authenticated, case .string(let type)? = fields["type"], type != "hello", type != "ping" {
            return .failure(RequestError(id: id, code: .unauthenticated, message: "send hello with your office code and token first"))
        }
        do {
            let request = try decodeBody(&fields)
            return .success(Envelope(id: id, request: request))
        } catch var error {
            error.id = id
            return .failure(error)
        }
    }

    static func decode(_ line: [UInt8], authenticated: Bool = true) -> Result<Envelope, RequestError> {
        line.withUnsafeBytes { decode($0, authenticated: authenticated) }
    }

    private static func decodeBody(_ f: inout TreeFields) throws(RequestError) -> Request {
        try f.rejectDuplicates()
        let type = try f.string("type")
        switch type {
        case "hello":
            return .hello(office: try f.string("office"), token: try f.string("token"))
        case "ping":
            return .ping
        case "submit":
            return .submit(try submission(&f), dryRun: try f.optionalBool("dry_run") ?? false)
        case "query":
            if f["group"] != nil, f["group"] != .null {
                return .query(Query(region: "", group: try f.string("group"), period: try period(&f),
                                    indicator: try f.optionalString("indicator"), children: false))
            }
            return .query(Query(region: try f.string("region"), period: try period(&f),
                                indicator: try f.optionalString("indicator"),
                                children: try f.optionalBool("children") ?? false))
        case "conflicts":
            let region = try f.string("region")
            return .conflicts(region: region, period: f["period"] == nil || f["period"] == .null ? nil : try period(&f))
        case "target":
            let region = try f.string("region")
            let year = try f.integer("year")
            guard (2000...2100).contains(year) else { throw f.mistyped("year", "a year between 2000 and 2100") }
            let indicator = try f.string("indicator")
            let targets = TargetSet(level: try f.decimal("ytd"), growth: try f.decimal("yoy"), share: try f.decimal("share"),
                                    shareOf: try f.optionalString("of"))
            if let ytd = targets.level, ytd <= .zero { throw f.mistyped("ytd", "a positive level") }
            if let share = targets.share, share <= .zero || share > ExactDecimal(100) {
                throw f.mistyped("share", "a percentage above 0 and at most 100")
            }
            if (targets.share == nil) != (targets.shareOf == nil) {
                throw RequestError(id: nil, code: .badRequest, message: "a share target needs both share (a percentage) and of (an indicator)",
                                   issues: [Issue(path: targets.share == nil ? "share" : "of", code: "required", message: "share and of go together")])
            }
            guard !targets.isEmpty else {
                throw RequestError(id: nil, code: .badRequest, message: "a target needs ytd (a level), yoy (a growth) or share with of",
                                   issues: [Issue(path: "ytd", code: "required", message: "give ytd, yoy or share and of")])
            }
            return .target(TargetRequest(region: region, year: year, indicator: indicator, targets: targets))
        case "completeness":
            return .completeness(region: try f.string("region"), period: try period(&f), indicator: try f.optionalString("indicator"))
        case "catalog":
            return .catalog
        case "regions":
            return .regions(region: try f.optionalString("region"))
        case "add_indicator":
            return .addIndicator(try newIndicator(&f))
        case "add_alias":
            let indicator = try f.string("indicator")
            let written = try f.string("alias")
            let alias = String(written.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard !alias.isEmpty, alias.count <= 64, !alias.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw f.mistyped("alias", "a name of 1 to 64 characters, no control characters")
            }
            return .addAlias(indicator: indicator, alias: alias)
        case "add_region":
            let code = try f.string("code")
            guard Self.isCode(code, letters: true) else { throw f.mistyped("code", "a region code of letters and digits, at most 12") }
            let name = try f.string("name")
            guard !name.isEmpty, name.count <= 64 else { throw f.mistyped("name", "a name of 1 to 64 characters") }
            var level: RegionLevel?
            if let text = try f.optionalString("level") {
                guard let l = RegionLevel(rawValue: text) else { throw f.mistyped("level", "\"province\", \"city\" or \"county\"") }
                level = l
            }
            return .addRegion(NewRegion(code: code, name: name, parent: try f.string("parent"), level: level,
                                        inSum: try f.optionalBool("in_sum") ?? true))
        case "lock", "unlock":
            return .lock(region: try f.string("region"), period: try period(&f), locked: type == "lock")
        case "subscribe":
            let region = try f.string("region")
            var since: Int64?
            switch f["since"] {
            case nil, .null?: since = nil
            case .number(let t)?, .string(let t)?:
                guard let v = Int64(t), v >= 0 else { throw f.mistyped("since", "a non-negative integer (a seq)") }
                since = v
            default: throw f.mistyped("since", "a non-negative integer (a seq)")
            }
            return .subscribe(region: region, since: since, indicator: try f.optionalString("indicator"))
        case "resolve":
            let conflict = try f.int64("conflict")
            let action = try f.string("action")
            guard let side = ConflictSide(rawValue: action) else {
                throw f.mistyped("action", "\"accept_own\" or \"accept_sum\"")
            }
            let note = try f.optionalString("note")
            guard (note?.count ?? 0) <= maxNoteLength else { throw f.mistyped("note", "at most \(maxNoteLength) characters") }
            return .resolve(Resolution(conflict: conflict, action: side, note: note))
        case "review":
            let region = try f.string("region")
            let period = try period(&f)
            guard let action = ReviewAction(rawValue: try f.string("action")) else {
                throw f.mistyped("action", "\"approve\" or \"return\"")
            }
            let note = try f.optionalString("note")
            guard (note?.count ?? 0) <= maxNoteLength else { throw f.mistyped("note", "at most \(maxNoteLength) characters") }
            if action == .return, note?.contains(where: { !$0.isWhitespace }) != true {
                throw RequestError(id: nil, code: .badRequest, message: "a return needs a note saying why (退回须注明原因)",
                                   issues: [Issue(path: "note", code: "required", message: "退回须注明原因")])
            }
            return .review(region: region, period: period, action: action, note: note)
        case "reviews":
            return .reviews(region: try f.string("region"), period: try period(&f))
        case "add_group":
            let code = try f.string("code")
            guard Self.isCode(code, letters: false) else { throw f.mistyped("code", "lower-case letters, digits and _ (at most 48)") }
            let name = try f.string("name")
            guard !name.isEmpty, name.count <= 64 else { throw f.mistyped("name", "a name of 1 to 64 characters") }
            guard case .array(let items) = try f.required("members"),
                  case let members = items.compactMap({ item -> String? in if case .string(let s) = item { s } else { nil } }),
                  members.count == items.count else {
                throw f.mistyped("members", "an array of region codes")
            }
            guard !members.isEmpty, members.count <= 5000 else { throw f.mistyped("members", "1 to 5000 region codes") }
            guard Set(members).count == members.count else {
                throw RequestError(id: nil, code: .badRequest, message: "a region is listed twice in members",
                                   issues: [Issue(path: "members", code: "duplicate", message: "each member once")])
            }
            return .addGroup(PeerGroup(code: code, name: name, members: members))
        case "groups":
            return .groups
        case "outliers":
            return .outliers(region: try f.string("region"), period: try period(&f))
        case "bounds":
            let region = try f.string("region")
            let indicator = try f.string("indicator")
            guard let field = BoundedField(rawValue: try f.string("field")) else {
                throw f.mistyped("field", "\"ytd\", \"month\", \"value\" or \"yoy\"")
            }
            let min: ExactDecimal?? = f["min"] == nil ? nil : .some(try f.decimal("min"))
            let max: ExactDecimal?? = f["max"] == nil ? nil : .some(try f.decimal("max"))
            if let lo = min ?? nil, let hi = max ?? nil, lo > hi {
                throw RequestError(id: nil, code: .badRequest, message: "min \(lo) is above max \(hi)",
                                   issues: [Issue(path: "min", code: "inverted", message: "min must not exceed max")])
            }
            return .bounds(BoundKey(region: region, indicator: indicator, field: field), min: min, max: max)
        default:
            throw RequestError(id: nil, code: .badRequest, message: "unknown request type \"\(type)\"", issues: [
                Issue(path: "type", code: "unknown_type", message: "unknown request type \"\(type)\""),
            ])
        }
    }

    /// An indicator code (lower-case letters, digits, underscores) or a region code (letters, digits).
    static func isCode(_ s: String, letters: Bool) -> Bool {
        !s.isEmpty && s.utf8.count <= (letters ? 12 : 48) && s.utf8.allSatisfy { u in
            (u >= 0x30 && u <= 0x39) || (letters ? ((u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A))
                                                 : ((u >= 0x61 && u <= 0x7A) || u == 0x5F))
        }
    }

    static func newIndicator(_ f: inout TreeFields) throws(RequestError) -> NewIndicator {
        let code = try f.string("code")
        guard isCode(code, letters: false) else { throw f.mistyped("code", "lower-case letters, digits and _ (at most 48)") }
        let name = try f.string("name")
        guard !name.isEmpty, name.count <= 64 else { throw f.mistyped("name", "a name of 1 to 64 characters") }
        let unit = try f.string("unit")
        guard !unit.isEmpty, unit.count <= 16 else { throw f.mistyped("unit", "a unit of 1 to 16 characters") }
        guard let kind = IndicatorKind(rawValue: try f.string("kind")) else { throw f.mistyped("kind", "\"flow\", \"stock\" or \"ratio\"") }
        var better = Better.higher, frequency = Frequency.monthly
        if let text = try f.optionalString("better") {
            guard let b = Better(rawValue: text) else { throw f.mistyped("better", "\"higher\" or \"lower\"") }
            better = b
        }
        if let text = try f.optionalString("frequency") {
            guard let q = Frequency(rawValue: text) else { throw f.mistyped("frequency", "\"monthly\", \"quarterly\" or \"yearly\"") }
            frequency = q
        }
        return NewIndicator(indicator: Indicator(code: code, name: name, unit: unit, kind: kind, better: better, frequency: frequency),
                            partOf: try f.optionalString("part_of"))
    }

    static func period(_ f: inout TreeFields) throws(RequestError) -> Period {
        let text = try f.string("period")
        guard let p = Period(text) else {
            throw RequestError(id: nil, code: .badPeriod, message: "period \"\(text)\" is not a month written YYYY-MM",
                               issues: [Issue(path: "period", code: "bad_period", message: "period must be YYYY-MM with month 01–12")])
        }
        return p
    }

    /// Built once: as a literal in the loop it was a new set of ten hashed strings per figure.
    static let figureFields: Set<String> = ["indicator", "ytd", "month", "yoy", "value", "num", "den", "note", "unit", "estimate", "year_estimate"]

    static func submission(_ f: inout TreeFields) throws(RequestError) -> Submission {
        let key = try f.string("key")
        guard !key.isEmpty, key.count <= maxKeyLength else {
            throw f.mistyped("key", "a non-empty string of at most \(maxKeyLength) characters")
        }
        let region = try f.string("region")
        let period = try period(&f)
        let revision = try f.integer("revision")
        guard revision >= 1 else { throw f.mistyped("revision", "a positive integer") }
        guard case .array(let items) = try f.required("figures") else { throw f.mistyped("figures", "an array of figures") }
        var figures: [FigureInput] = []
        for (i, item) in items.enumerated() {
            guard case .object(let members) = item else {
                throw RequestError(id: nil, code: .badRequest, message: "figures[\(i)] must be an object",
                                   issues: [Issue(path: "figures[\(i)]", code: "mistyped", message: "must be an object")])
            }
            let ff = TreeFields(members, path: "figures[\(i)].")
            try ff.rejectDuplicates()
            try ff.rejectUnknown(allowed: figureFields)
            var figure = FigureInput(indicator: try ff.string("indicator"))
            figure.ytd = try ff.decimal("ytd", limits: .wire)
            figure.month = try ff.decimal("month", limits: .wire)
            figure.yoy = try ff.decimal("yoy", limits: .wire)
            figure.value = try ff.decimal("value", limits: .wire)
            figure.num = try ff.decimal("num", limits: .wire)
            figure.den = try ff.decimal("den", limits: .wire)
            figure.note = try ff.optionalString("note")
            if let note = figure.note, note.count > maxNoteLength { throw ff.mistyped("note", "at most \(maxNoteLength) characters") }
            figure.unit = try ff.optionalString("unit")
            figure.estimate = try ff.optionalBool("estimate") ?? false
            figure.yearEstimate = try ff.decimal("year_estimate", limits: .wire)
            figures.append(figure)
        }
        return Submission(key: key, region: region, period: period, revision: revision, figures: figures)
    }
}

/// Typed access to an object's members, producing `bad_request` errors that name the field's path.
struct TreeFields {
    let members: [JSON.Member]
    let path: String

    init(_ members: [JSON.Member], path: String) {
        self.members = members
        self.path = path
    }

    subscript(key: String) -> JSON? { members.first(where: { $0.key == key })?.value }

    func rejectDuplicates() throws(RequestError) {
        // A figure has three or four fields: comparing each with those before it beats hashing
        // them into a set. A large object (hostile or not) still goes through a set, in linear time.
        if members.count <= 8 {
            for (i, m) in members.enumerated() where members[..<i].contains(where: { $0.key == m.key }) { throw duplicate(m.key) }
            return
        }
        var seen: Set<String> = []
        for m in members where !seen.insert(m.key).inserted { throw duplicate(m.key) }
    }

    private func duplicate(_ key: String) -> RequestError {
        RequestError(id: nil, code: .badRequest, message: "field \(path)\(key) appears twice",
                     issues: [Issue(path: path + key, code: "duplicate_field", message: "appears twice")])
    }

    func rejectUnknown(allowed: Set<String>) throws(RequestError) {
        for m in members where !allowed.contains(m.key) {
            throw RequestError(id: nil, code: .badRequest, message: "unknown field \(path)\(m.key)",
                               issues: [Issue(path: path + m.key, code: "unknown_field", message: "not a field of a figure")])
        }
    }

    func mistyped(_ key: String, _ expected: String) -> RequestError {
        RequestError(id: nil, code: .badRequest, message: "\(path)\(key) must be \(expected)",
                     issues: [Issue(path: path + key, code: "mistyped", message: "must be \(expected)")])
    }

    func required(_ key: String) throws(RequestError) -> JSON {
        guard let v = self[key], v != .null else {
            throw RequestError(id: nil, code: .badRequest, message: "missing field \(path)\(key)",
                               issues: [Issue(path: path + key, code: "required", message: "missing")])
        }
        return v
    }

    func string(_ key: String) throws(RequestError) -> String {
        guard case .string(let s) = try required(key) else { throw mistyped(key, "a string") }
        return try checked(key, s)
    }

    func optionalString(_ key: String) throws(RequestError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let s)?: return try checked(key, s)
        default: throw mistyped(key, "a string")
        }
    }

    /// No string may carry a NUL (PostgreSQL's text cannot hold one, and C strings end there); only
    /// a note, which is prose, may carry other control characters, and only tab and newlines.
    private func checked(_ key: String, _ s: String) throws(RequestError) -> String {
        let prose = key == "note"
        for u in s.utf8 where u < 0x20 || u == 0x7F {
            if prose && (u == 0x09 || u == 0x0A || u == 0x0D) { continue }
            throw mistyped(key, prose ? "text without NUL or control characters other than tab and newline"
                                      : "a string without NUL or control characters")
        }
        return s
    }

    func optionalBool(_ key: String) throws(RequestError) -> Bool? {
        switch self[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: throw mistyped(key, "true or false")
        }
    }

    /// An integer written as a JSON number or a string of digits.
    func integer(_ key: String) throws(RequestError) -> Int {
        let text: String
        switch try required(key) {
        case .number(let t): text = t
        case .string(let t): text = t
        default: throw mistyped(key, "an integer")
        }
        guard text.utf8.count <= 9, let v = Int(text) else { throw mistyped(key, "an integer below 10^9") }
        return v
    }

    /// An id as `conflicts` lists it (a bigserial): a positive integer, as a JSON number or a string.
    func int64(_ key: String) throws(RequestError) -> Int64 {
        let text: String
        switch try required(key) {
        case .number(let t): text = t
        case .string(let t): text = t
        default: throw mistyped(key, "a positive integer")
        }
        guard text.utf8.count <= 19, let v = Int64(text), v > 0 else { throw mistyped(key, "a positive integer (an id from conflicts)") }
        return v
    }

    /// A number: JSON number or string, exact either way; nil when absent or null. Figures are read
    /// with the wider `.wire` limits and bounded once in the catalog's unit (see `Validator`).
    func decimal(_ key: String, limits: ExactDecimal.Limits = .reported) throws(RequestError) -> ExactDecimal? {
        let text: String
        switch self[key] {
        case nil, .null?: return nil
        case .number(let t)?: text = t
        case .string(let t)?: text = t
        case let other?: throw mistyped(key, "a number (or a string holding one), not \(other.typeName)")
        }
        guard let d = ExactDecimal(text, limits: limits) else {
            throw RequestError(id: nil, code: .badRequest,
                               message: "\(path)\(key) \"\(text.prefix(40))\" is not a decimal number within bounds (at most \(ExactDecimal.maxIntegerDigits) digits before the point and \(ExactDecimal.maxScale) after)",
                               issues: [Issue(path: path + key, code: "bad_number", message: "not a decimal number within bounds")])
        }
        return d
    }
}
