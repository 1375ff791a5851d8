import Foundation
import HuizongDatabase
import HuizongStore

/// Every setting of the daemon from a flag, an environment variable (`HUIZONG_` and the flag's name
/// in capitals, `-` as `_`), or the configuration file (`name = value` lines), in that order of
/// precedence, else its default. The file is read again on SIGHUP: the settings marked reloadable
/// take effect at once, the others at the next start.
struct Settings: Sendable {
    struct Definition: Sendable {
        let name: String
        let defaultValue: String?
        let reloadable: Bool
        let validate: @Sendable (String) -> String?  // nil if fine, else why not

        var environmentName: String { "HUIZONG_" + name.uppercased().replacingOccurrences(of: "-", with: "_") }
    }

    enum Source: String, Sendable { case flag, environment, file, `default` }

    static let definitions: [Definition] = [
        .init(name: "database", defaultValue: nil, reloadable: false, validate: { _ in nil }),
        .init(name: "data-dir", defaultValue: nil, reloadable: false, validate: { $0.isEmpty ? "a directory" : nil }),
        .init(name: "unix-socket", defaultValue: nil, reloadable: false, validate: { _ in nil }),
        .init(name: "tcp", defaultValue: "127.0.0.1:7330", reloadable: false, validate: { $0.isEmpty || parseTCP($0) != nil ? nil : "host:port, e.g. 127.0.0.1:7330" }),
        .init(name: "max-line-bytes", defaultValue: "1048576", reloadable: true, validate: positive(min: 64)),
        .init(name: "schema", defaultValue: nil, reloadable: false, validate: { _ in nil }),
        .init(name: "deadline-day", defaultValue: "8", reloadable: false, validate: range(1...28)),
        .init(name: "deadline-hour", defaultValue: "12", reloadable: false, validate: range(0...23)),
        .init(name: "change-retention-days", defaultValue: "90", reloadable: false, validate: positive(min: 1)),
        .init(name: "subscriber-queue", defaultValue: "4096", reloadable: true, validate: positive(min: 1)),
        .init(name: "batch-max", defaultValue: "1024", reloadable: false, validate: positive(min: 1)),
        .init(name: "max-queued", defaultValue: "8192", reloadable: true, validate: positive(min: 1)),
        .init(name: "writers", defaultValue: "2", reloadable: false, validate: range(1...64)),
        .init(name: "readers", defaultValue: "2", reloadable: false, validate: range(1...64)),
        .init(name: "statement-timeout", defaultValue: "30", reloadable: false, validate: positive(min: 1)),
        .init(name: "stop-timeout", defaultValue: "20", reloadable: false, validate: positive(min: 1)),
        .init(name: "log-level", defaultValue: "info", reloadable: true,
              validate: { ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains($0) ? nil : "trace, debug, info, notice, warning, error or critical" }),
        .init(name: "http", defaultValue: "127.0.0.1:7331", reloadable: false, validate: { $0.isEmpty || parseTCP($0) != nil ? nil : "host:port, e.g. 127.0.0.1:7331" }),
        .init(name: "metrics", defaultValue: "", reloadable: false, validate: { $0.isEmpty || parseTCP($0) != nil ? nil : "host:port, e.g. 127.0.0.1:9330" }),
        .init(name: "keep-database-running", defaultValue: "false", reloadable: false, validate: { ["true", "false"].contains($0) ? nil : "true or false" }),
    ]


    private(set) var values: [String: (value: String, source: Source)] = [:]
    /// The file read, if any.
    let file: String?

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Resolves every setting. `configFile` nil: `HUIZONG_CONFIG`, else the default file if it exists.
    init(flags: [String: String], configFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let path = ConfigFile.locate(explicit: configFile, environment: environment)?.path
        file = path
        let fromFile: [String: String]
        do {
            fromFile = try path.map { try ConfigFile.read($0, known: Set(Self.definitions.map(\.name))) } ?? [:]
        } catch let e as ConfigFile.Failure {
            throw Failure(description: e.description)
        }
        var problems: [String] = []
        for d in Self.definitions {
            let resolved: (String, Source)?
            if let v = flags[d.name] { resolved = (v, .flag) }
            else if let v = environment[d.environmentName] { resolved = (v, .environment) }
            else if let v = fromFile[d.name] { resolved = (v, .file) }
            else { resolved = d.defaultValue.map { ($0, .default) } }
            guard let (value, source) = resolved else { continue }
            if let why = d.validate(value) {
                problems.append("\(d.name) = \(value) (\(source == .environment ? d.environmentName : source.rawValue)): expected \(why)")
            }
            values[d.name] = (value, source)
        }
        if !problems.isEmpty { throw Failure(description: problems.joined(separator: "\n")) }
    }

    func string(_ name: String) -> String? { values[name]?.value }
    func int(_ name: String) -> Int { Int(values[name]!.value)! }  // validated
    func bool(_ name: String) -> Bool { values[name]?.value == "true" }

    /// The effective settings, one per line, with where each came from (`--check-config`).
    var report: String {
        Self.definitions.map { d in
            guard let (value, source) = values[d.name] else { return "\(d.name) (unset)" }
            let shown = d.name == "database" ? Self.redactPassword(value) : value
            return "\(d.name) = \(shown)    # \(source == .environment ? d.environmentName : source.rawValue)\(d.reloadable ? ", reloadable" : "")"
        }.joined(separator: "\n")
    }

    /// Settings whose new value needs a restart, for the reload's warning.
    func changedNeedingRestart(from old: Settings) -> [String] {
        Self.definitions.filter { !$0.reloadable && values[$0.name]?.value != old.values[$0.name]?.value }.map(\.name)
    }

    static func redactPassword(_ conninfo: String) -> String {
        conninfo.replacingOccurrences(of: #"password\s*=\s*\S+"#, with: "password=…", options: .regularExpression)
            .replacingOccurrences(of: #"://([^:/@]+):[^@]+@"#, with: "://$1:…@", options: .regularExpression)
    }

    static func parseTCP(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }

    static func positive(min: Int) -> @Sendable (String) -> String? { { Int($0).map { $0 >= min } == true ? nil : "a whole number of at least \(min)" } }
    static func range(_ r: ClosedRange<Int>) -> @Sendable (String) -> String? { { Int($0).map(r.contains) == true ? nil : "a whole number from \(r.lowerBound) to \(r.upperBound)" } }
}
