import HuizongCore

/// Decodes request lines with a pull reader, straight into `Request`: no JSON tree is built. The
/// whole line is read (and checked as strict JSON) before any field is judged, so a syntax error
/// anywhere is `bad_json` whatever else is wrong; then the fields are judged in a fixed order — id,
/// hello, a name twice, type, then the type's fields — whatever order the line has them in.
public enum RequestDecoder {
    public static let maxIDLength = 128
    public static let maxKeyLength = 128
    public static let maxNoteLength = 2000

    /// Decodes one line (without its terminator). Before hello (`authenticated` false) only `hello`
    /// and `ping` are decoded: anything else is refused once its type is known, whatever its size.
    public static func decode(_ line: UnsafeRawBufferPointer, authenticated: Bool = true) -> Result<Envelope, RequestError> {
        var reader = JSONReader(line)
        let fields: RequestFields
        do {
            reader.skipWhitespace()
            let kind = try reader.peek()
            guard kind == .object else {
                try reader.skipValue()
                try reader.finish()
                return .failure(RequestError(id: nil, code: .badJSON, message: "a request must be a JSON object, not \(kind.typeName)"))
            }
            fields = try RequestFields(&reader, authenticated: authenticated)
            try reader.finish()
        } catch {
            return .failure(RequestError(id: nil, code: .badJSON, message: "not valid JSON: \(error)"))
        }

        var id: String?
        switch fields[.id] {
        case nil, .null?: id = nil
        case .string(let token)?:
            let s = token.string(in: line)
            guard s.utf8.count <= maxIDLength || s.count <= maxIDLength else {
                return .failure(RequestError(id: nil, code: .badRequest, message: "id is longer than \(maxIDLength) characters"))
            }
            id = s
        case let other?:
            return .failure(RequestError(id: nil, code: .badRequest, message: "id must be a string, not \(other.typeName)"))
        }
        if !authenticated, case .string(let token)? = fields[.type] {
            let type = token.string(in: line)
            if type != "hello", type != "ping" {
                return .failure(RequestError(id: id, code: .unauthenticated, message: "send hello with your office code and token first"))
            }
        }
        do {
            return .success(Envelope(id: id, request: try body(fields)))
        } catch var error {
            error.id = id
            return .failure(error)
        }
    }

    public static func decode(_ line: [UInt8], authenticated: Bool = true) -> Result<Envelope, RequestError> {
        line.withUnsafeBytes { decode($0, authenticated: authenticated) }
    }
}
