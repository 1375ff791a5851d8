import Foundation

/// The file of the daemon's Unix socket: bound here (so that closing it leaves the path alone),
/// never taken from a live daemon, and removed at exit only while it is still ours.
enum UnixSocketFile {
    /// A listening socket at `path`. A stale socket file (nobody listening: a crashed daemon's) is
    /// replaced; a live one, or anything that is not a socket, is refused.
    static func listen(at path: String, mode: mode_t, backlog: Int32 = 256) throws -> CInt {
        try claim(path)
        var address = try socketAddress(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(description: "socket: \(String(cString: strerror(errno)))") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ServerError(description: "cannot listen on \(path): \(reason)")
        }
        chmod(path, mode)
        return fd
    }

    /// Refuses a path a live server listens on; removes a stale socket file.
    static func claim(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw ServerError(description: "\(path) exists and is not a socket; not touching it")
        }
        var address = try socketAddress(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if rc == 0 || errno != ECONNREFUSED {
            throw ServerError(description: "another server is listening on \(path); not taking its socket over")
        }
        unlink(path)
    }

    /// Device, inode and change time: inodes are reused at once on some file systems, change times
    /// are not.
    struct Identity: Equatable, Sendable {
        let dev: UInt64
        let ino: UInt64
        let ctime: Int64
    }

    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Identity(dev: UInt64(info.st_dev), ino: UInt64(info.st_ino),
                        ctime: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }

    static func remove(_ path: String, ifStill mine: Identity) {
        if identity(of: path) == mine { unlink(path) }
    }

    private static func socketAddress(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw ServerError(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
        return address
    }
}
