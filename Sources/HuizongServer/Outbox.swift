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
    }

    private struct State {
        var slots: [Slot] = []
        var head = 0
        var closed = false
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

    /// The next reply in order, or nil when the outbox is closed and drained.
    func next() async -> Slot? {
        await withCheckedContinuation { (c: CheckedContinuation<Slot?, Never>) in
            let (slot, done, producer): (Slot?, Bool, CheckedContinuation<Void, Never>?) = state.withLock { s in
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
