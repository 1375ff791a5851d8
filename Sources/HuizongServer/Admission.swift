import NIOConcurrencyHelpers

/// A bound on work queued across the whole daemon: a session takes a permit before it hands a
/// request to the writer (or a reader) and the permit returns when the answer is known. When none is
/// left, the session waits, stops reading its socket, and TCP pushes back on the client: memory stays
/// bounded however many clients pipeline at once. Waiters are served in arrival order.
public final class Admission: Sendable {
    private struct State {
        var capacity: Int
        var inUse = 0
        var peak = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    private let state: NIOLockedValueBox<State>

    public init(capacity: Int) {
        precondition(capacity > 0, "an admission needs at least one permit")
        state = NIOLockedValueBox(State(capacity: capacity))
    }

    /// Permits in all. A reload may change it: a larger capacity lets waiters in at once, a smaller
    /// one takes effect as permits return.
    public var capacity: Int {
        get { state.withLockedValue { $0.capacity } }
        set {
            precondition(newValue > 0, "an admission needs at least one permit")
            var admitted: [CheckedContinuation<Void, Never>] = []
            state.withLockedValue { s in
                s.capacity = newValue
                while s.inUse < s.capacity, s.head < s.waiters.count {
                    admitted.append(s.waiters[s.head])
                    s.head += 1
                    s.inUse += 1
                    s.peak = max(s.peak, s.inUse)
                }
            }
            for c in admitted { c.resume() }
        }
    }

    /// Permits taken now.
    public var inUse: Int { state.withLockedValue { $0.inUse } }
    /// The most permits ever taken at once.
    public var peak: Int { state.withLockedValue { $0.peak } }

    /// Takes a permit, waiting for one if none is left.
    public func acquire() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now: Bool = state.withLockedValue { s in
                if s.inUse < s.capacity && s.head == s.waiters.count {
                    s.inUse += 1
                    s.peak = max(s.peak, s.inUse)
                    return true
                }
                s.waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }

    /// Returns a permit; the longest waiter, if any, takes it over.
    public func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLockedValue { s in
            guard s.head < s.waiters.count, s.inUse <= s.capacity else {
                s.inUse -= 1
                return nil
            }
            let c = s.waiters[s.head]
            s.head += 1
            if s.head > 64, s.head * 2 > s.waiters.count {
                s.waiters.removeFirst(s.head)
                s.head = 0
            }
            return c  // the permit passes on: inUse stays
        }
        next?.resume()
    }
}
