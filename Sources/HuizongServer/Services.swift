import Foundation
import HuizongCore
import HuizongStore
import Logging
import Synchronization

/// Everything a session needs, shared by all connections: reference data, validation, the writer,
/// the threads that read, the broadcaster, the live connections and the bounds on queued work.
public final class Services: Sendable {
    /// Regions, catalog and validator, replaced whole when an administrator extends them.
    public let reference: Reference
    public var regions: RegionTree { reference.tree }
    public var catalog: Catalog { reference.catalog }
    public var validator: Validator { reference.current.validator }
    public let writer: WriterPool
    public let readers: ReaderPool
    public let hub: BroadcastHub
    public let connections: Connections
    /// Submissions handed to the writer and not yet answered, across every connection.
    public let admission: Admission
    public let serverName: String
    /// When a month's figures are due (for `completeness`).
    public let deadline: Deadline
    /// Seconds since the epoch; injectable so that tests can move "now" (future_period).
    public let now: @Sendable () -> Int64

    public init(reference: Reference, writer: WriterPool, readers: ReaderPool, hub: BroadcastHub,
                connections: Connections = Connections(), maxQueuedSubmissions: Int = 8192,
                serverName: String, deadline: Deadline = Deadline(), now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.reference = reference
        self.writer = writer
        self.readers = readers
        self.hub = hub
        self.connections = connections
        self.admission = Admission(capacity: maxQueuedSubmissions)
        self.serverName = serverName
        self.deadline = deadline
        self.now = now
    }

    public var currentPeriod: Period { Period.current(secondsSinceEpoch: now()) }
}

extension Reference {
    /// Polls the version every `interval` on a reader thread until cancelled (a poll is one primary-key
    /// read; a lost NOTIFY or a dropped connection cannot make a daemon miss a change).
    public func follow(readers: ReaderPool, interval: Duration = .seconds(2), logger: Logger) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            do {
                if try await readers.refresh(self) {
                    let s = current
                    logger.info("reference data reloaded", metadata: [
                        "version": "\(s.version)", "regions": "\(s.tree.regions.count)", "indicators": "\(s.catalog.indicators.count)"])
                }
            } catch {
                logger.debug("reference data not reloaded", metadata: ["error": "\(error)"])
            }
        }
    }
}
