import Foundation
import HuizongServer
import HuizongStore
import Logging
import Synchronization
import UnixSignals

/// SIGHUP (`systemctl reload`): the configuration file is read again and what can change at run
/// time changes, without dropping a connection; sessions of offices revoked in the database end
/// (a revocation is normally heard at once through NOTIFY; this catches one missed during an outage).
/// A bad file changes nothing and says why.
final class Reloader: Sendable {
    private let current: Mutex<Settings>
    private let configFile: String?
    private let flags: [String: String]
    private let server: Server
    private let services: Services
    private let readers: ReaderPool
    private let notifier: SystemdNotifier
    private let logger: Logger

    init(settings: Settings, configFile: String?, flags: [String: String], server: Server, services: Services, readers: ReaderPool,
         notifier: SystemdNotifier, logger: Logger) {
        current = Mutex(settings)
        self.configFile = configFile
        self.flags = flags
        self.server = server
        self.services = services
        self.readers = readers
        self.notifier = notifier
        self.logger = logger
    }

    /// Reloads at each SIGHUP of `signals` (trapped before READY=1, so that a reload right after the
    /// start cannot kill the daemon). When the daemon stops, later SIGHUPs are ignored, not fatal.
    func run(_ signals: UnixSignalsSequence) async {
        for await _ in signals {
            await reload()
        }
        signal(SIGHUP, SIG_IGN)
    }

    func reload() async {
        notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
        defer { notifier.notify("READY=1\nSTATUS=serving (reloaded)") }
        let settings: Settings
        do {
            settings = try Settings(flags: flags, configFile: configFile)
        } catch {
            logger.error("reload refused: the configuration is not valid; nothing changed", metadata: ["error": "\(error)"])
            return
        }
        let old = current.withLock { s in defer { s = settings }; return s }
        LogOutput.level = Logger.Level(rawValue: settings.string("log-level")!) ?? .info
        server.maxLineBytes = settings.int("max-line-bytes")
        services.hub.queueLimit = settings.int("subscriber-queue")
        services.admission.capacity = settings.int("max-queued")
        let pending = settings.changedNeedingRestart(from: old)
        if !pending.isEmpty {
            logger.warning("changed settings take effect at the next start", metadata: ["settings": "\(pending.joined(separator: ", "))"])
        }
        let live = services.connections.offices
        var ended: [String] = []
        if !live.isEmpty {
            do {
                let revoked = try await readers.revokedOffices()
                ended = live.intersection(revoked).sorted()
                for office in ended { services.connections.revoke(office: office) }
            } catch {
                logger.warning("reload: offices not checked (database unavailable)", metadata: ["error": "\(error)"])
            }
        }
        logger.notice("reloaded", metadata: [
            "config": "\(settings.file ?? "none")", "log-level": "\(settings.string("log-level")!)",
            "max-line-bytes": "\(settings.int("max-line-bytes"))", "subscriber-queue": "\(settings.int("subscriber-queue"))",
            "max-queued": "\(settings.int("max-queued"))", "revoked-sessions-ended": "\(ended.joined(separator: ","))"])
    }

    static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }
}

/// `STATUS=` for `systemctl status`: connections, submissions per second, the last commit.
struct StatusReporter {
    let notifier: SystemdNotifier
    let services: Services
    static let interval: Duration = .seconds(5)

    func run() async {
        var lastAccepted = services.writer.stats.accepted
        let clock = ContinuousClock()
        var lastTime = clock.now
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd HH:mm:ss"
        format.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.interval)
            let stats = services.writer.stats
            let now = clock.now
            let seconds = Double((now - lastTime).components.seconds) + Double((now - lastTime).components.attoseconds) / 1e18
            let rate = seconds > 0 ? Double(stats.accepted - lastAccepted) / seconds : 0
            (lastAccepted, lastTime) = (stats.accepted, now)
            let last = stats.lastCommit.map { format.string(from: $0) + " CST" } ?? "none yet"
            notifier.notify("STATUS=\(services.connections.count) connections, \(String(format: "%.0f", rate)) submissions/s, \(stats.accepted) accepted since start, last commit \(last)")
        }
    }
}
