import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Logging
import NIOCore

/// Broadcast of aggregate events to subscribers (PROTOCOL.md, "Aggregates, rankings, targets,
/// broadcast"). One thread per daemon owns a connection that LISTENs on huizong_changes; every
/// daemon's commits notify it, so a subscriber here sees what was submitted anywhere. On each
/// notification it reads the new rows of the change log in seq order, composes each event once
/// (the region's figure as readers see it, its children's ranking) and offers it to every
/// subscriber whose region covers it.
///
/// Everything about a subscriber's position happens on this thread: a new subscriber replays the
/// log from its `since` up to the hub's position, then is live from there, so nothing is missed or
/// sent twice. Events go into the connection's outbox without waiting; a subscriber with
/// `queueLimit` lines unsent is told `slow_consumer` and dropped, and nobody else waits for it.
public final class BroadcastHub: @unchecked Sendable {
    struct Subscriber {
        let outbox: Outbox
        let scope: Set<String>
        var cursor: Int64
    }

    struct Registration {
        let outbox: Outbox
        let scope: Set<String>
        let since: Int64?
        let reply: @Sendable (Int64) -> Void
    }

    public static let channel = "huizong_changes"
    private let conninfo: String
    private let catalog: Catalog
    private let logger: Logger
    private let queueLimit: Int
    /// Days of change log kept for `since`; older rows are deleted about once an hour.
    private let retentionDays: Int
    private var lastPruned = Date.distantPast  // touched only on the thread
    private let condition = NSCondition()
    private var registrations: [Registration] = []   // guarded by `condition`
    private var departed: [ObjectIdentifier] = []    // guarded by `condition`
    private var stopping = false                     // guarded by `condition`
    private var thread: Thread?
    // Touched only on the thread.
    private var subscribers: [(id: ObjectIdentifier, sub: Subscriber)] = []
    private var position: Int64 = 0

    public init(conninfo: String, catalog: Catalog, queueLimit: Int = 4096, retentionDays: Int = 90, logger: Logger) {
        self.conninfo = conninfo
        self.retentionDays = retentionDays
        self.catalog = catalog
        self.queueLimit = queueLimit
        self.logger = logger
        let thread = Thread { self.loop() }
        thread.name = "huizong-broadcast"
        self.thread = thread
        thread.start()
    }

    /// Registers a subscriber for `scope`; `reply` is called with the seq it starts after (the
    /// `subscribed` line must already be queued in `outbox`, so that events follow it).
    func subscribe(outbox: Outbox, scope: Set<String>, since: Int64?, reply: @escaping @Sendable (Int64) -> Void) {
        condition.lock()
        registrations.append(Registration(outbox: outbox, scope: scope, since: since, reply: reply))
        condition.unlock()
    }

    /// Forgets every subscription of a closed connection.
    func unsubscribe(_ outbox: Outbox) {
        condition.lock()
        departed.append(ObjectIdentifier(outbox))
        condition.unlock()
    }

    public func shutdown() {
        condition.lock()
        stopping = true
        condition.unlock()
    }

    // MARK: On the thread

    private func loop() {
        var connection: Connection?
        while true {
            condition.lock()
            let (stop, joining, leaving) = (stopping, registrations, departed)
            registrations.removeAll()
            departed.removeAll()
            condition.unlock()
            if stop { return }
            if !leaving.isEmpty { subscribers.removeAll { leaving.contains($0.id) } }
            var pending = joining[...]
            do {
                if connection == nil {
                    let c = try Connection(conninfo)
                    _ = try c.execute("LISTEN \(Self.channel)")
                    if position == 0 { position = try EventStore.latest(c) }
                    connection = c
                    try catchUp(c)  // whatever was committed while we were not listening
                }
                guard let c = connection else { continue }
                while let r = pending.first {
                    try join(r, c)
                    pending = pending.dropFirst()
                }
                if try !c.notifications(timeout: 0.05).isEmpty { try catchUp(c) }
                if Date().timeIntervalSince(lastPruned) > 3600 {
                    lastPruned = Date()
                    let n = try EventStore.prune(c, olderThanDays: retentionDays)
                    if n > 0 { logger.info("change log: \(n) entries older than \(retentionDays) days deleted") }
                }
            } catch {
                // Live subscribers stay: the log lets us resume from `position` after reconnecting. One
                // caught halfway through its replay is told to come again with its since.
                logger.warning("broadcast: \(error); reconnecting")
                for r in pending {
                    r.outbox.kick(Reply.error(id: nil, code: .unavailable, message: "broadcast interrupted; subscribe again with since"))
                }
                connection = nil
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// A new subscriber: `subscribed` with the hub's position, the log's events after `since` up to
    /// that position, then live.
    private func join(_ r: Registration, _ c: Connection) throws {
        r.reply(position)
        var cursor = min(r.since ?? position, position)
        while cursor < position {
            let rows = try EventStore.changes(c, after: cursor, through: position, limit: 2000)
            guard let last = rows.last else { break }
            var lines: [UInt8] = []
            var count = 0
            for e in try EventStore.compose(c, rows, catalog: catalog) where r.scope.contains(e.view.region) {
                lines += Reply.event(e)
                count += 1
            }
            if count > 0, !offer(lines, count: count, to: r.outbox) { return }
            cursor = last.seq
        }
        subscribers.append((ObjectIdentifier(r.outbox), Subscriber(outbox: r.outbox, scope: r.scope, cursor: position)))
    }

    /// Queues events without waiting; a subscriber too far behind is cut off.
    private func offer(_ lines: [UInt8], count: Int, to outbox: Outbox) -> Bool {
        if outbox.offer(lines, count: count, limit: queueLimit) { return true }
        outbox.kick(Reply.error(id: nil, code: .slowConsumer,
                                message: "more than \(queueLimit) events unread; reconnect and subscribe with since"))
        return false
    }

    /// Reads what was committed after `position` and sends it to the live subscribers.
    private func catchUp(_ c: Connection) throws {
        while true {
            let rows = try EventStore.changes(c, after: position, through: nil, limit: 2000)
            guard let last = rows.last else { return }
            // Only what someone is subscribed to is composed; each subscriber gets the chunk's events
            // for it in one write.
            let watched = Set(subscribers.flatMap(\.sub.scope))
            let wanted = rows.filter { watched.contains($0.key.region) }
            var batches: [ObjectIdentifier: (outbox: Outbox, lines: [UInt8], count: Int)] = [:]
            for e in try EventStore.compose(c, wanted, catalog: catalog) {
                let line = Reply.event(e)
                for (id, sub) in subscribers where sub.cursor < e.seq && sub.scope.contains(e.view.region) {
                    batches[id, default: (sub.outbox, [], 0)].lines += line
                    batches[id]!.count += 1
                }
            }
            var dropped: Set<ObjectIdentifier> = []
            for (id, batch) in batches where !offer(batch.lines, count: batch.count, to: batch.outbox) { dropped.insert(id) }
            if !dropped.isEmpty { subscribers.removeAll { dropped.contains($0.id) } }
            for i in subscribers.indices { subscribers[i].sub.cursor = max(subscribers[i].sub.cursor, last.seq) }
            position = last.seq
        }
    }
}
