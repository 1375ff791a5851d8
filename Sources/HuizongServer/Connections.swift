import Dispatch
import HuizongCore
import HuizongProtocol
import NIOCore
import Synchronization
import NIOConcurrencyHelpers

/// Every live client connection of this daemon: which office it speaks for (after hello), so that
/// revoking an office ends its sessions, and whether it is busy, so that a stopping daemon closes
/// each one once it has gone quiet and nothing it sent is left unanswered.
public final class Connections: Sendable {
    final class Entry: Sendable {
        /// Nil for a session inside the daemon (the console's uploads): nothing to close.
        let channel: (any Channel)?
        let outbox: Outbox
        let office = NIOLockedValueBox<String?>(nil)
        /// Requests read and not yet handed to the outbox.
        let handling = Atomic<Int>(0)
        /// Uptime nanoseconds of the last request read.
        let lastRequest = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)
        /// The daemon is stopping: the connection closes once it is quiet.
        let quiescing = Atomic<Bool>(false)

        init(channel: (any Channel)?, outbox: Outbox) {
            self.channel = channel
            self.outbox = outbox
        }

        func requestRead() {
            lastRequest.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            handling.add(1, ordering: .relaxed)
        }

        func requestHandled() { handling.subtract(1, ordering: .relaxed) }

        /// Quiet for `idle`: nothing being handled and no request read meanwhile.
        func isQuiet(for idle: Duration) -> Bool {
            handling.load(ordering: .relaxed) == 0
                && DispatchTime.now().uptimeNanoseconds &- lastRequest.load(ordering: .relaxed) >= idle.nanoseconds
        }
    }

    private let entries = NIOLockedValueBox<[ObjectIdentifier: Entry]>([:])

    public init() {}

    public var count: Int { entries.withLockedValue { $0.count } }

    /// The offices with a session now (a reload checks them against the database).
    public var offices: Set<String> {
        Set(entries.withLockedValue { $0.values.compactMap { $0.office.withLockedValue { $0 } } })
    }

    func add(channel: (any Channel)?, outbox: Outbox) -> Entry {
        let entry = Entry(channel: channel, outbox: outbox)
        entries.withLockedValue { $0[ObjectIdentifier(entry)] = entry }
        return entry
    }

    func remove(_ entry: Entry) {
        _ = entries.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(entry)) }
    }

    /// Ends every session of `office` (revoked by an administrator, on any daemon): each is told
    /// `unauthenticated`, then closed.
    public func revoke(office: String) {
        let ended = entries.withLockedValue { $0.values.filter { $0.office.withLockedValue { $0 } == office } }
        for entry in ended {
            let line = Reply.error(id: nil, code: .unauthenticated, message: "office \(office) was revoked; this session has ended")
            entry.outbox.end(.revoked) { _ in line }
        }
    }

    /// A stopping daemon's last service to its clients: each connection stops being read once it has
    /// been quiet for `idle` (or after `grace` regardless), then answers what it has, tells a
    /// subscriber `closing`, and closes. Returns once every connection is told.
    func quiesce(idle: Duration, grace: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        var open = entries.withLockedValue { Array($0.values) }
        for entry in open { entry.quiescing.store(true, ordering: .relaxed) }
        while !open.isEmpty {
            let late = clock.now >= deadline
            open.removeAll { entry in
                guard late || entry.isQuiet(for: idle) else { return false }
                entry.channel?.close(mode: .input, promise: nil)
                return true
            }
            if !open.isEmpty {
                do { try await Task.sleep(for: .milliseconds(20)) } catch { return }  // cancelled: the stop is over
            }
        }
    }

    /// Closes every connection at once (when even a graceful stop has taken too long).
    func closeAll() {
        for entry in entries.withLockedValue({ Array($0.values) }) { entry.channel?.close(promise: nil) }
    }
}

extension Duration {
    var nanoseconds: UInt64 {
        let (s, atto) = components
        return UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, atto) / 1_000_000_000)
    }
}
