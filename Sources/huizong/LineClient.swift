import Foundation

/// A blocking NDJSON client over a Unix or TCP socket, for the CLI and the benchmark driver. One
/// thread may send while another reads: the two directions share nothing but the descriptor.
/// Every read has a deadline (`readTimeout`, SO_RCVTIMEO): a reply that never comes is an error
/// that says so, not a hang.
final class LineClient: @unchecked Sendable {
    let fd: Int32
    let readTimeout: Int
    private var buffer: [UInt8] = []
    private var start = 0

    /// Seconds a read may wait for the daemon (0: forever, for a subscriber that waits for events).
    static let defaultReadTimeout = 60

    private func applyReadTimeout() {
        guard readTimeout > 0 else { return }
        var tv = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The descriptor is ours only once connected: a failure closes it here and throws before
    /// `self` is whole, so `deinit` (which closes `fd`) never runs for it.
    init(unixPath: String, readTimeout: Int = LineClient.defaultReadTimeout) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(unixPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw CLIError("socket path too long: \(unixPath)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw CLIError("socket: \(String(cString: strerror(errno)))") }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else {
            let reason = String(cString: strerror(errno))
            close(s)
            throw Unreachable(description: "cannot connect to \(unixPath): \(reason)")
        }
        fd = s
        self.readTimeout = readTimeout
        applyReadTimeout()
    }

    init(host: String, port: Int, readTimeout: Int = LineClient.defaultReadTimeout) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
            throw Unreachable(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        let s = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard s >= 0 else { throw CLIError("socket: \(String(cString: strerror(errno)))") }
        guard connect(s, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(s)
            throw Unreachable(description: "cannot connect to \(host):\(port): \(reason)")
        }
        var one: Int32 = 1
        setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        fd = s
        self.readTimeout = readTimeout
        applyReadTimeout()
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError("send failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// True when a whole line is already read and waiting (the next `readLine` will not block).
    var hasBufferedLine: Bool { buffer[start...].contains(0x0A) }

    /// The next line without its newline, or nil at end of stream.
    func readLine() throws -> [UInt8]? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<nl])
                start = nl + 1
                if start > 1 << 16 { buffer.removeFirst(start); start = 0 }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { throw TimedOut(seconds: readTimeout) }
                throw CLIError("receive failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }
}

/// No daemon at the address (yet): worth retrying, unlike a refused hello or a bad credentials file.
struct Unreachable: Error, CustomStringConvertible {
    let description: String
}

/// A read that waited `readTimeout` for nothing.
struct TimedOut: Error, CustomStringConvertible {
    let seconds: Int
    var description: String { "no reply from huizongd within \(seconds) s" }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
