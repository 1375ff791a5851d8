import HuizongPostgres

/// Why the store could not do what it was asked, in the terms its callers act on (they never see
/// an SQLSTATE).
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database cannot be reached: nothing was written. Worth retrying unchanged.
    case unavailable(String)
    /// The connection was lost while the transaction was committing: it may or may not have been
    /// stored. Resending with the same key answers `duplicate` if it was.
    case outcomeUnknown(String)
    /// The database refused the write, again and again: a fault of ours, never the input's.
    case refused(String)
    /// The daemon is stopping.
    case stopping
    /// Reference data added with a code another daemon added meanwhile.
    case exists(String)

    public var description: String {
        switch self {
        case .unavailable(let m): return "database unavailable: \(m)"
        case .outcomeUnknown(let m): return "the connection to the database was lost while committing: \(m)"
        case .refused(let m): return "the database refused the write: \(m)"
        case .stopping: return "the daemon is stopping"
        case .exists(let m): return "exists already: \(m)"
        }
    }

    /// A libpq failure in these terms: a lost connection is `unavailable` (nothing was committed).
    init(_ error: any Error) {
        if let e = error as? StoreError { self = e; return }
        if let e = error as? PostgresError, e.kind == .connection { self = .unavailable(e.description); return }
        self = .refused("\(error)")
    }
}

/// The database settings and the reconnect signal, as the store's callers name them (they do not
/// speak to libpq themselves).
public typealias ConnectionSettings = HuizongPostgres.ConnectionSettings
public typealias Reconnects = HuizongPostgres.Reconnects
