import ArgumentParser
import Foundation
import HuizongDatabase
import HuizongClient
import HuizongProtocol
import HuizongStore

/// How the CLI reaches a daemon and who it is, in the conventions of psql: flags, else environment
/// variables, else `~/.config/huizong/credentials` (lines `office = CODE` and `token = TOKEN`; refused
/// unless only its owner may read it).
struct ClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Daemon's Unix socket (default: HUIZONG_SOCKET, else the daemon's configuration file's unix-socket, else huizongd.sock in the data directory).", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Daemon's TCP host, instead of the socket (default: HUIZONG_HOST).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("Daemon's TCP port (default: HUIZONG_PORT, else 7330).", valueName: "port"))
    var port: Int?

    @Option(help: ArgumentHelp("Office code to say hello as (default: HUIZONG_OFFICE, else the credentials file).", valueName: "code"))
    var office: String?

    @Option(help: ArgumentHelp("File holding the office's token (default: HUIZONG_TOKEN, else the credentials file).", valueName: "path"))
    var tokenFile: String?

    @Flag(help: "Print the daemon's answer as it came (one JSON line).")
    var json = false

    /// Connects and says hello; throws with the daemon's message when refused.
    func connect(readTimeout: Int = LineClient.defaultReadTimeout) throws -> LineClient {
        let env = ProcessInfo.processInfo.environment
        let stored = try Self.credentials()
        guard let office = office ?? env["HUIZONG_OFFICE"] ?? stored["office"] else {
            throw ValidationError("no office: give --office, set HUIZONG_OFFICE, or write office = CODE in ~/.config/huizong/credentials")
        }
        let token: String
        if let path = tokenFile ?? env["HUIZONG_TOKEN_FILE"] {
            token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let t = env["HUIZONG_TOKEN"] ?? stored["token"] {
            token = t
        } else {
            throw ValidationError("no token: set HUIZONG_TOKEN, give --token-file, or write token = … in ~/.config/huizong/credentials")
        }
        let client: LineClient
        if let host = host ?? env["HUIZONG_HOST"] {
            client = try LineClient(host: host, port: port ?? env["HUIZONG_PORT"].flatMap(Int.init) ?? 7330, readTimeout: readTimeout)
        } else {
            client = try LineClient(unixPath: try socketPath(env), readTimeout: readTimeout)
        }
        var hello = JSONObjectWriter()
        hello.string("type", "hello")
        hello.string("office", office)
        hello.string("token", token)
        let welcome = try client.request(hello.finish())
        guard welcome.string("type") == "welcome" else { throw CLIError("hello refused: \(welcome.string("message") ?? "")") }
        return client
    }

    /// --socket, HUIZONG_SOCKET, else where the daemon's configuration puts it (unix-socket, or
    /// huizongd.sock in its data-dir), else huizongd.sock in the default data directory.
    func socketPath(_ env: [String: String]) throws -> String {
        if let path = socket ?? env["HUIZONG_SOCKET"] ?? env["HUIZONG_UNIX_SOCKET"] { return path }
        let file = try ConfigFile.settingsForClient(explicit: nil)
        if let path = file["unix-socket"], !path.isEmpty { return path }
        return Bootstrap.dataDirectory(env["HUIZONG_DATA_DIR"] ?? file["data-dir"]) + "/huizongd.sock"
    }

    static func credentials() throws -> [String: String] {
        let path = FileManager.default.homeDirectoryForCurrentUser.path + "/.config/huizong/credentials"
        var info = stat()
        guard stat(path, &info) == 0 else { return [:] }
        guard info.st_mode & 0o077 == 0 else {
            throw CLIError("\(path) may be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        var out: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, !parts[0].hasPrefix("#") { out[parts[0]] = parts[1] }
        }
        return out
    }

    /// Sends one request and prints the answer: as it came with --json, else through `table`.
    /// Exits 1 when the daemon answered with an error.
    func run(_ request: JSONObjectWriter, table: (JSON) -> Void) throws {
        try show(try connect().request(request.finish()), table: table)
    }

    /// Prints an answer as `run` does.
    func show(_ answer: Answer, table: (JSON) -> Void) throws {
        if json {
            print(answer.text)
        } else if answer.string("type") == "error" {
            FileHandle.standardError.write(Data("\(answer.string("code") ?? "error"): \(answer.string("message") ?? "")\n".utf8))
        } else {
            table(answer.json)
        }
        if answer.string("type") == "error" { throw ExitCode(1) }
    }
}

extension LineClient {
    /// The `code`, `name` and `parent` of each object of a `catalog` or `regions` answer.
    func listing(_ type: String, _ member: String, region: String? = nil) throws -> [(code: String, name: String, parent: String?)] {
        var w = JSONObjectWriter()
        w.string("type", type)
        if let region { w.string("region", region) }
        let answer = try request(w.finish())
        guard answer.string("type") == type else { throw CLIError("\(type): \(answer.string("message") ?? answer.text)") }
        return (answer.json.member(member)?.elements ?? []).compactMap { o in
            guard let code = o.member("code")?.text, let name = o.member("name")?.text else { return nil }
            return (code, name, o.member("parent")?.text)
        }
    }

    /// Code → Chinese name of the indicator catalog, or of the region and the regions under it.
    func indicatorNames() throws -> [String: String] { Self.byCode(try listing("catalog", "indicators")) }
    func regionNames(under region: String) throws -> [String: String] { Self.byCode(try listing("regions", "regions", region: region)) }
    private static func byCode(_ list: [(code: String, name: String, parent: String?)]) -> [String: String] {
        Dictionary(list.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func request(_ object: [UInt8]) throws -> Answer {
        try send(object + [0x0A])
        guard let line = try readLine() else { throw CLIError("the daemon closed the connection") }
        return Answer(text: String(decoding: line, as: UTF8.self), json: try JSONParser.parse(line))
    }
}

/// Columns padded to their display width: a 汉字 takes two columns of a terminal.
func printTable(_ header: [String], _ rows: [[String]]) {
    func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && ($1.value <= 0x115F || (0x2E80...0xA4CF).contains($1.value)
            || (0xAC00...0xD7A3).contains($1.value) || (0xF900...0xFAFF).contains($1.value) || (0xFE30...0xFE4F).contains($1.value)
            || (0xFF00...0xFF60).contains($1.value) || (0xFFE0...0xFFE6).contains($1.value))) ? 2 : 1) }
    }
    let all = [header] + rows
    let widths = header.indices.map { i in all.map { width($0[i]) }.max() ?? 0 }
    for row in all {
        print(row.indices.map { i in i == row.count - 1 ? row[i] : row[i] + String(repeating: " ", count: widths[i] - width(row[i]) + 2) }
            .joined())
    }
}

/// Each object of a list as a row of `columns` (a member of the same name; "-" where null).
func printObjects(_ list: JSON?, columns: [String]) {
    printTable(columns, (list?.elements ?? []).map { object in
        columns.map { column in
            guard let value = object.member(column) else { return "-" }
            if case .array(let items) = value { return items.isEmpty ? "-" : items.compactMap(\.text).joined(separator: "、") }
            return value.text ?? "-"
        }
    })
}

