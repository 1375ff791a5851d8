import Foundation
import NIOCore
import NIOPosix

/// The data directory belongs to one daemon at a time: an exclusive flock(2) on
/// `<data-dir>/huizongd.lock`, held until the process ends (however it ends, the kernel releases it).
enum DataDirectoryLock {
    /// True when this process now holds the lock; false when another one does.
    static func acquire(_ directory: String) -> Bool {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Close-on-exec: a postmaster started by pg_ctl must not inherit (and keep) the lock.
        let fd = open(directory + "/huizongd.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }  // fd stays open for the process's life
        close(fd)
        return false
    }
}

/// Whether every event loop still runs tasks: the watchdog's evidence that no loop is stuck.
enum EventLoopProbe {
    static func answers(within limit: Duration) async -> Bool {
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            let answered = await withTaskGroup(of: Bool.self) { race in
                race.addTask { (try? await loop.submit {}.get()) != nil }
                race.addTask { try? await Task.sleep(for: limit); return false }
                let first = await race.next() ?? false
                race.cancelAll()
                return first
            }
            if !answered { return false }
        }
        return true
    }
}

/// Open files: every client connection is one. The soft limit is raised to the hard one, as servers
/// do, so that thousands of idle connections do not run the daemon out of descriptors.
enum FileLimit {
    @discardableResult
    static func raise() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(limit.rlim_cur)
    }
}
