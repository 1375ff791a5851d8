import HuizongCore
import Synchronization

/// The console's signed-in sessions, by the random id their cookie carries, and the failed sign-ins
/// of each address. Kept in this daemon's memory: a restart signs everyone out (a browser signs in
/// again), and behind a load balancer each daemon knows only its own sessions (sticky sessions).
final class SignIns: Sendable {
    struct Signed: Sendable {
        /// The session's id, as its cookie carries it.
        let id: String
        let code: String
        /// Kept to check the office again on every use (a revoked office's session ends at once);
        /// it never leaves this process: not in a cookie, a URL or a log.
        let token: String
        let expires: ContinuousClock.Instant
    }

    let lifetime: Duration
    let maxFailures: Int
    let failureWindow: Duration
    private let state = Mutex<(sessions: [String: Signed], failures: [String: [ContinuousClock.Instant]])>(([:], [:]))
    private let clock = ContinuousClock()

    init(lifetime: Duration = .seconds(12 * 3600), maxFailures: Int = 5, failureWindow: Duration = .seconds(300)) {
        self.lifetime = lifetime
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
    }

    /// A new session for an office that proved its token: the id for its cookie.
    func open(code: String, token: String) -> String {
        var g = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(g.next(), radix: 16).leftPadded(to: 16) }.joined()  // 256 bits
        let now = clock.now
        state.withLock { s in
            s.sessions = s.sessions.filter { $0.value.expires > now }  // expired ones go as new ones come
            s.sessions[id] = Signed(id: id, code: code, token: token, expires: now + lifetime)
        }
        return id
    }

    func lookup(_ id: String) -> Signed? {
        let now = clock.now
        return state.withLock { s in
            guard let found = s.sessions[id] else { return nil }
            if found.expires <= now { s.sessions[id] = nil; return nil }
            return found
        }
    }

    func close(_ id: String) { _ = state.withLock { $0.sessions.removeValue(forKey: id) } }

    /// Ends every session of an office (revoked, or its token no longer valid).
    func close(office code: String) { state.withLock { $0.sessions = $0.sessions.filter { $0.value.code != code } } }

    /// How long `address` must wait before trying again, if it failed too often of late.
    func lockedOut(_ address: String) -> Duration? {
        let now = clock.now
        return state.withLock { s -> Duration? in
            let recent = (s.failures[address] ?? []).filter { now - $0 < failureWindow }
            s.failures[address] = recent.isEmpty ? nil : recent
            guard recent.count >= maxFailures, let oldest = recent.first else { return nil }
            return failureWindow - (now - oldest)
        }
    }

    func failed(_ address: String) {
        let now = clock.now
        state.withLock { s in
            if s.failures.count > 100_000 {  // bounded even under a spray of addresses: the stale go first
                s.failures = s.failures.filter { $0.value.contains { now - $0 < failureWindow } }
                if s.failures.count > 100_000 { s.failures = [:] }
            }
            s.failures[address, default: []].append(now)
        }
    }

    func succeeded(_ address: String) { _ = state.withLock { $0.failures.removeValue(forKey: address) } }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
