import HuizongCore

/// Each request type from its fields, checked in the order PROTOCOL.md's errors are reported.
extension RequestDecoder {
    static func body(_ f: RequestFields) throws(RequestError) -> Request {
        if let duplicate = f.duplicate { throw f.scope.duplicate(duplicate) }
        let type = try f.string(.type)
        switch type {
        case "hello":
            return .hello(office: try f.string(.office), token: try f.string(.token))
        case "ping":
            return .ping
        case "submit":
            return .submit(try submission(f), dryRun: try f.optionalBool(.dryRun) ?? false)
        case "query":
            if !f.isAbsentOrNull(.group) {
                return .query(Query(region: "", group: try f.string(.group), period: try period(f),
                                    indicator: try f.optionalString(.indicator), children: false))
            }
            return .query(Query(region: try f.string(.region), period: try period(f),
                                indicator: try f.optionalString(.indicator),
                                children: try f.optionalBool(.children) ?? false))
        case "conflicts":
            let region = try f.string(.region)
            return .conflicts(region: region, period: f.isAbsentOrNull(.period) ? nil : try period(f))
        case "target":
            let region = try f.string(.region)
            let year = try f.integer(.year)
            guard (2000...2100).contains(year) else { throw f.mistyped(.year, "a year between 2000 and 2100") }
            let indicator = try f.string(.indicator)
            let targets = TargetSet(level: try f.decimal(.ytd), growth: try f.decimal(.yoy), share: try f.decimal(.share),
                                    shareOf: try f.optionalString(.of))
            if let ytd = targets.level, ytd <= .zero { throw f.mistyped(.ytd, "a positive level") }
            if let share = targets.share, share <= .zero || share > ExactDecimal(100) {
                throw f.mistyped(.share, "a percentage above 0 and at most 100")
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
            return .completeness(region: try f.string(.region), period: try period(f), indicator: try f.optionalString(.indicator))
        case "catalog":
            return .catalog
        case "regions":
            return .regions(region: try f.optionalString(.region))
        case "add_indicator":
            return .addIndicator(try newIndicator(f))
        case "add_alias":
            let indicator = try f.string(.indicator)
            let written = try f.string(.alias)
            let alias = String(written.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard !alias.isEmpty, alias.count <= 64, !alias.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw f.mistyped(.alias, "a name of 1 to 64 characters, no control characters")
            }
            return .addAlias(indicator: indicator, alias: alias)
        case "add_region":
            let code = try f.string(.code)
            guard Self.isCode(code, letters: true) else { throw f.mistyped(.code, "a region code of letters and digits, at most 12") }
            let name = try f.string(.name)
            guard !name.isEmpty, name.count <= 64 else { throw f.mistyped(.name, "a name of 1 to 64 characters") }
            var level: RegionLevel?
            if let text = try f.optionalString(.level) {
                guard let l = RegionLevel(rawValue: text) else { throw f.mistyped(.level, "\"province\", \"city\" or \"county\"") }
                level = l
            }
            return .addRegion(NewRegion(code: code, name: name, parent: try f.string(.parent), level: level,
                                        inSum: try f.optionalBool(.inSum) ?? true))
        case "lock", "unlock":
            return .lock(region: try f.string(.region), period: try period(f), locked: type == "lock")
        case "subscribe":
            let region = try f.string(.region)
            var since: Int64?
            if let value = f[.since], !f.isAbsentOrNull(.since) {
                guard let t = f.scope.text(value), let v = Int64(t), v >= 0 else { throw f.mistyped(.since, "a non-negative integer (a seq)") }
                since = v
            }
            return .subscribe(region: region, since: since, indicator: try f.optionalString(.indicator))
        case "review":
            let region = try f.string(.region)
            let period = try period(f)
            guard let action = ReviewAction(rawValue: try f.string(.action)) else {
                throw f.mistyped(.action, "\"approve\" or \"return\"")
            }
            let note = try f.optionalString(.note)
            guard (note?.count ?? 0) <= maxNoteLength else { throw f.mistyped(.note, "at most \(maxNoteLength) characters") }
            if action == .return, note?.contains(where: { !$0.isWhitespace }) != true {
                throw RequestError(id: nil, code: .badRequest, message: "a return needs a note saying why (退回须注明原因)",
                                   issues: [Issue(path: "note", code: "required", message: "退回须注明原因")])
            }
            return .review(region: region, period: period, action: action, note: note)
        case "reviews":
            return .reviews(region: try f.string(.region), period: try period(f))
        case "add_group":
            let code = try f.string(.code)
            guard Self.isCode(code, letters: false) else { throw f.mistyped(.code, "lower-case letters, digits and _ (at most 48)") }
            let name = try f.string(.name)
            guard !name.isEmpty, name.count <= 64 else { throw f.mistyped(.name, "a name of 1 to 64 characters") }
            guard case .array = try f.required(.members), let members = f.members ?? nil else {
                throw f.mistyped(.members, "an array of region codes")
            }
            guard !members.isEmpty, members.count <= 5000 else { throw f.mistyped(.members, "1 to 5000 region codes") }
            guard Set(members).count == members.count else {
                throw RequestError(id: nil, code: .badRequest, message: "a region is listed twice in members",
                                   issues: [Issue(path: "members", code: "duplicate", message: "each member once")])
            }
            return .addGroup(PeerGroup(code: code, name: name, members: members))
        case "groups":
            return .groups
        case "outliers":
            return .outliers(region: try f.string(.region), period: try period(f))
        case "bounds":
            let region = try f.string(.region)
            let indicator = try f.string(.indicator)
            guard let field = BoundedField(rawValue: try f.string(.field)) else {
                throw f.mistyped(.field, "\"ytd\", \"month\", \"value\" or \"yoy\"")
            }
            // Absent keeps what was set; null removes it.
            let min: ExactDecimal?? = f[.min] == nil ? nil : .some(try f.decimal(.min))
            let max: ExactDecimal?? = f[.max] == nil ? nil : .some(try f.decimal(.max))
            if let lo = min ?? nil, let hi = max ?? nil, lo > hi {
                throw RequestError(id: nil, code: .badRequest, message: "min \(lo) is above max \(hi)",
                                   issues: [Issue(path: "min", code: "inverted", message: "min must not exceed max")])
            }
            return .bounds(BoundKey(region: region, indicator: indicator, field: field), min: min, max: max)
        case "resolve":
            let conflict = try f.int64(.conflict)
            let action = try f.string(.action)
            guard let side = ConflictSide(rawValue: action) else {
                throw f.mistyped(.action, "\"accept_own\" or \"accept_sum\"")
            }
            let note = try f.optionalString(.note)
            guard (note?.count ?? 0) <= maxNoteLength else { throw f.mistyped(.note, "at most \(maxNoteLength) characters") }
            return .resolve(Resolution(conflict: conflict, action: side, note: note))
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

    static func newIndicator(_ f: RequestFields) throws(RequestError) -> NewIndicator {
        let code = try f.string(.code)
        guard isCode(code, letters: false) else { throw f.mistyped(.code, "lower-case letters, digits and _ (at most 48)") }
        let name = try f.string(.name)
        guard !name.isEmpty, name.count <= 64 else { throw f.mistyped(.name, "a name of 1 to 64 characters") }
        let unit = try f.string(.unit)
        guard !unit.isEmpty, unit.count <= 16 else { throw f.mistyped(.unit, "a unit of 1 to 16 characters") }
        guard let kind = IndicatorKind(rawValue: try f.string(.kind)) else { throw f.mistyped(.kind, "\"flow\", \"stock\" or \"ratio\"") }
        var better = Better.higher, frequency = Frequency.monthly
        if let text = try f.optionalString(.better) {
            guard let b = Better(rawValue: text) else { throw f.mistyped(.better, "\"higher\" or \"lower\"") }
            better = b
        }
        if let text = try f.optionalString(.frequency) {
            guard let q = Frequency(rawValue: text) else { throw f.mistyped(.frequency, "\"monthly\", \"quarterly\" or \"yearly\"") }
            frequency = q
        }
        return NewIndicator(indicator: Indicator(code: code, name: name, unit: unit, kind: kind, better: better, frequency: frequency),
                            partOf: try f.optionalString(.partOf))
    }

    static func period(_ f: RequestFields) throws(RequestError) -> Period {
        if case .string(let token)? = f[.period], f.scope.isPlain(token),
           let p = Period(utf8: UnsafeRawBufferPointer(rebasing: f.scope.bytes[token.start..<token.end])) {
            return p
        }
        let text = try f.string(.period)
        guard let p = Period(text) else {
            throw RequestError(id: nil, code: .badPeriod, message: "period \"\(text)\" is not a month written YYYY-MM",
                               issues: [Issue(path: "period", code: "bad_period", message: "period must be YYYY-MM with month 01–12")])
        }
        return p
    }

    static func submission(_ f: RequestFields) throws(RequestError) -> Submission {
        let key = try f.string(.key)
        guard !key.isEmpty, key.utf8.count <= maxKeyLength || key.count <= maxKeyLength else {
            throw f.mistyped(.key, "a non-empty string of at most \(maxKeyLength) characters")
        }
        let region = try f.string(.region)
        let period = try period(f)
        let revision = try f.integer(.revision)
        guard revision >= 1 else { throw f.mistyped(.revision, "a positive integer") }
        // The figures were decoded as the reader passed them (see RequestFields).
        guard case .array = try f.required(.figures), let decoded = f.figures else { throw f.mistyped(.figures, "an array of figures") }
        if let error = decoded.error { throw error }
        return Submission(key: key, region: region, period: period, revision: revision, figures: decoded.figures)
    }
}
