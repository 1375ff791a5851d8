import HuizongStore
import Logging

/// Periodic maintenance, apart from the hot paths (PgBouncer's janitor.c): the change log is pruned
/// to its retention in small chunks, each its own transaction on a reader thread, so that neither
/// the broadcaster nor a reader is held up for long and no lock is held for long.
public struct Janitor: Sendable {
    let readers: ReaderPool
    let retentionDays: Int
    let interval: Duration
    let logger: Logger

    public init(readers: ReaderPool, retentionDays: Int, interval: Duration = .seconds(3600), logger: Logger) {
        self.readers = readers
        self.retentionDays = retentionDays
        self.interval = interval
        self.logger = logger
    }

    /// Prunes at once, then every `interval`, until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            await pruneOnce()
            try? await Task.sleep(for: interval)
        }
    }

    /// Deletes the log rows older than the retention, chunk by chunk; returns how many.
    @discardableResult
    public func pruneOnce() async -> Int {
        var total = 0
        let days = retentionDays
        while !Task.isCancelled {
            guard let n = try? await readers.pruneChangeLog(olderThanDays: days), n > 0 else { break }
            total += n
        }
        if total > 0 { logger.info("change log pruned", metadata: ["rows": "\(total)", "retention.days": "\(days)"]) }
        return total
    }
}
