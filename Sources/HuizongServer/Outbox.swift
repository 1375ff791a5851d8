import NIOCore
import Synchronization

/// The replies of one connection, in request order. A reply may still be pending (a submission
/// waiting for its commit) while later requests are already read: that is what lets a client
/// pipeline. The queue is bounded, so a client that sends without reading is slowed down (its
/// requests stay unread in the socket) instead of growing our memory.
final class Outbox: Sendable {
    enum Slot: Sendable {
        case ready([UInt8])
        case pending(EventLoopFuture<[UInt8]>)
        /// Broadcast events, several lines written at once; `count` lines.
        case events([UInt8], count: Int)
    }

    private struct State {
        var slots: [Slot] = []
        var head = 0
        var closed = false
        /// Closed because the client could not keep up with its events: the connection is dropped.
        var kicked = false
        /// Event lines queued and not yet taken by the writer.
        var queuedEvents = 0
        var consumer: CheckedContinuation<Slot?, Never>?
        var producer: CheckedContinuation<Void, Never>?
        var count: Int { slots.count - head }
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    /// Appends a reply; waits while the queue is full. Dropped once the outbox is closed.
    func push(_ slot: Slot) async {
        while true {
            let waitForSpace: Bool = state.withLock { s in
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
                let resumeNow = state.withLock { s -> Bool in
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
    func offer(_ bytes: [UInt8], count: Int, limit: Int) -> Bool {
        let slot = Slot.events(bytes, count: count)
        let (accepted, consumer): (Bool, CheckedContinuation<Slot?, Never>?) = state.withLock { s in
            if s.closed || (s.queuedEvents > 0 && s.queuedEvents + count > limit) { return (false, nil) }
            if let c = s.consumer {
                s.consumer = nil
                return (true, c)
            }
            s.slots.append(slot)
            s.queuedEvents += count
            return (true, nil)
        }
        consumer?.resume(returning: slot)
        return accepted
    }

    /// Queues a last line past every bound, then closes: the writer sends what is queued and the
    /// connection is dropped (`slow_consumer`).
    func kick(_ last: [UInt8]) {
        let (consumer, producer) = state.withLock { s -> (CheckedContinuation<Slot?, Never>?, CheckedContinuation<Void, Never>?) in
            if s.closed { return (nil, nil) }
            s.kicked = true
            s.closed = true
            defer { s.consumer = nil; s.producer = nil }
            if s.consumer == nil { s.slots.append(.ready(last)) }
            return (s.consumer, s.producer)
        }
        consumer?.resume(returning: .ready(last))
        producer?.resume()
    }

    var isKicked: Bool { state.withLock { $0.kicked } }

    /// The next reply in order, or nil when the outbox is closed and drained.
    func next() async -> Slot? {
        await withCheckedContinuation { (c: CheckedContinuation<Slot?, Never>) in
            let (slot, done, producer): (Slot?, Bool, CheckedContinuation<Void, Never>?) = state.withLock { s in
                if s.count > 0 {
                    let slot = s.slots[s.head]
                    s.head += 1
                    if case .events(_, let n) = slot { s.queuedEvents -= n }
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

    /// No more replies will be pushed; `next()` drains what is queued, then returns nil.
    func close() {
        let (consumer, producer) = state.withLock { s in
            s.closed = true
            defer { s.consumer = nil; s.producer = nil }
            return (s.consumer, s.producer)
        }
        consumer?.resume(returning: nil)
        producer?.resume()
    }
}
