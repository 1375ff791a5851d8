/// What went wrong talking to PostgreSQL. The message is copied out of libpq at once: libpq's
/// buffers are overwritten by the next call.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not connect, or the connection broke: nothing can be assumed committed.
        case connection
        /// The server refused a statement; `sqlState` says why (e.g. 23505 unique violation).
        case statement
        /// A later statement of a pipeline that was skipped because an earlier one failed.
        case aborted
    }

    public let kind: Kind
    public let message: String
    public let sqlState: String?

    public init(_ kind: Kind, _ message: String, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
    }

    public var description: String {
        if let s = sqlState { return "\(message) (SQLSTATE \(s))" }
        return message
    }
}
