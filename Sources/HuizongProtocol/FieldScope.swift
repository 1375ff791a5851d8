import HuizongCore

/// The rules a field's value must meet, with the `bad_request` errors that name its path: the top
/// level of a request, or one figure of a submission. A value is a scalar the reader kept, nil when
/// the field is absent. The path is only spelled out when an error needs it, which is rare.
struct FieldScope {
    let bytes: UnsafeRawBufferPointer
    /// The figure's index, nil at the top level.
    let figure: Int?

    var path: String { figure.map { "figures[\($0)]." } ?? "" }

    func duplicate(_ key: String) -> RequestError {
        RequestError(id: nil, code: .badRequest, message: "field \(path)\(key) appears twice",
                     issues: [Issue(path: path + key, code: "duplicate_field", message: "appears twice")])
    }

    func unknown(_ key: String) -> RequestError {
        RequestError(id: nil, code: .badRequest, message: "unknown field \(path)\(key)",
                     issues: [Issue(path: path + key, code: "unknown_field", message: "not a field of a figure")])
    }

    func mistyped(_ key: String, _ expected: String) -> RequestError {
        RequestError(id: nil, code: .badRequest, message: "\(path)\(key) must be \(expected)",
                     issues: [Issue(path: path + key, code: "mistyped", message: "must be \(expected)")])
    }

    func missing(_ key: String) -> RequestError {
        RequestError(id: nil, code: .badRequest, message: "missing field \(path)\(key)",
                     issues: [Issue(path: path + key, code: "required", message: "missing")])
    }

    func required(_ value: JSONReader.Scalar?, _ key: String) throws(RequestError) -> JSONReader.Scalar {
        switch value {
        case nil, .null?: throw missing(key)
        case let v?: return v
        }
    }

    func string(_ value: JSONReader.Scalar?, _ key: String) throws(RequestError) -> String {
        guard case .string(let token) = try required(value, key) else { throw mistyped(key, "a string") }
        return try checked(token, key)
    }

    func optionalString(_ value: JSONReader.Scalar?, _ key: String) throws(RequestError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let token)?: return try checked(token, key)
        default: throw mistyped(key, "a string")
        }
    }

    /// No string may carry a NUL (PostgreSQL's text cannot hold one, and C strings end there); only
    /// a note, which is prose, may carry other control characters, and only tab and newlines.
    private func checked(_ token: JSONReader.StringToken, _ key: String) throws(RequestError) -> String {
        let prose = key == "note"
        let clean = token.text == nil ? isPlain(token) : token.withUTF8(in: bytes) { utf8 in
            !utf8.contains { u in (u < 0x20 || u == 0x7F) && !(prose && (u == 0x09 || u == 0x0A || u == 0x0D)) }
        }
        guard clean else {
            throw mistyped(key, prose ? "text without NUL or control characters other than tab and newline"
                                      : "a string without NUL or control characters")
        }
        return token.string(in: bytes)
    }

    /// Read in place and without DEL: a string every rule takes as it is. (Read in place, it holds
    /// no byte below 0x20, which the reader refused.)
    @inline(__always)
    func isPlain(_ token: JSONReader.StringToken) -> Bool {
        guard token.text == nil else { return false }
        for i in token.start..<token.end where bytes[i] == 0x7F { return false }
        return true
    }

    func optionalBool(_ value: JSONReader.Scalar?, _ key: String) throws(RequestError) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: throw mistyped(key, "true or false")
        }
    }

    /// A number literal's or a string's text; nil for any other kind.
    func text(_ value: JSONReader.Scalar) -> String? {
        switch value {
        case .number(let range): return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .string(let token): return token.string(in: bytes)
        default: return nil
        }
    }

    /// An integer written as a JSON number or a string of digits.
    func integer(_ value: JSONReader.Scalar?, _ key: String) throws(RequestError) -> Int {
        guard let text = text(try required(value, key)) else { throw mistyped(key, "an integer") }
        guard text.utf8.count <= 9, let v = Int(text) else { throw mistyped(key, "an integer below 10^9") }
        return v
    }

    /// An id as `conflicts` lists it (a bigserial): a positive integer, as a JSON number or a string.
    func int64(_ value: JSONReader.Scalar?, _ key: String) throws(RequestError) -> Int64 {
        guard let text = text(try required(value, key)) else { throw mistyped(key, "a positive integer") }
        guard text.utf8.count <= 19, let v = Int64(text), v > 0 else { throw mistyped(key, "a positive integer (an id from conflicts)") }
        return v
    }

    /// A number: JSON number or string, exact either way, parsed where it lies; nil when absent or
    /// null. Figures are read with the wider `.wire` limits and bounded once in the catalog's unit
    /// (see `Validator`).
    func decimal(_ value: JSONReader.Scalar?, _ key: String, limits: ExactDecimal.Limits = .reported) throws(RequestError) -> ExactDecimal? {
        let parsed: ExactDecimal?
        switch value {
        case nil, .null?: return nil
        case .number(let range)?: parsed = ExactDecimal(utf8: UnsafeRawBufferPointer(rebasing: bytes[range]), limits: limits)
        case .string(let token)?: parsed = token.withUTF8(in: bytes) { ExactDecimal(utf8: $0, limits: limits) }
        case let other?: throw mistyped(key, "a number (or a string holding one), not \(other.typeName)")
        }
        guard let parsed else {
            let text = value.flatMap(text) ?? ""
            throw RequestError(id: nil, code: .badRequest,
                               message: "\(path)\(key) \"\(text.prefix(40))\" is not a decimal number within bounds (at most \(ExactDecimal.maxIntegerDigits) digits before the point and \(ExactDecimal.maxScale) after)",
                               issues: [Issue(path: path + key, code: "bad_number", message: "not a decimal number within bounds")])
        }
        return parsed
    }
}
