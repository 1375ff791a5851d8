import HuizongCore

/// A submission's `figures`, read into `FigureInput`s as the reader passes them: the daemon's hot
/// path (tens of thousands of lines of twenty figures a second).
///
/// The checks of a figure run in a fixed order — a field twice, then an unknown field, then each
/// field in `Field` order — while its members come in whatever order the line has: each member's
/// outcome is kept and the first failure in check order wins when the figure closes. After the
/// first figure that fails, the rest of the array is only checked as JSON: a field error counts only
/// once the whole line is known to be valid JSON.
enum FigureDecoder {
    /// The fields of a figure, in the order their checks run.
    enum Field: Int {
        case indicator, ytd, month, yoy, value, num, den, note, unit, estimate, yearEstimate

        var name: String { Self.names[rawValue] }
        var bit: UInt16 { 1 << rawValue }
        private static let names = ["indicator", "ytd", "month", "yoy", "value", "num", "den", "note", "unit", "estimate", "year_estimate"]
    }

    static let fields = NameTable<Field>([
        ("indicator", .indicator), ("ytd", .ytd), ("yoy", .yoy), ("month", .month), ("value", .value), ("num", .num),
        ("den", .den), ("unit", .unit), ("note", .note), ("estimate", .estimate), ("year_estimate", .yearEstimate),
    ])

    /// A figure's values as they are read, made a `FigureInput` once the figure is whole. The
    /// indicator stays nil while absent or null: both are "missing", known only at the end.
    private struct Values {
        var indicator: String?
        var ytd, month, yoy, value, num, den, yearEstimate: ExactDecimal?
        var note, unit: String?
        var estimate = false
    }

    struct Decoded {
        var figures: [FigureInput] = []
        /// The first failure, which the submission answers with.
        var error: RequestError?
    }

    /// At the `[` of `figures`.
    static func read(_ r: inout JSONReader) throws(JSONError) -> Decoded {
        var out = Decoded()
        guard try r.enterArray() else { return out }
        // A figure takes some 30 to 80 bytes: reserving for what the line has left spares the array
        // its doublings, each a copy of every figure so far (a FigureInput is some 260 bytes).
        out.figures.reserveCapacity(min(256, (r.count - r.index) / 48 + 1))
        // Read once, not at every field: each access to a global goes through its once-check.
        let names = fields, wire = ExactDecimal.Limits.wire
        var i = 0
        repeat {
            if out.error != nil {
                try r.skipValue()
            } else if try r.peek() == .object {
                out.error = try readFigure(&r, into: &out.figures, names: names, wire: wire, scope: FieldScope(bytes: r.bytes, figure: i))
            } else {
                try r.skipValue()
                out.error = RequestError(id: nil, code: .badRequest, message: "figures[\(i)] must be an object",
                                         issues: [Issue(path: "figures[\(i)]", code: "mistyped", message: "must be an object")])
            }
            i += 1
        } while try r.nextElement()
        return out
    }

    /// At a figure's `{`: appends the figure, or answers why it cannot be.
    private static func readFigure(_ r: inout JSONReader, into figures: inout [FigureInput], names: NameTable<Field>,
                                   wire: ExactDecimal.Limits, scope: FieldScope) throws(JSONError) -> RequestError? {
        var figure = Values()
        var seen: UInt16 = 0
        var duplicate: String?
        var unknown: String?
        var unknownNames: Set<String> = []  // for the duplicate rule; empty (unallocated) on the hot path
        var failed: (field: Field, error: RequestError)?

        var more = try r.enterObject()
        while more {
            let key = try r.readKey()
            let field = names(key, in: r.bytes)
            if let field, seen & field.bit == 0, duplicate == nil, unknown == nil {
                seen |= field.bit
                if let error = try read(field, &r, into: &figure, wire: wire, scope: scope),
                   failed.map({ field.rawValue < $0.field.rawValue }) ?? true {
                    failed = (field, error)
                }
                more = try r.nextMember()
                continue
            }
            // A member twice or an unknown one decides the answer; only the JSON is left to check.
            if duplicate == nil {
                if let field {
                    if seen & field.bit != 0 { duplicate = field.name } else { seen |= field.bit }
                } else {
                    let name = key.string(in: r.bytes)
                    if !unknownNames.insert(name).inserted { duplicate = name } else if unknown == nil { unknown = name }
                }
            }
            try r.skipValue()
            more = try r.nextMember()
        }

        if let duplicate { return scope.duplicate(duplicate) }
        if let unknown { return scope.unknown(unknown) }
        if let failed, failed.field == .indicator { return failed.error }
        guard let indicator = figure.indicator else { return scope.missing("indicator") }
        if let failed { return failed.error }
        figures.append(FigureInput(indicator: indicator, ytd: figure.ytd, month: figure.month, yoy: figure.yoy, value: figure.value,
                                   num: figure.num, den: figure.den, note: figure.note, unit: figure.unit, estimate: figure.estimate,
                                   yearEstimate: figure.yearEstimate))
        return nil
    }

    /// One field's value into the figure, or why it cannot be. The common cases — an escape-free
    /// string, a number — are read where they lie; anything else goes through `FieldScope`, whose
    /// rules say what is wrong.
    @inline(__always)
    private static func read(_ field: Field, _ r: inout JSONReader, into figure: inout Values,
                             wire: ExactDecimal.Limits, scope: FieldScope) throws(JSONError) -> RequestError? {
        let value: JSONReader.Scalar
        switch field {
        case .indicator:
            if try r.peek() == .string {
                let token = try r.readString()
                if scope.isPlain(token) {
                    figure.indicator = token.string(in: r.bytes)
                    return nil
                }
                value = .string(token)
            } else {
                value = try r.readScalar()
            }
            // Null is "missing", which is only known once the figure closes.
            if case .null = value { return nil }
            do throws(RequestError) { figure.indicator = try scope.string(value, field.name) } catch { return error }
        case .ytd, .month, .yoy, .value, .num, .den, .yearEstimate:
            switch try r.peek() {
            case .string:
                let token = try r.readString()
                if token.text == nil, let d = ExactDecimal(utf8: UnsafeRawBufferPointer(rebasing: r.bytes[token.start..<token.end]), limits: wire) {
                    set(field, d, in: &figure)
                    return nil
                }
                value = .string(token)
            case .number:
                let range = try r.readNumber()
                if let d = ExactDecimal(utf8: UnsafeRawBufferPointer(rebasing: r.bytes[range]), limits: wire) {
                    set(field, d, in: &figure)
                    return nil
                }
                value = .number(range)
            default:
                value = try r.readScalar()
            }
            do throws(RequestError) { set(field, try scope.decimal(value, field.name, limits: wire), in: &figure) } catch { return error }
        case .note:
            value = try r.readScalar()
            do throws(RequestError) {
                figure.note = try scope.optionalString(value, field.name)
                if let note = figure.note, note.utf8.count > RequestDecoder.maxNoteLength, note.count > RequestDecoder.maxNoteLength {
                    throw scope.mistyped(field.name, "at most \(RequestDecoder.maxNoteLength) characters")
                }
            } catch { return error }
        case .unit:
            value = try r.readScalar()
            do throws(RequestError) { figure.unit = try scope.optionalString(value, field.name) } catch { return error }
        case .estimate:
            value = try r.readScalar()
            do throws(RequestError) { figure.estimate = try scope.optionalBool(value, field.name) ?? false } catch { return error }
        }
        return nil
    }

    @inline(__always)
    private static func set(_ field: Field, _ d: ExactDecimal?, in figure: inout Values) {
        switch field {
        case .ytd: figure.ytd = d
        case .month: figure.month = d
        case .yoy: figure.yoy = d
        case .value: figure.value = d
        case .num: figure.num = d
        case .den: figure.den = d
        case .yearEstimate: figure.yearEstimate = d
        case .indicator, .note, .unit, .estimate: preconditionFailure("\(field) is not a number")
        }
    }
}
