/// One SQL statement and its parameters: either SQL text or the name of a prepared statement.
/// There is no way to splice input into SQL: values travel only as parameters, as text or in
/// PostgreSQL's binary format.
public struct Statement: Sendable {
    public enum Target: Sendable { case sql(String), prepared(String) }
    public let target: Target
    let parameters: Parameters
    /// Results in binary format, read through `Row`s (`Connection.query`, `pipeline`'s `rows`).
    public let binaryResults: Bool

    /// Text parameters: each is parsed by the server as the type the statement gives it.
    public init(_ sql: String, _ parameters: [String?] = []) {
        self.target = .sql(sql)
        self.parameters = Parameters(text: parameters)
        self.binaryResults = false
    }

    public init(prepared name: String, _ parameters: [String?] = []) {
        self.target = .prepared(name)
        self.parameters = Parameters(text: parameters)
        self.binaryResults = false
    }

    /// Binary parameters, and results in binary format unless `binaryResults` is false.
    public init(_ sql: String, binary parameters: [PGValue], binaryResults: Bool = true) {
        self.target = .sql(sql)
        self.parameters = Parameters(binary: parameters)
        self.binaryResults = binaryResults
    }
}

/// Parameters packed for libpq: one buffer of every value's bytes, with their types, lengths and
/// formats, so that sending a statement of many large arrays copies nothing more.
struct Parameters: Sendable {
    private(set) var types: [UInt32] = []
    private(set) var formats: [Int32] = []
    private(set) var lengths: [Int32] = []
    /// Where each value starts in `data`; -1 for NULL.
    private var offsets: [Int] = []
    private var data: [UInt8] = []
    /// A text value holds a NUL: C strings would cut it short, and PostgreSQL's text cannot hold one.
    private(set) var hasNUL = false

    var count: Int { offsets.count }

    init(text values: [String?]) {
        data.reserveCapacity(values.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 1 })
        for v in values {
            types.append(0)
            formats.append(0)
            guard let v else { offsets.append(-1); lengths.append(0); continue }
            offsets.append(data.count)
            let utf8 = v.utf8
            if utf8.contains(0) { hasNUL = true }
            data.append(contentsOf: utf8)
            data.append(0)  // text values are C strings
            lengths.append(Int32(utf8.count))
        }
    }

    init(binary values: [PGValue]) {
        data.reserveCapacity(values.reduce(0) { $0 + ($1.bytes?.count ?? 0) })
        for v in values {
            types.append(v.type.rawValue)
            formats.append(1)
            guard let bytes = v.bytes else { offsets.append(-1); lengths.append(0); continue }
            offsets.append(data.count)
            data.append(contentsOf: bytes)
            lengths.append(Int32(bytes.count))
        }
    }

    /// Calls `body` with libpq's arrays: values (NULL for a NULL), lengths and formats.
    func withArrays<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        data.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { $0 < 0 ? nil : (base + $0).assumingMemoryBound(to: CChar.self) }
            return pointers.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { l in
                    formats.withUnsafeBufferPointer { f in body(values.baseAddress, l.baseAddress, f.baseAddress) }
                }
            }
        }
    }
}
