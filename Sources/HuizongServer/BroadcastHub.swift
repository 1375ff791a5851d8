import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Logging
import NIOCore
import Synchronization

/// Live broadcast of aggregate events to subscribers (PROTOCOL.md, "Aggregates, rankings, targets,
/// broadcast"). One thread per daemon owns a connection that LISTENs on huizong_changes; every
/// daemon's commits notify it, so a subscriber here sees what was submitted anywhere. On each
/// notification it reads the new rows of the change log in seq order, composes each event once
/// (the region's figure as readers see it, its children's ranking) and offers it to every
/// subscriber whose regions cover it.
///
/// Replays (`since`) do not run here: the session replays the log off this thread, filtered in SQL
/// to its regions, until it is close to `position`; then it hands over with `join`, and this thread
/// sends the few events in between and goes live, so nothing is missed or sent twice. Events go
/// into the connection's outbox without waiting; a subscriber with `queueLimit` lines unsent is
/// cut off (`slow_consumer`), and nobody else waits for it.
public final class BroadcastHub: @unchecked Sendable {
    /// One connection's subscription: the union of the regions it subscribed to. A class: the
    /// broadcaster walks every subscriber for every chunk of the log, and copying structs of a set
    /// and a reference cost more than the rest of the walk.
    final class Subscriber {
        let outbox: Outbox
        private(set) var scope: Set<String> = []
        /// The indicators subscribed to; nil: all (v1.1 `subscribe` with `indicator`). A connection
        /// that subscribes several times receives the union.
        private(set) var indicators: Set<String>? = []
        /// Identifies the scope among subscribers: those with the same one share one buffer.
        private(set) var scopeKey = ""
        /// Events up to this seq have been sent (or were before its since).
        var cursor: Int64

        init(outbox: Outbox, cursor: Int64) {
            self.outbox = outbox
            self.cursor = cursor
        }

        func widen(_ regions: Set<String>, indicator: String?) {
            scope.formUnion(regions)
            if let indicator { indicators?.insert(indicator) } else { indicators = nil }
            scopeKey = scope.sorted().joined(separator: ",") + (indicators.map { "|" + $0.sorted().joined(separator: ",") } ?? "")
        }

        func wants(_ region: String, _ indicator: String) -> Bool {
            scope.contains(region) && (indicators?.contains(indicator) ?? true)
        }
    }

    struct Registration {
        let outbox: Outbox
        let scope: Set<String>
        let indicator: String?
        /// Events up to here were sent by the session's replay; nil: start from this thread's position.
        let after: Int64?
        let reply: @Sendable (Result<Int64, JoinError>) -> Void
    }

    public enum JoinError: Error, Sendable {
        /// The database cannot be reached: nothing can be sent.
        case unavailable(String)
        /// More events came in meanwhile than this thread replays for one subscriber: the session
        /// replays further itself, then joins again.
        case behind
    }

    public static let channel = "huizong_changes"
    /// The most events this thread sends to a joining subscriber; more are the session's to replay.
    static let handoverLimit = 2000

    private let conninfo: String
    private let settings: ConnectionSettings
    private let reference: Reference
    private let logger: Logger
    private let queueLimitValue: Atomic<Int>
    /// Events a subscriber may leave unread; changed at run time by a reload.
    public var queueLimit: Int {
        get { queueLimitValue.load(ordering: .relaxed) }
        set { queueLimitValue.store(newValue, ordering: .relaxed) }
    }
    private let onRevoked: @Sendable (String) -> Void
    private let condition = NSCondition()
    private var joining: [Registration] = []          // guarded by `condition`
    private var departed: [ObjectIdentifier] = []     // guarded by `condition`
    private var stopping = false                      // guarded by `condition`
    private var onStopped: [CheckedContinuation<Void, Never>] = []  // guarded by `condition`
    /// The seq this thread has delivered through: where a new subscription without `since` starts.
    private let delivered = Atomic<Int64>(0)
    private let connected = Atomic<Bool>(false)
    private let subscriberCount = Atomic<Int>(0)
    /// Connections subscribed to live events on this daemon.
    public var subscribed: Int { subscriberCount.load(ordering: .relaxed) }
    /// Uptime nanoseconds at the start of the current pass of the loop (the watchdog's evidence).
    private let heartbeat = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)
    // Touched only on the thread.
    private var subscribers: [ObjectIdentifier: Subscriber] = [:]

    public init(conninfo: String, settings: ConnectionSettings = ConnectionSettings(), reference: Reference, queueLimit: Int = 4096,
                logger: Logger, onRevoked: @escaping @Sendable (String) -> Void = { _ in }) {
        self.conninfo = conninfo
        self.settings = settings
        self.reference = reference
        self.queueLimitValue = Atomic(queueLimit)
        self.logger = logger
        self.onRevoked = onRevoked
        let thread = Thread { self.loop() }
        thread.name = "huizong-broadcast"
        thread.start()
    }

    /// The seq delivered through; 0 before the first connection.
    public var position: Int64 { delivered.load(ordering: .acquiring) }
    /// False while the broadcaster has no database connection: a subscription cannot start.
    public var isConnected: Bool { connected.load(ordering: .acquiring) }

    /// True unless one pass of the loop has taken longer than `limit`.
    public func isResponsive(within limit: Duration) -> Bool {
        let elapsed = DispatchTime.now().uptimeNanoseconds &- heartbeat.load(ordering: .relaxed)
        return elapsed < UInt64(limit.components.seconds) * 1_000_000_000
    }

    /// Hands a subscriber over: this thread sends the events after `after` (of `scope`) up to its
    /// position, then every live one. `reply` gets the position it went live at, or why not.
    func join(outbox: Outbox, scope: Set<String>, indicator: String?, after: Int64?) async -> Result<Int64, JoinError> {
        await withCheckedContinuation { (c: CheckedContinuation<Result<Int64, JoinError>, Never>) in
            condition.lock()
            if stopping {
                condition.unlock()
                c.resume(returning: .failure(.unavailable("the daemon is stopping")))
                return
            }
            joining.append(Registration(outbox: outbox, scope: scope, indicator: indicator, after: after, reply: { c.resume(returning: $0) }))
            condition.signal()
            condition.unlock()
        }
    }

    /// Forgets the subscription of a closed connection.
    func unsubscribe(_ outbox: Outbox) {
        condition.lock()
        departed.append(ObjectIdentifier(outbox))
        condition.unlock()
    }

    /// Stops the thread; subscriptions still joining are told `unavailable`. Returns once it ended.
    public func shutdown() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            condition.lock()
            stopping = true
            onStopped.append(c)
            condition.signal()
            condition.unlock()
        }
    }

    // MARK: On the thread

    private func loop() {
        var connection: Connection?
        var backoff = 0.25
        var lastTraffic = DispatchTime.now().uptimeNanoseconds
        while true {
            heartbeat.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            condition.lock()
            let (stop, arriving, leaving) = (stopping, joining, departed)
            joining.removeAll()
            departed.removeAll()
            condition.unlock()
            if stop { break }
            for id in leaving { subscribers[id] = nil }
            subscriberCount.store(subscribers.count, ordering: .relaxed)
            var pending = arriving[...]
            do {
                if connection == nil {
                    let c = try Connection(conninfo, settings: settings)
                    _ = try c.execute("LISTEN \(Self.channel)")
                    _ = try c.execute("LISTEN \(OfficeStore.revokedChannel)")
                    if position == 0 { delivered.store(try EventStore.latest(c), ordering: .releasing) }
                    connection = c
                    connected.store(true, ordering: .releasing)
                    try catchUp(c)  // whatever was committed while we were not listening
                    backoff = 0.25
                    lastTraffic = DispatchTime.now().uptimeNanoseconds
                }
                guard let c = connection else { continue }
                while let r = pending.first {
                    try join(r, c)
                    pending = pending.dropFirst()
                }
                let notifications = try c.notifications(timeout: .milliseconds(50))
                if notifications.isEmpty {
                    // A partition says nothing: ask now and then, with the connection's deadline.
                    if DispatchTime.now().uptimeNanoseconds &- lastTraffic > 10_000_000_000 {
                        _ = try c.execute("SELECT 1")
                        lastTraffic = DispatchTime.now().uptimeNanoseconds
                    }
                    continue
                }
                lastTraffic = DispatchTime.now().uptimeNanoseconds
                for n in notifications where n.channel == OfficeStore.revokedChannel { onRevoked(n.payload) }
                if notifications.contains(where: { $0.channel == Self.channel }) { try catchUp(c) }
            } catch {
                // Live subscribers stay: the log lets us resume from `position` after reconnecting.
                if connection != nil || !pending.isEmpty { logger.warning("broadcast: \(error); reconnecting") }
                connected.store(false, ordering: .releasing)
                for r in pending { r.reply(.failure(.unavailable("\(error)"))) }
                connection = nil
                waitBeforeRetry(seconds: backoff)
                backoff = min(backoff * 2, 8)
            }
        }
        connected.store(false, ordering: .releasing)
        condition.lock()
        let (waiting, left) = (onStopped, joining)
        onStopped = []
        joining = []
        condition.unlock()
        for r in left { r.reply(.failure(.unavailable("the daemon is stopping"))) }
        waiting.forEach { $0.resume() }
    }

    /// Waits, but answers subscriptions and stops at once meanwhile: while disconnected, a joining
    /// subscriber is told `unavailable` rather than kept waiting.
    private func waitBeforeRetry(seconds: Double) {
        let until = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        while !stopping, Date() < until {
            if !joining.isEmpty {
                let refused = joining
                joining.removeAll()
                condition.unlock()
                for r in refused { r.reply(.failure(.unavailable("the database cannot be reached"))) }
                condition.lock()
                continue
            }
            _ = condition.wait(until: until)
        }
        condition.unlock()
    }

    /// The final stretch of a subscriber's replay (after `r.after`, up to `position`), then live.
    private func join(_ r: Registration, _ c: Connection) throws {
        let id = ObjectIdentifier(r.outbox)
        let existing = subscribers[id]
        // Regions this connection already receives are not sent again.
        let added = r.scope.subtracting(existing?.scope ?? [])
        let after = r.after ?? position
        if after < position, !added.isEmpty {
            let (rows, reached) = try EventStore.changes(c, after: after, through: position, rows: Self.handoverLimit,
                                                         regions: Array(added))
            if reached != position {
                r.reply(.failure(.behind))
                return
            }
            let snapshot = reference.current
            let events = try EventStore.compose(c, rows, tree: snapshot.tree, catalog: snapshot.catalog)
                .filter { e in r.indicator.map { $0 == e.view.indicator } ?? true }
            if !events.isEmpty, !offer(ByteBuffer(bytes: events.reduce(into: []) { $0 += Reply.event($1) }), count: events.count, to: r.outbox) {
                r.reply(.success(position))
                return
            }
        }
        // A new subscriber whose since is ahead of us (it saw those events through another daemon)
        // skips them; one that subscribes again goes on from where it is.
        let subscriber = existing ?? Subscriber(outbox: r.outbox, cursor: max(position, after))
        subscriber.widen(r.scope, indicator: r.indicator)
        subscribers[id] = subscriber
        subscriberCount.store(subscribers.count, ordering: .relaxed)
        r.outbox.markSubscribed()
        r.reply(.success(position))
    }

    /// Queues events without waiting; a subscriber too far behind is cut off.
    private func offer(_ lines: ByteBuffer, count: Int, to outbox: Outbox) -> Bool {
        if outbox.offer(lines, count: count, limit: queueLimit) { return true }
        ServerMetrics.slowConsumerCuts.increment()
        outbox.end(.slowConsumer, lastLine: Reply.error(id: nil, code: .slowConsumer,
                                                        message: "more than \(queueLimit) events unread; reconnect and subscribe with since"))
        return false
    }

    /// Reads what was committed after `position` and sends it to the live subscribers.
    private func catchUp(_ c: Connection) throws {
        // Nobody to send to: move on to the newest committed seq without reading the log (a bulk
        // load would otherwise have every row read back here). The counter's committed value is
        // past every committed entry: it is updated last in every writing transaction.
        if subscribers.isEmpty {
            delivered.store(max(position, try EventStore.latest(c)), ordering: .releasing)
            return
        }
        while true {
            let (rows, _) = try EventStore.changes(c, after: position, through: nil, rows: 200)
            guard let last = rows.last else { return }
            // Only what someone is subscribed to is composed, each event encoded once; subscribers
            // with the same regions share one buffer of the chunk's events for them.
            var scopes: [String: Set<String>] = [:]
            for sub in subscribers.values where scopes[sub.scopeKey] == nil { scopes[sub.scopeKey] = sub.scope }
            let watched = scopes.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            let wanted = rows.filter { watched.contains($0.key.region) }
            let snapshot = reference.current
            let events = try EventStore.compose(c, wanted, tree: snapshot.tree, catalog: snapshot.catalog).map { (seq: $0.seq, region: $0.view.region, indicator: $0.view.indicator, line: Reply.event($0)) }
            var shared: [String: (buffer: ByteBuffer, count: Int)] = [:]
            for (id, sub) in subscribers {
                let batch: (buffer: ByteBuffer, count: Int)
                if let first = events.first, sub.cursor >= first.seq {
                    batch = Self.encode(events, for: sub)  // joined ahead of this chunk: its own
                } else if let done = shared[sub.scopeKey] {
                    batch = done
                } else {
                    batch = Self.encode(events, for: sub)
                    shared[sub.scopeKey] = batch
                }
                if batch.count > 0, !offer(batch.buffer, count: batch.count, to: sub.outbox) {
                    subscribers[id] = nil
                    subscriberCount.store(subscribers.count, ordering: .relaxed)
                }
                sub.cursor = max(sub.cursor, last.seq)
            }
            delivered.store(last.seq, ordering: .releasing)
        }
    }

    /// The events of `events` a subscriber has not had and watches, as one buffer.
    private static func encode(_ events: [(seq: Int64, region: String, indicator: String, line: [UInt8])],
                               for sub: Subscriber) -> (buffer: ByteBuffer, count: Int) {
        var buffer = ByteBuffer()
        var count = 0
        for e in events where sub.cursor < e.seq && sub.wants(e.region, e.indicator) {
            buffer.writeBytes(e.line)
            count += 1
        }
        return (buffer, count)
    }
}
