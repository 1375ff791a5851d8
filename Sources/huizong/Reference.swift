import ArgumentParser
import Foundation
import HuizongProtocol
import HuizongStore

/// How the CLI reaches a daemon and who it is, in the conventions of psql: flags, else environment
/// variables, else `~/.config/huizong/credentials` (lines `office = CODE` and `token = TOKEN`; refused
/// unless only its owner may read it).
struct ClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Daemon's Unix socket (default: HUIZONG_SOCKET, else huizongd.sock in the data directory).", valueName: "path"))
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
    func connect() throws -> LineClient {
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
            client = try LineClient(host: host, port: port ?? env["HUIZONG_PORT"].flatMap(Int.init) ?? 7330)
        } else {
            client = try LineClient(unixPath: socket ?? env["HUIZONG_SOCKET"] ?? Bootstrap.dataDirectory(nil) + "/huizongd.sock")
        }
        var hello = JSONObjectWriter()
        hello.string("type", "hello")
        hello.string("office", office)
        hello.string("token", token)
        let welcome = try client.request(hello.finish())
        guard welcome.string("type") == "welcome" else { throw CLIError("hello refused: \(welcome.string("message") ?? "")") }
        return client
    }

    static func credentials() throws -> [String: String] {
        let path = FileManager.default.homeDirectoryForCurrentUser.path + "/.config/huizong/credentials"
        var info = stat()
        guard stat(path, &info) == 0 else { return [:] }
        guard info.st_mode & 0o077 == 0 else {
            throw CLIError("\(path) may be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        var out: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, !parts[0].hasPrefix("#") { out[parts[0]] = parts[1] }
        }
        return out
    }

    /// Sends one request and prints the answer: as it came with --json, else through `table`.
    /// Exits 1 when the daemon answered with an error.
    func run(_ request: JSONObjectWriter, table: (JSON) -> Void) throws {
        let client = try connect()
        let answer = try client.request(request.finish())
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

/// One answer line, parsed, with its text kept for --json.
struct Answer {
    let text: String
    let json: JSON
    func string(_ key: String) -> String? { json.member(key)?.text }
}

extension LineClient {
    func request(_ object: [UInt8]) throws -> Answer {
        try send(object + [0x0A])
        guard let line = try readLine() else { throw CLIError("the daemon closed the connection") }
        return Answer(text: String(decoding: line, as: UTF8.self), json: try JSONParser.parse(line))
    }
}

extension JSON {
    func member(_ key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var elements: [JSON] {
        if case .array(let a) = self { return a }
        return []
    }

    /// A scalar as a table shows it ("-" for null).
    var text: String? {
        switch self {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .number(let n), .string(let n): return n
        default: return nil
        }
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

struct IndicatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: "List the indicator catalog, or add an indicator (admin) without a migration or a restart.",
        discussion: "Every daemon on the database knows a new indicator within 5 seconds.",
        subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every indicator the daemon knows.", discussion: "Example: HUIZONG_TOKEN=… huizong indicator list --office 331082")
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "catalog")
            try client.run(w) { answer in
                printTable(["code", "name", "unit", "kind", "part_of", "better", "frequency"], (answer.member("indicators")?.elements ?? []).map { i in
                    ["code", "name", "unit", "kind", "part_of", "better", "frequency"].map { i.member($0)?.text ?? "-" }
                })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an indicator to the catalog (admin offices only).",
            discussion: "Example: huizong indicator add software_it_revenue --name 互联网及软件信息服务业主营业务收入 --unit 亿元 --kind flow --part-of software_revenue --office admin")

        @Argument(help: "Code: lower-case letters, digits and _.") var code: String
        @Option(help: "Chinese name, as the bureau's reports write it.") var name: String
        @Option(help: "Unit (亿元, 万千瓦时, 家, 个, 项 …); 个, 家 and 项 take whole numbers only.") var unit: String
        @Option(help: "flow (year to date), stock (period end) or ratio.") var kind: String
        @Option(help: "The indicator this one is part of (part ≤ whole is checked).") var partOf: String?
        @Option(help: "higher or lower (lower: rank 1 is the smallest, e.g. energy per unit of value added).") var better = "higher"
        @Option(help: "monthly, quarterly (due in 03/06/09/12) or yearly (due in 12).") var frequency = "monthly"
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "add_indicator")
            w.string("code", code)
            w.string("name", name)
            w.string("unit", unit)
            w.string("kind", kind)
            if let partOf { w.string("part_of", partOf) }
            w.string("better", better)
            w.string("frequency", frequency)
            try client.run(w) { answer in
                print("indicator \(answer.member("indicator")?.member("code")?.text ?? code) added; every daemon knows it within 5 seconds")
            }
        }
    }
}

struct RegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region",
        abstract: "List regions, or add one (admin): a functional zone or a new district, without a restart.",
        subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a region and every region under it that the office may read.",
            discussion: "Example: huizong region list 330900 --office 330900")
        @Argument(help: "Region code (default: the office's own region).") var region: String?
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "regions")
            if let region { w.string("region", region) }
            try client.run(w) { answer in
                printTable(["code", "name", "parent", "level", "in_sum"], (answer.member("regions")?.elements ?? []).map { r in
                    ["code", "name", "parent", "level", "in_sum"].map { r.member($0)?.text ?? "-" }
                })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a region under an existing parent (admin offices only).",
            discussion: "Example: huizong region add 330951 --name 舟山经济开发区 --parent 330900 --outside-sum --office admin")

        @Argument(help: "Code: letters and digits, at most 12.") var code: String
        @Option(help: "Chinese name.") var name: String
        @Option(help: "Parent region code.") var parent: String
        @Option(help: "province, city or county (default: one level below the parent).") var level: String?
        @Flag(help: "Its figures overlap its siblings' (a zone across districts): shown and ranked, not added to the parent's sum.")
        var outsideSum = false
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "add_region")
            w.string("code", code)
            w.string("name", name)
            w.string("parent", parent)
            if let level { w.string("level", level) }
            w.bool("in_sum", !outsideSum)
            try client.run(w) { answer in
                print("region \(code) added under \(parent)\(outsideSum ? ", outside its sum" : ""); every daemon knows it within 5 seconds")
            }
        }
    }
}
