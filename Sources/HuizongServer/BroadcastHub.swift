import Dispatch
import HuizongCore
import HuizongProtocol
import HuizongStore
import Logging
import NIOCore
import Synchronization

/// Live broadcast of aggregate events to subscribers (PROTOCOL.md, "Aggregates, rankings, targets,
/// broadcast"), in seq order across every daemon on the database.
///
/// One task (`run`) owns the subscribers and the position delivered through; everything reaches it
/// as an input of one stream, so it needs no lock. This daemon's writers hand it each commit's
/// events, composed from their state (`publish`): nothing is read back. Commits of other daemons
/// arrive as notifications (`ChangeFeed`), and their events are composed from the database, as are
/// those of a local commit whose events were not composed for some subscriber's regions. Each event
/// is encoded once; subscribers with the same regions share one buffer. A subscriber with
/// `queueLimit` lines unsent is cut off (`slow_consumer`), and nobody else waits for it.
///
/// Replays (`since`) do not run here: the session replays the log itself, filtered in SQL to its
/// regions, until it is close to `position`; then it hands over with `join`, and the hub sends the
/// few events in between and goes live, so nothing is missed or sent twice.
public final class BroadcastHub: Sendable {
    enum Input: Sendable {
        case committed(CommittedChanges)
        case feed(ChangeFeed.Event)
        case join(Registration)
        case leave(ObjectIdentifier)
        case tick
    }

    struct Registration: Sendable {
        let outbox: Outbox
        let scope: Set<String>
        let indicator: String?
        /// Events up to here were sent by the session's replay; nil: start from the hub's position.
        let after: Int64?
        let reply: @Sendable (Result<Int64, JoinError>) -> Void
    }

    public enum JoinError: Error, Sendable {
        /// The database cannot be reached: nothing can be sent.
        case unavailable(String)
        /// More events came in meanwhile than the hub replays for one subscriber: the session
        /// replays further itself, then joins again.
        case behind
    }

    /// The most events the hub sends to a joining subscriber; more are the session's to replay.
    static let handoverLimit = 2000

    private let inputs: AsyncStream<Input>
    private let input: AsyncStream<Input>.Continuation
    private let readers: ReaderPool
    private let reference: Reference
    /// This daemon, as its commits' notifications name it.
    let origin: String
    private let logger: Logger
    private let onRevoked: @Sendable (String) -> Void
    private let queueLimitValue: Atomic<Int>
    private let delivered = Atomic<Int64>(0)
    private let started = Atomic<Bool>(false)
    private let subscriberCount = Atomic<Int>(0)
    private let watchedRegions = Mutex<Set<String>?>(nil)
    private let heartbeat = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)

    /// - Parameter position: the last seq committed when the daemon started (new subscriptions
    ///   without `since` start from there until the hub moves on).
    public init(readers: ReaderPool, reference: Reference, origin: String, position: Int64, queueLimit: Int = 4096, logger: Logger,
                onRevoked: @escaping @Sendable (String) -> Void = { _ in }) {
        (inputs, input) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        self.readers = readers
        self.reference = reference
        self.origin = origin
        self.queueLimitValue = Atomic(queueLimit)
        self.logger = logger
        self.onRevoked = onRevoked
        delivered.store(position, ordering: .releasing)
    }

    /// Events a subscriber may leave unread; changed at run time by a reload.
    public var queueLimit: Int {
        get { queueLimitValue.load(ordering: .relaxed) }
        set { queueLimitValue.store(newValue, ordering: .relaxed) }
    }

    /// The seq delivered through: where a new subscription without `since` starts.
    public var position: Int64 { delivered.load(ordering: .acquiring) }
    /// Connections subscribed to live events on this daemon.
    public var subscribed: Int { subscriberCount.load(ordering: .relaxed) }
    /// The regions someone here subscribes to; nil when nobody does (writers compose nothing).
    public var watched: Set<String>? { watchedRegions.withLock { $0 } }

    /// True unless the hub has not come round for `limit` (it ticks every 100 ms).
    public func isResponsive(within limit: Duration) -> Bool {
        Duration.nanoseconds(Int64(DispatchTime.now().uptimeNanoseconds &- heartbeat.load(ordering: .relaxed))) < limit
    }

    /// A writer's commit: its events go out once everything before them has.
    public func publish(_ changes: CommittedChanges) { input.yield(.committed(changes)) }

    /// Hands a subscriber over: the hub sends the events after `after` (of `scope`) up to its
    /// position, then every live one. Returns the position it went live at, or why not.
    func join(outbox: Outbox, scope: Set<String>, indicator: String?, after: Int64?) async -> Result<Int64, JoinError> {
        guard started.load(ordering: .acquiring) else { return .failure(.unavailable("the broadcaster is not running")) }
        return await withCheckedContinuation { (c: CheckedContinuation<Result<Int64, JoinError>, Never>) in
            let r = Registration(outbox: outbox, scope: scope, indicator: indicator, after: after, reply: { c.resume(returning: $0) })
            if case .terminated = input.yield(.join(r)) { c.resume(returning: .failure(.unavailable("the daemon is stopping"))) }
        }
    }

    /// Forgets the subscription of a closed connection.
    func unsubscribe(_ outbox: Outbox) { input.yield(.leave(ObjectIdentifier(outbox))) }

    /// Runs until cancelled: takes the feed's notifications and every input in order.
    public func run(feed: ChangeFeed) async {
        defer { Task { await self.close() } }
        var loop = Loop(hub: self, position: position)
        await withDiscardingTaskGroup { group in
            group.addTask { for await e in feed.events { self.input.yield(.feed(e)) } }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    self.input.yield(.tick)
                }
            }
            started.store(true, ordering: .releasing)
            for await i in inputs {
                if Task.isCancelled { break }
                await loop.handle(i)
            }
            group.cancelAll()
        }
        started.store(false, ordering: .releasing)
    }

    /// Ends `run` (a stopping daemon, after the server has drained its connections) and closes the
    /// hub's database connection once it has.
    public func shutdown() { input.finish() }

    /// After `run` has returned: the hub's own reader ends.
    public func close() async { await readers.shutdown() }

    // MARK: The loop's state

    /// One connection's subscription: the union of the regions it subscribed to. A class: the hub
    /// walks every subscriber for every commit, and copying structs of a set cost more than the walk.
    final class Subscriber {
        let outbox: Outbox
        private(set) var scope: Set<String> = []
        /// The indicators subscribed to; nil: all. A connection that subscribes several times
        /// receives the union.
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

    /// An event ready to go: its seq, where it is, and its line.
    typealias Line = (seq: Int64, region: String, indicator: String, line: [UInt8])

    struct Loop {
        let hub: BroadcastHub
        var position: Int64
        var subscribers: [ObjectIdentifier: Subscriber] = [:]
        /// Regions watched, with how many subscribers watch each.
        var watching: [String: Int] = [:]
        /// Local commits waiting for the ones before them, by their first seq.
        var pending: [Int64: CommittedChanges] = [:]
        /// The highest seq any daemon said it committed.
        var notified: Int64 = 0
        /// When a gap ahead of `position` was first seen (a commit whose events have not come).
        var gapSince: UInt64?
        /// The feed listens: other daemons' commits are heard. Without it nobody can subscribe.
        var listening = false
        init(hub: BroadcastHub, position: Int64) {
            self.hub = hub
            self.position = position
        }

        mutating func handle(_ input: Input) async {
            hub.heartbeat.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            switch input {
            case .committed(let c):
                guard let last = c.changes.last?.seq, last > position else { return }
                pending[c.changes[0].seq] = c
                await advance()
            case .feed(.changed(let seq, let origin)):
                notified = max(notified, seq)
                if origin != hub.origin, seq > position { await catchUp(through: seq) }
            case .feed(.disconnected):
                listening = false
            case .feed(.connected):
                listening = true
                // Whatever was committed while nobody listened is in the log.
                guard let latest = try? await hub.readers.latestSeq() else { return }
                notified = max(notified, latest)
                await catchUp(through: latest)
            case .feed(.revoked(let office)):
                hub.onRevoked(office)
            case .join(let r):
                guard listening else {
                    r.reply(.failure(.unavailable("the database cannot be reached")))
                    return
                }
                await join(r)
            case .leave(let id):
                if let s = subscribers.removeValue(forKey: id) { unwatch(s.scope) }
            case .tick:
                // A commit whose events never came (its writer lost the connection during COMMIT,
                // and it did commit): after a grace, its events are read from the log.
                let gap = notified > position || !pending.isEmpty
                if !gap { gapSince = nil; return }
                let now = DispatchTime.now().uptimeNanoseconds
                if let since = gapSince, now &- since >= 100_000_000 {
                    await catchUp(through: max(notified, (pending.keys.min() ?? 1) - 1))
                    gapSince = nil
                } else if gapSince == nil {
                    gapSince = now
                }
            }
        }

        /// Delivers every local commit that is next in seq order.
        mutating func advance() async {
            while let next = pending.removeValue(forKey: position + 1) {
                await deliver(next)
            }
            // Commits overtaken by a catch-up (read from the log meanwhile) are dropped.
            for (first, c) in pending where (c.changes.last?.seq ?? 0) <= position || first <= position { pending[first] = nil }
        }

        /// Delivers everything up to `seq`: local commits as they came, the rest from the log.
        mutating func catchUp(through seq: Int64) async {
            await advance()
            guard seq > position else { return }
            if subscribers.isEmpty {
                // Nobody to send to: on to the seq without reading the log.
                position = max(position, seq)
                hub.delivered.store(position, ordering: .releasing)
                await advance()
                return
            }
            while position < seq {
                let before = position
                let upto = min(seq, (pending.keys.filter { $0 > position }.min() ?? (seq + 1)) - 1)
                if upto > position {
                    let regions = Array(watching.keys)
                    let snapshot = hub.reference.current
                    let after = position
                    guard let (events, reached) = try? await hub.readers.events(after: after, through: upto, rows: 200, regions: regions,
                                                                                in: snapshot)
                    else { return }  // the database is away: the next notification or tick tries again
                    send(events.map(Self.line), through: reached ?? upto)
                }
                await advance()
                if position == before { break }
            }
        }

        /// A local commit's events to every subscriber; those it was not composed for, from the log.
        mutating func deliver(_ c: CommittedChanges) async {
            guard let last = c.changes.last?.seq else { return }
            guard !subscribers.isEmpty else {
                position = last
                hub.delivered.store(position, ordering: .releasing)
                return
            }
            var lines: [Line] = c.events.map(Self.line)
            let missing = c.changes.filter { watching[$0.key.region] != nil && !(c.covered?.contains($0.key.region) ?? false) }
            if !missing.isEmpty {
                let snapshot = hub.reference.current
                let changes = missing.map { EventStore.Change(seq: $0.seq, key: $0.key) }
                if let composed = try? await hub.readers.events(changes, in: snapshot) {
                    lines += composed.map(Self.line)
                    lines.sort { $0.seq < $1.seq }
                }
            }
            send(lines, through: last)
        }

        /// Offers each subscriber the lines it watches and has not had, as one buffer (shared by
        /// every subscriber of the same scope), then moves the position to `seq`.
        mutating func send(_ lines: [Line], through seq: Int64) {
            var shared: [String: (buffer: ByteBuffer, count: Int, through: Int64)] = [:]
            for (id, sub) in subscribers where sub.cursor < seq {
                let batch: (buffer: ByteBuffer, count: Int, through: Int64)
                if let first = lines.first, sub.cursor >= first.seq {
                    batch = Self.encode(lines, for: sub)  // joined inside this range: its own
                } else if let done = shared[sub.scopeKey] {
                    batch = done
                } else {
                    batch = Self.encode(lines, for: sub)
                    shared[sub.scopeKey] = batch
                }
                if batch.count > 0, !offer(batch.buffer, count: batch.count, through: batch.through, to: sub.outbox) {
                    subscribers[id] = nil
                    unwatch(sub.scope)
                    continue
                }
                sub.cursor = seq
            }
            position = max(position, seq)
            hub.delivered.store(position, ordering: .releasing)
        }

        /// An event, encoded once.
        static func line(_ e: AggregateEvent) -> Line { (e.seq, e.view.region, e.view.indicator, Reply.event(e)) }

        static func encode(_ lines: [Line], for sub: Subscriber) -> (buffer: ByteBuffer, count: Int, through: Int64) {
            var buffer = ByteBuffer()
            var count = 0
            var through: Int64 = 0
            for e in lines where sub.cursor < e.seq && sub.wants(e.region, e.indicator) {
                buffer.writeBytes(e.line)
                count += 1
                through = e.seq
            }
            return (buffer, count, through)
        }

        /// Queues events without waiting; a subscriber too far behind is cut off.
        func offer(_ lines: ByteBuffer, count: Int, through: Int64, to outbox: Outbox) -> Bool {
            let limit = hub.queueLimit
            if outbox.offer(lines, count: count, through: through, limit: limit) { return true }
            ServerMetrics.slowConsumerCuts.increment()
            outbox.end(.slowConsumer) { since in
                Reply.slowConsumer(since: since, message: "more than \(limit) events unread; reconnect and subscribe with since \(since)")
            }
            return false
        }

        /// The final stretch of a subscriber's replay (after `r.after`, up to `position`), then live.
        mutating func join(_ r: Registration) async {
            let id = ObjectIdentifier(r.outbox)
            let existing = subscribers[id]
            // Regions this connection already receives are not sent again.
            let added = r.scope.subtracting(existing?.scope ?? [])
            let after = r.after ?? position
            if after < position, !added.isEmpty {
                let snapshot = hub.reference.current
                let through = position
                let indicator = r.indicator
                let read: Result<(lines: [Line], reached: Int64?), any Error>
                do {
                    let (events, reached) = try await hub.readers.events(after: after, through: through, rows: BroadcastHub.handoverLimit,
                                                                         regions: Array(added), indicator: indicator, in: snapshot)
                    read = .success((events.map(Self.line), reached))
                } catch {
                    read = .failure(error)
                }
                switch read {
                case .failure(let e):
                    r.reply(.failure(.unavailable("\(e)")))
                    return
                case .success(let (lines, reached)):
                    if reached != through {
                        r.reply(.failure(.behind))
                        return
                    }
                    if !lines.isEmpty, !offer(ByteBuffer(bytes: lines.flatMap { $0.line }), count: lines.count, through: lines.last!.seq, to: r.outbox) {
                        r.reply(.success(position))
                        return
                    }
                }
            }
            // A new subscriber whose since is ahead of us (it saw those events through another daemon)
            // skips them; one that subscribes again goes on from where it is.
            let subscriber = existing ?? Subscriber(outbox: r.outbox, cursor: max(position, after))
            if let existing { unwatch(existing.scope) }
            subscriber.widen(r.scope, indicator: r.indicator)
            subscribers[id] = subscriber
            watch(subscriber.scope)
            r.outbox.markSubscribed(from: subscriber.cursor)
            r.reply(.success(position))
        }

        mutating func watch(_ regions: Set<String>) {
            var added = false
            for r in regions {
                watching[r, default: 0] += 1
                if watching[r] == 1 { added = true }
            }
            if added { publishWatched() }
            hub.subscriberCount.store(subscribers.count, ordering: .relaxed)
        }

        mutating func unwatch(_ regions: Set<String>) {
            var removed = false
            for r in regions {
                watching[r, default: 1] -= 1
                if watching[r]! <= 0 { watching[r] = nil; removed = true }
            }
            if removed { publishWatched() }
            hub.subscriberCount.store(subscribers.count, ordering: .relaxed)
        }

        func publishWatched() {
            let regions = watching.isEmpty ? nil : Set(watching.keys)
            hub.watchedRegions.withLock { $0 = regions }
        }
    }
}
