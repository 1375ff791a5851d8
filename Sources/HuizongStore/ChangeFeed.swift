import Dispatch
import Foundation
import HuizongPostgres
import Logging
import Synchronization

/// What every daemon on the database tells every other: a transaction committed log entries up to
/// a seq, or an office was revoked. One thread owns a connection that LISTENs (PostgreSQL sends
/// notifications only to the session that listens) and hands each notification on as an element
/// of `events`; it reconnects by itself, and says so, so that the reader can catch up on what it
/// may have missed meanwhile from the change log.
public final class ChangeFeed: Sendable {
    public enum Event: Sendable {
        /// Log entries committed up to `seq` by the daemon `origin` (nil: one that did not say).
        case changed(seq: Int64, origin: String?)
        case revoked(office: String)
        /// Listening (again): whatever was committed while not listening is in the log only.
        case connected
        /// The connection broke: until `connected`, other daemons' commits go unheard.
        case disconnected
    }

    public let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let stopping = Atomic<Bool>(false)
    private let listening = Atomic<Bool>(false)
    private let heartbeat = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)

    public static let channel = "huizong_changes"

    /// Starts listening on a thread of its own. Its connecting again tells every connection slot
    /// waiting out a backoff (`reconnects`) that the database is back.
    public init(conninfo: String, settings: ConnectionSettings, reconnects: Reconnects, logger: Logger) {
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        let thread = Thread { [self] in listen(conninfo, settings, reconnects, logger) }
        thread.name = "huizong-listen"
        thread.start()
    }

    /// Waits (at most `limit`) until the first LISTEN is in place; false if it is not.
    public func waitUntilListening(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !listening.load(ordering: .acquiring) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Stops the thread (within a quarter second) and ends `events`.
    public func shutdown() { stopping.store(true, ordering: .releasing) }

    /// True unless the thread has not come round its loop for `limit`.
    public func isResponsive(within limit: Duration) -> Bool {
        Duration.nanoseconds(Int64(DispatchTime.now().uptimeNanoseconds &- heartbeat.load(ordering: .relaxed))) < limit
    }

    private func listen(_ conninfo: String, _ settings: ConnectionSettings, _ reconnects: Reconnects, _ logger: Logger) {
        var backoff = 0.05
        var lastTraffic = DispatchTime.now().uptimeNanoseconds
        var connection: Connection?
        while !stopping.load(ordering: .acquiring) {
            heartbeat.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            do {
                if connection == nil {
                    let c = try Connection(conninfo, settings: settings)
                    try c.execute("LISTEN \(Self.channel)")
                    try c.execute("LISTEN \(OfficeStore.revokedChannel)")
                    connection = c
                    backoff = 0.05
                    lastTraffic = DispatchTime.now().uptimeNanoseconds
                    listening.store(true, ordering: .releasing)
                    reconnects.succeeded()
                    continuation.yield(.connected)
                }
                guard let c = connection else { continue }
                let notifications = try c.notifications(timeout: .milliseconds(250))
                if notifications.isEmpty {
                    // A partition says nothing: ask now and then, with the connection's deadline.
                    if DispatchTime.now().uptimeNanoseconds &- lastTraffic > 10_000_000_000 {
                        try c.execute("SELECT 1")
                        lastTraffic = DispatchTime.now().uptimeNanoseconds
                    }
                    continue
                }
                lastTraffic = DispatchTime.now().uptimeNanoseconds
                for n in notifications {
                    if n.channel == OfficeStore.revokedChannel {
                        continuation.yield(.revoked(office: n.payload))
                    } else if let event = Self.changed(n.payload) {
                        continuation.yield(event)
                    }
                }
            } catch {
                if connection != nil {
                    logger.warning("change feed lost its connection; reconnecting", metadata: ["error": "\(error)"])
                    listening.store(false, ordering: .releasing)
                    continuation.yield(.disconnected)
                }
                connection = nil
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 0.5)
            }
        }
        continuation.finish()
    }

    /// "seq" or "seq:origin".
    static func changed(_ payload: String) -> Event? {
        let parts = payload.split(separator: ":", maxSplits: 1)
        guard let seq = parts.first.flatMap({ Int64($0) }) else { return nil }
        return .changed(seq: seq, origin: parts.count > 1 ? String(parts[1]) : nil)
    }
}
