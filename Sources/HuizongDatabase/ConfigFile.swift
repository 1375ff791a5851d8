import Foundation

/// huizongd's configuration file (`/etc/huizong/huizongd.conf`): `name = value` lines, `#` comment
/// lines, a value optionally in double quotes. The daemon reads every setting from it; the CLI reads
/// where the database and the socket are, so that both agree without repeating them.
public enum ConfigFile {
    public static let defaultPath = "/etc/huizong/huizongd.conf"

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The file to read: the one named (flag, then `HUIZONG_CONFIG`), else the default if it exists.
    /// `named` tells whether it was asked for by name (then it must be readable).
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (path: String, named: Bool)? {
        if let p = explicit ?? environment["HUIZONG_CONFIG"] { return (p, true) }
        return FileManager.default.fileExists(atPath: defaultPath) ? (defaultPath, false) : nil
    }

    /// The settings of the file. With `known`, an unknown name is an error naming its line.
    public static func read(_ path: String, known: Set<String>? = nil) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read the configuration file \(path)")
        }
        var out: [String: String] = [:]
        // Split on the newline byte: a CRLF line is one Character in Swift and would never split.
        for (i, slice) in Array(data).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: slice, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw Failure(description: "\(path):\(i + 1): expected name = value, found \(line)")
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if let known, !known.contains(name) {
                throw Failure(description: "\(path):\(i + 1): unknown setting \(name) (known: \(known.sorted().joined(separator: ", ")))")
            }
            guard out[name] == nil else { throw Failure(description: "\(path):\(i + 1): \(name) is set twice") }
            out[name] = value
        }
        return out
    }

    /// For the CLI: the file's settings, or none when the default file may not be read (it is 0640
    /// root:huizong; a user outside the group simply does not use it). A file named explicitly must
    /// be readable; a file that is read must be well formed.
    public static func settingsForClient(explicit: String?) throws -> [String: String] {
        guard let (path, named) = locate(explicit: explicit) else { return [:] }
        if !named, access(path, R_OK) != 0 { return [:] }
        return try read(path)
    }
}
