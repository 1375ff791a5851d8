import NIOCore
import NIOConcurrencyHelpers

/// The replies of one connection, in request order. A reply may still be pending (a submission
/// waiting for its commit) while later requests are already read: that is what lets a client
/// pipeline. The queue is bounded, so a client that sends without reading is slowed down (its
/// requests stay unread in the socket) instead of growing our memory. The connection's writer takes
/// every reply that is ready at once (`next`) and writes them together: a batch's acks for one
/// connection leave in one write.
final class Outbox: Sendable {
    /// Why the outbox was closed from outside the connection, if it was.
    enum Ending: Sendable, Equatable {
        /// Too many events unread: what is queued and the last line go out if the client reads them
        /// soon; if not, the connection is cut (its socket may be full for good).
        case slowConsumer
        /// The office was revoked: the last line is sent, then the connection ends.
        case revoked
    }

    enum Slot: Sendable {
        case ready([UInt8])
        case pending(PendingReply)
        /// Broadcast events, several lines written at once; `count` lines, the last of seq
        /// `through`. One buffer is shared by every subscriber of the same regions: nothing is
        /// copied per subscriber.
        case events(ByteBuffer, count: Int, through: Int64)
        /// Events of a replay (`subscribe` with `since`), the last of seq `through`.
        case replay([UInt8], through: Int64)
        /// The last line, made when it is taken, from the seq of the last event written whole.
        case last(@Sendable (Int64) -> [UInt8])
    }

    /// What the writer takes at once: the bytes of every reply ready in order, and how many event
    /// lines are among them.
    struct Batch {
        var bytes: ByteBuffer
        var events: Int
        /// The seq of the last event in it, if any.
        var through: Int64?
    }

    private struct State {
        var slots: [Slot] = []
        var head = 0
        var closed = false
        /// Closed from outside the connection: the connection is dropped.
        var ending: Ending?
        /// The connection subscribed to events (and is told `closing` when the daemon stops).
        var subscribed = false
        /// Event lines queued or being written, not yet on the socket: a writer stuck on a full
        /// socket holds its slot's lines, and they count against the subscriber's bound too.
        var queuedEvents = 0
        /// The seq of the last event on the socket whole (a `slow_consumer` line's `since`), else
        /// where the subscription began.
        var sentThrough: Int64?
        var subscribedFrom: Int64?
        var consumer: CheckedContinuation<Void, Never>?
        var producer: CheckedContinuation<Void, Never>?
        var count: Int { slots.count - head }
    }

    private let capacity: Int
    private let state = NIOLockedValueBox(State())
    /// Closes the connection's socket after a grace, whatever its writer is doing by then (it may be
    /// blocked writing to a peer that never reads: closing is what makes that write fail).
    private let cut: @Sendable () -> Void

    init(capacity: Int, cut: @escaping @Sendable () -> Void = {}) {
        self.capacity = capacity
        self.cut = cut
    }

    /// Appends a reply; waits while the queue is full. Dropped once the outbox is closed.
    func push(_ slot: Slot) async {
        while true {
            let (waitForSpace, consumer): (Bool, CheckedContinuation<Void, Never>?) = state.withLockedValue { s in
                if s.closed { return (false, nil) }
                if s.count >= capacity { return (true, nil) }
                s.slots.append(slot)
                defer { s.consumer = nil }
                return (false, s.consumer)
            }
            consumer?.resume()
            guard waitForSpace else { return }
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { s -> Bool in
                    if s.closed || s.count < capacity { return true }
                    s.producer = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        }
    }

    /// Appends `count` broadcast event lines without waiting: false when more than `limit` event
    /// lines would be queued (the subscriber is too slow) or the outbox is closed. Never blocks the
    /// broadcaster.
    func offer(_ events: ByteBuffer, count: Int, through: Int64, limit: Int) -> Bool {
        let (accepted, consumer): (Bool, CheckedContinuation<Void, Never>?) = state.withLockedValue { s in
            if s.closed || (s.queuedEvents > 0 && s.queuedEvents + count > limit) { return (false, nil) }
            s.queuedEvents += count  // until `wrote`
            s.slots.append(.events(events, count: count, through: through))
            defer { s.consumer = nil }
            return (true, s.consumer)
        }
        consumer?.resume()
        return accepted
    }

    /// Some pending replies were fulfilled: the writer, if it waits for one, looks again.
    func fulfilled() {
        let consumer = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            defer { s.consumer = nil }
            return s.consumer
        }
        consumer?.resume()
    }

    /// Queues a last line past every bound and closes. A slow consumer's events not yet begun are
    /// dropped (PROTOCOL.md v1.2: it resubscribes from the last one it was sent whole, which its
    /// last line names); its socket is cut unless it reads what it has within the grace: its writer
    /// may be stuck on a full socket.
    func end(_ ending: Ending, lastLine: @escaping @Sendable (_ sentThrough: Int64) -> [UInt8]) {
        let (consumer, producer) = state.withLockedValue { s -> (CheckedContinuation<Void, Never>?, CheckedContinuation<Void, Never>?) in
            if s.closed { return (nil, nil) }
            s.ending = ending
            s.closed = true
            if ending == .slowConsumer {
                let waiting = s.slots[s.head...]
                s.queuedEvents -= waiting.reduce(0) { n, slot in if case .events(_, let c, _) = slot { n + c } else { n } }
                s.slots = Array(s.slots[..<s.head]) + waiting.filter { slot in
                    switch slot {
                    case .events, .replay: false
                    default: true
                    }
                }
            }
            s.slots.append(.last(lastLine))
            defer { s.consumer = nil; s.producer = nil }
            return (s.consumer, s.producer)
        }
        consumer?.resume()
        producer?.resume()
        if ending == .slowConsumer { cut() }
    }

    var ending: Ending? { state.withLockedValue { $0.ending } }
    var isClosed: Bool { state.withLockedValue { $0.closed } }

    /// The connection is subscribed; events after `seq` are what it will be sent first.
    func markSubscribed(from seq: Int64) {
        state.withLockedValue { s in
            s.subscribed = true
            if s.subscribedFrom == nil { s.subscribedFrom = seq }
        }
    }
    var isSubscribed: Bool { state.withLockedValue { $0.subscribed } }

    /// Every reply ready at the head, in order, as one buffer (waiting until there is one), or nil
    /// when the outbox is closed and drained. A pending reply at the head holds back everything
    /// behind it: replies leave in request order.
    func next() async -> Batch? {
        while true {
            enum Step { case batch(Batch), wait, done }
            let (step, producer): (Step, CheckedContinuation<Void, Never>?) = state.withLockedValue { s in
                var batch = Batch(bytes: ByteBuffer(), events: 0, through: nil)
                var taken = 0
                loop: while s.head < s.slots.count {
                    switch s.slots[s.head] {
                    case .ready(let bytes):
                        batch.bytes.writeBytes(bytes)
                    case .events(let buffer, let count, let through):
                        var b = buffer
                        batch.bytes.writeBuffer(&b)
                        batch.events += count
                        batch.through = through
                    case .replay(let bytes, let through):
                        batch.bytes.writeBytes(bytes)
                        batch.through = through
                    case .last(let make):
                        // Every batch before this one is on the socket whole.
                        batch.bytes.writeBytes(make(s.sentThrough ?? s.subscribedFrom ?? 0))
                    case .pending(let reply):
                        guard let bytes = reply.take() else { break loop }
                        batch.bytes.writeBytes(bytes)
                    }
                    s.head += 1
                    taken += 1
                }
                if s.head > 64, s.head * 2 > s.slots.count {  // compact now and then
                    s.slots.removeFirst(s.head)
                    s.head = 0
                }
                if taken > 0 {
                    defer { s.producer = nil }
                    return (.batch(batch), s.producer)
                }
                return (s.closed && s.count == 0 ? .done : .wait, nil)
            }
            producer?.resume()
            switch step {
            case .batch(let b): return b
            case .done: return nil
            case .wait:
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let now = state.withLockedValue { s -> Bool in
                        if s.closed { return true }
                        if s.head < s.slots.count, !s.slots[s.head].isWaiting { return true }
                        s.consumer = c
                        return false
                    }
                    if now { c.resume() }
                }
            }
        }
    }

    /// The writer put a batch from `next()` on the socket: its `count` event lines, the last of seq
    /// `through`.
    func wrote(events count: Int, through: Int64?) {
        state.withLockedValue { s in
            s.queuedEvents -= count
            if let through { s.sentThrough = max(s.sentThrough ?? through, through) }
        }
    }

    /// A subscription with `since`: the client has every event through `seq` already.
    func resumes(after seq: Int64) { state.withLockedValue { s in if s.subscribedFrom == nil { s.subscribedFrom = seq } } }

    /// No more replies will be pushed; `next()` drains what is queued, then returns nil.
    func close() {
        let (consumer, producer) = state.withLockedValue { s in
            s.closed = true
            defer { s.consumer = nil; s.producer = nil }
            return (s.consumer, s.producer)
        }
        consumer?.resume()
        producer?.resume()
    }
}

extension Outbox.Slot {
    /// A pending reply not fulfilled yet.
    var isWaiting: Bool {
        if case .pending(let r) = self { return !r.isFulfilled }
        return false
    }
}

/// A reply known later than its request was read (a submission's ack after its commit, a
/// subscription's `subscribed` once the broadcaster took it over). It is fulfilled with a function
/// that writes it, called once, by the connection's writer.
final class PendingReply: Sendable {
    private struct State {
        var produce: (@Sendable () -> [UInt8])?
        var taken = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    init() {}

    var isFulfilled: Bool { state.withLockedValue { $0.produce != nil || $0.taken } }

    /// The reply is known; whoever waits for it (a later read of the same connection) goes on.
    /// The outbox is not told: the caller does, once for everything it fulfilled.
    func fulfill(_ produce: @escaping @Sendable () -> [UInt8]) {
        let waiters = state.withLockedValue { s -> [CheckedContinuation<Void, Never>] in
            guard s.produce == nil, !s.taken else { return [] }
            s.produce = produce
            defer { s.waiters = [] }
            return s.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// The reply's bytes, once fulfilled (nil before); the writer takes them once.
    func take() -> [UInt8]? {
        let produce = state.withLockedValue { s -> (@Sendable () -> [UInt8])? in
            guard let p = s.produce else { return nil }
            s.produce = nil
            s.taken = true
            return p
        }
        return produce?()
    }

    /// Returns once the reply is known.
    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLockedValue { s -> Bool in
                if s.produce != nil || s.taken { return true }
                s.waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }
}
