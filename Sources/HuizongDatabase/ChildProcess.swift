import Foundation

/// Runs a program to completion with posix_spawn and waitpid.
///
/// Foundation's `Process` decides a child has exited when a descriptor it shares with the child
/// reaches EOF; `pg_ctl start` leaves a postmaster behind that inherits that descriptor, so
/// `waitUntilExit()` never returns. Here descriptors above 2 are closed in the child and the exit
/// status comes from waitpid.
///
/// The child also starts with an empty signal mask and default signal dispositions: a daemon that
/// ignores SIGTERM (to handle it through a dispatch source) or a thread that blocks SIGALRM must not
/// pass that on (pgbench's -T is a SIGALRM).
public enum ChildProcess {
    /// Runs `path` with `arguments` to completion; stdout and stderr go to `outputPath` (appended),
    /// stdin is /dev/null. Returns the exit status (128 + signal if killed).
    public static func run(_ path: String, _ arguments: [String], outputPath: String) throws -> Int32 {
        try wait(spawn(path, arguments, outputPath: outputPath))
    }

    /// Starts `path` and returns its pid; the caller must `wait` for it. `environment` adds to (or
    /// replaces variables of) this process's environment.
    public static func spawn(_ path: String, _ arguments: [String], outputPath: String = "/dev/null",
                             environment: [String: String] = [:]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        markInheritedDescriptorsCloseOnExec()

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw ClusterError("cannot start \(path): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for `pid` to end and returns its exit status (128 + signal if killed).
    public static func wait(_ pid: pid_t) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ClusterError("waitpid failed for \(pid): errno \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// True while `pid` (our child) has not ended; does not reap it.
    public static func isRunning(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == 0
    }

    /// Sets FD_CLOEXEC on every open descriptor above 2, so that no child (and no postmaster it
    /// leaves behind) holds our sockets or pipes. Harmless for us: it only matters at exec.
    private static func markInheritedDescriptorsCloseOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for fd in entries.compactMap({ Int32($0) }) where fd > 2 {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0, flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
