import Foundation

/// sd_listen_fds(3) without libsystemd: the listening sockets systemd (or `systemd-socket-activate`)
/// passed as descriptors 3, 4, … when `LISTEN_PID` is this process. The variables are removed so
/// that the embedded PostgreSQL and anything else started later does not take them for its own,
/// and the descriptors are made close-on-exec for the same reason.
enum SocketActivation {
    static let firstDescriptor: CInt = 3

    struct Socket {
        let fd: CInt
        let name: String?
        let isUnix: Bool
    }

    static func takeListeningSockets() throws -> [Socket] {
        let env = ProcessInfo.processInfo.environment
        defer { for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) } }
        guard let pid = env["LISTEN_PID"].flatMap(pid_t.init), pid == getpid(),
              let count = env["LISTEN_FDS"].flatMap(Int32.init), count > 0 else { return [] }
        let names = env["LISTEN_FDNAMES"]?.split(separator: ":", omittingEmptySubsequences: false).map(String.init) ?? []
        return try (0..<count).map { i in
            let fd = firstDescriptor + i
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var type: CInt = 0, listening: CInt = 0
            var length = socklen_t(MemoryLayout<CInt>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0, type == CInt(SOCK_STREAM.rawValue) else {
                throw SocketActivationError(description: "descriptor \(fd) from systemd is not a stream socket (ListenStream= only)")
            }
            length = socklen_t(MemoryLayout<CInt>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0, listening == 1 else {
                throw SocketActivationError(description: "descriptor \(fd) from systemd is not listening (Accept=no only)")
            }
            var address = sockaddr_storage()
            length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let family = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 ? Int32($0.pointee.sa_family) : -1 }
            }
            return Socket(fd: fd, name: Int(i) < names.count ? names[Int(i)] : nil, isUnix: family == AF_UNIX)
        }
    }
}

struct SocketActivationError: Error, CustomStringConvertible {
    let description: String
}
