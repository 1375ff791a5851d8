import HuizongCore

/// The top level of a request as the reader passed it: the first value of each field a request
/// reads (the first is the one that counts), the first name met twice, and the figures of a
/// submission, already decoded. Other members are checked as JSON and skipped.
struct RequestFields {
    /// The names requests read; the submission's first, as they are tried in this order.
    enum Name: Int, CaseIterable, Sendable {
        case type, id, key, region, period, revision, figures, dryRun
        case office, token, indicator, children, year, ytd, yoy, share, of, code, name, unit, kind, better, frequency
        case partOf, level, parent, inSum, since, conflict, action, note, field, min, max, group, members, alias

        var spelling: String { Self.spellings[rawValue] }
        var bit: UInt64 { 1 << UInt64(rawValue) }

        private static let spellings = [
            "type", "id", "key", "region", "period", "revision", "figures", "dry_run",
            "office", "token", "indicator", "children", "year", "ytd", "yoy", "share", "of", "code", "name", "unit", "kind",
            "better", "frequency", "part_of", "level", "parent", "in_sum", "since", "conflict", "action", "note", "field", "min", "max", "group", "members", "alias",
        ]
    }

    private static let names = NameTable<Name>(Name.allCases.map { ($0.spelling, $0) })

    let scope: FieldScope
    private var values: [(name: Name, value: JSONReader.Scalar)] = []
    /// The first member whose name an earlier member had.
    private(set) var duplicate: String?
    /// Set when the first `figures` was an array that may be read.
    private(set) var figures: FigureDecoder.Decoded?
    /// The first `members`, when it was an array: its strings, or nil if an element was not one.
    private(set) var members: [String]??

    subscript(name: Name) -> JSONReader.Scalar? {
        for entry in values where entry.name == name { return entry.value }
        return nil
    }

    /// At the `{` of a request. `figures` is decoded unless the request could not use it: a `type`
    /// read before it that is not `submit`, or not allowed before hello, or a name met twice.
    init(_ r: inout JSONReader, authenticated: Bool) throws(JSONError) {
        scope = FieldScope(bytes: r.bytes, figure: nil)
        values.reserveCapacity(8)
        var seen: UInt64 = 0
        var otherNames: Set<String> = []  // names of no request, for the duplicate rule only
        var more = try r.enterObject()
        while more {
            let key = try r.readKey()
            if let name = Self.names(key, in: r.bytes) {
                if seen & name.bit != 0 {
                    if duplicate == nil { duplicate = name.spelling }
                    try r.skipValue()
                } else {
                    // Values are kept after a duplicate too: the first id is echoed with that error.
                    seen |= name.bit
                    if name == .figures, duplicate == nil, try r.peek() == .array, mayUseFigures(authenticated: authenticated) {
                        figures = try FigureDecoder.read(&r)
                        values.append((name, .array))
                    } else if name == .members, try r.peek() == .array {
                        members = .some(try Self.strings(&r))
                        values.append((name, .array))
                    } else {
                        values.append((name, try r.readScalar()))
                    }
                }
            } else {
                if duplicate == nil {
                    let name = key.string(in: r.bytes)
                    if !otherNames.insert(name).inserted { duplicate = name }
                }
                try r.skipValue()
            }
            more = try r.nextMember()
        }
    }

    /// An array of strings (nil if an element is not one), read to its end either way.
    private static func strings(_ r: inout JSONReader) throws(JSONError) -> [String]? {
        var out: [String]? = []
        guard try r.enterArray() else { return out }
        repeat {
            if try r.peek() == .string, out != nil {
                out!.append(try r.readString().string(in: r.bytes))
            } else {
                try r.skipValue()
                out = nil
            }
        } while try r.nextElement()
        return out
    }

    private func mayUseFigures(authenticated: Bool) -> Bool {
        guard let type = self[.type] else { return true }
        guard case .string(let token) = type else { return false }
        let text = token.string(in: scope.bytes)
        return text == "submit" && authenticated
    }

    func isAbsentOrNull(_ name: Name) -> Bool {
        switch self[name] {
        case nil, .null?: return true
        default: return false
        }
    }

    // The rules of `FieldScope`, by name.

    func mistyped(_ name: Name, _ expected: String) -> RequestError { scope.mistyped(name.spelling, expected) }
    func required(_ name: Name) throws(RequestError) -> JSONReader.Scalar { try scope.required(self[name], name.spelling) }
    func string(_ name: Name) throws(RequestError) -> String { try scope.string(self[name], name.spelling) }
    func optionalString(_ name: Name) throws(RequestError) -> String? { try scope.optionalString(self[name], name.spelling) }
    func optionalBool(_ name: Name) throws(RequestError) -> Bool? { try scope.optionalBool(self[name], name.spelling) }
    func integer(_ name: Name) throws(RequestError) -> Int { try scope.integer(self[name], name.spelling) }
    func int64(_ name: Name) throws(RequestError) -> Int64 { try scope.int64(self[name], name.spelling) }
    func decimal(_ name: Name) throws(RequestError) -> ExactDecimal? { try scope.decimal(self[name], name.spelling) }
}
