import NIOCore
import NIOConcurrencyHelpers

/// The replies of one connection, in request order. A reply may still be pending (a submission
/// waiting for its commit) while later requests are already read: that is what lets a client
/// pipeline. The queue is bounded, so a client that sends without reading is slowed down (its
/// requests stay unread in the socket) instead of growing our memory.
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
        case pending(EventLoopFuture<[UInt8]>)
        /// Broadcast events, several lines written at once; `count` lines. One buffer is shared by
        /// every subscriber of the same regions: nothing is copied per subscriber.
        case events(ByteBuffer, count: Int)
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
        var consumer: CheckedContinuation<Slot?, Never>?
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
            let waitForSpace: Bool = state.withLockedValue { s in
                if s.closed { return false }
                if s.count >= capacity { return true }
                if let c = s.consumer {
                    s.consumer = nil
                    c.resume(returning: slot)
                } else {
                    s.slots.append(slot)
                }
                return false
            }
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
    func offer(_ events: ByteBuffer, count: Int, limit: Int) -> Bool {
        let slot = Slot.events(events, count: count)
        let (accepted, consumer): (Bool, CheckedContinuation<Slot?, Never>?) = state.withLockedValue { s in
            if s.closed || (s.queuedEvents > 0 && s.queuedEvents + count > limit) { return (false, nil) }
            s.queuedEvents += count  // until `wrote`
            if let c = s.consumer {
                s.consumer = nil
                return (true, c)
            }
            s.slots.append(slot)
            return (true, nil)
        }
        consumer?.resume(returning: slot)
        return accepted
    }

    /// Queues a last line past every bound and closes. A slow consumer's socket is cut unless it
    /// reads what it has within the grace: its writer may be stuck on a full socket.
    func end(_ ending: Ending, lastLine: [UInt8]) {
        let (consumer, producer) = state.withLockedValue { s -> (CheckedContinuation<Slot?, Never>?, CheckedContinuation<Void, Never>?) in
            if s.closed { return (nil, nil) }
            s.ending = ending
            s.closed = true
            defer { s.consumer = nil; s.producer = nil }
            if s.consumer == nil { s.slots.append(.ready(lastLine)) }
            return (s.consumer, s.producer)
        }
        consumer?.resume(returning: .ready(lastLine))
        producer?.resume()
        if ending == .slowConsumer { cut() }
    }

    var ending: Ending? { state.withLockedValue { $0.ending } }
    var isClosed: Bool { state.withLockedValue { $0.closed } }

    func markSubscribed() { state.withLockedValue { $0.subscribed = true } }
    var isSubscribed: Bool { state.withLockedValue { $0.subscribed } }

    /// The next reply in order, or nil when the outbox is closed and drained.
    func next() async -> Slot? {
        await withCheckedContinuation { (c: CheckedContinuation<Slot?, Never>) in
            let (slot, done, producer): (Slot?, Bool, CheckedContinuation<Void, Never>?) = state.withLockedValue { s in
                if s.count > 0 {
                    let slot = s.slots[s.head]
                    s.head += 1
                    if s.head > 64, s.head * 2 > s.slots.count {  // compact now and then
                        s.slots.removeFirst(s.head)
                        s.head = 0
                    }
                    let p = s.producer
                    s.producer = nil
                    return (slot, false, p)
                }
                if s.closed { return (nil, true, nil) }
                s.consumer = c
                return (nil, false, nil)
            }
            producer?.resume()
            if slot != nil || done { c.resume(returning: slot) }
        }
    }

    /// The writer put `count` event lines of a slot from `next()` on the socket.
    func wrote(events count: Int) { state.withLockedValue { $0.queuedEvents -= count } }

    /// No more replies will be pushed; `next()` drains what is queued, then returns nil.
    func close() {
        let (consumer, producer) = state.withLockedValue { s in
            s.closed = true
            defer { s.consumer = nil; s.producer = nil }
            return (s.consumer, s.producer)
        }
        consumer?.resume(returning: nil)
        producer?.resume()
    }
}
