import Foundation
import Logging
import Synchronization

/// One line per event on stderr. On the journal (`JOURNAL_STREAM` names stderr) each line starts
/// with its syslog priority, `<3>` error … `<7>` debug, so that `journalctl -p warning` filters by
/// level, and carries no timestamp (the journal keeps its own). Elsewhere: timestamp, level, label.
/// The level is one for the whole process, changed by a reload.
struct LogOutput: LogHandler {
    private static let levelValue = Atomic<Int>(Logger.Level.info.ordinal)
    static var level: Logger.Level {
        get { Logger.Level.allCases[levelValue.load(ordering: .relaxed)] }
        set { levelValue.store(newValue.ordinal, ordering: .relaxed) }
    }
    static let toJournal = Self.stderrIsJournal()
    private static let lock = NSLock()

    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level {
        get { Self.level }
        set { Self.level = newValue }
    }

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        let fields = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // One line per event: a newline inside a message or a value would split it in the journal.
        let text = "\(message)\(fields)".replacingOccurrences(of: "\n", with: "\\n")
        let out: String
        if Self.toJournal {
            out = "<\(Self.priority(level))>\(label): \(text)\n"
        } else {
            out = "\(Self.timestamp()) \(level) \(label): \(text)\n"
        }
        Self.lock.lock()
        defer { Self.lock.unlock() }
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// syslog(3) priorities.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// systemd sets `JOURNAL_STREAM=device:inode` of the stream it connected; it is ours only if
    /// stderr is still that stream.
    static func stderrIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let dev = UInt64(parts[0]), let ino = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == dev && UInt64(info.st_ino) == ino
    }

    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(cString: buffer)
    }
}

extension Logger.Level {
    var ordinal: Int { Self.allCases.firstIndex(of: self)! }
}
