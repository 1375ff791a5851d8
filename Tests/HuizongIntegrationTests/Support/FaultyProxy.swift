import Foundation
import NIOConcurrencyHelpers

/// A TCP proxy in front of the test cluster's Unix socket that a test can break, so that one daemon
/// sees PostgreSQL fail while the other tests' databases stay up:
/// - `.frozen`: bytes stop moving both ways and every socket stays open (a network partition);
/// - `.down`: every connection is closed and new ones are refused (PostgreSQL stopped).
/// Plain blocking sockets and threads: nothing here shares the event loops under test.
final class FaultyProxy: Sendable {
    enum Mode: Sendable { case forwarding, frozen, down }

    let port: Int
    private let target: String
    private struct State {
        var mode = Mode.forwarding
        var listener: Int32 = -1
        var pairs: [(Int32, Int32)] = []
        var stopped = false
    }
    private let state = NIOLockedValueBox(State())

    /// A proxy to the Unix socket of the test cluster.
    init() throws {
        target = TestCluster.shared.cluster.socketDirectory.appendingPathComponent(".s.PGSQL.5432").path
        let (fd, port) = try Self.listen(port: 0)
        self.port = port
        state.withLockedValue { $0.listener = fd }
        startAccepting(fd)
    }

    /// The conninfo of `database` reached through the proxy.
    func conninfo(database conninfo: String) -> String {
        let name = conninfo.split(separator: " ").first { $0.hasPrefix("dbname=") }.map(String.init) ?? "dbname=postgres"
        return "host=127.0.0.1 port=\(port) \(name) user=postgres"
    }

    var mode: Mode {
        get { state.withLockedValue { $0.mode } }
        set { set(newValue) }
    }

    private func set(_ mode: Mode) {
        let (toClose, reopen): ([Int32], Bool) = state.withLockedValue { s in
            let old = s.mode
            s.mode = mode
            if mode == .down {
                var fds = s.pairs.flatMap { [$0.0, $0.1] }
                if s.listener >= 0 { fds.append(s.listener) }
                s.pairs = []
                s.listener = -1
                return (fds, false)
            }
            return ([], old == .down)
        }
        for fd in toClose { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
        if reopen, let (fd, _) = try? Self.listen(port: port) {
            state.withLockedValue { $0.listener = fd }
            startAccepting(fd)
        }
    }

    func stop() {
        set(.down)
        state.withLockedValue { $0.stopped = true }
    }

    private static func listen(port: Int) throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 64) == 0 else { close(fd); throw TestFailure("proxy cannot listen: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private func startAccepting(_ listener: Int32) {
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }  // the listener was closed
                guard let server = connectToTarget() else { close(client); continue }
                let kept = state.withLockedValue { s -> Bool in
                    guard s.mode != .down else { return false }
                    s.pairs.append((client, server))
                    return true
                }
                guard kept else { close(client); close(server); continue }
                Thread.detachNewThread { self.pump(from: client, to: server) }
                Thread.detachNewThread { self.pump(from: server, to: client) }
            }
        }
    }

    private func connectToTarget() -> Int32? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in target.utf8.enumerated() { raw[i] = b } }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if rc != 0 { close(fd); return nil }
        return fd
    }

    /// Copies bytes one way until either side closes; while frozen, holds them.
    private func pump(from source: Int32, to sink: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            switch mode {
            case .down: return
            case .frozen: usleep(20_000); continue
            case .forwarding: break
            }
            var fd = pollfd(fd: source, events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, 50) >= 0 else { return }
            guard fd.revents != 0 else { continue }
            if mode != .forwarding { continue }
            let n = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { shutdown(sink, Int32(SHUT_WR)); return }
            var sent = 0
            while sent < n {
                let m = buffer[sent..<n].withUnsafeBytes { Glibc.send(sink, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard m > 0 else { return }
                sent += m
            }
        }
    }
}
