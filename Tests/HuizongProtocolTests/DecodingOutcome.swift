import HuizongCore
@testable import HuizongProtocol

/// Every field of a decoding outcome, spelled out one per line as UTF-8: two outcomes are the same
/// when their spellings are byte for byte equal. Bytes, not `String ==`, which would call "é" and
/// "e\u{301}" equal; decimals as significand and scale, since "1.50" is not "1.5" on the wire.
struct DecodingOutcome: Equatable, CustomStringConvertible {
    private(set) var bytes: [UInt8] = []

    init(_ outcome: Result<Envelope, RequestError>) {
        switch outcome {
        case .success(let envelope):
            add("id", envelope.id)
            add(envelope.request)
        case .failure(let error):
            add("error.id", error.id)
            add("error.code", error.code.rawValue)
            add("error.message", error.message)
            for (i, issue) in error.issues.enumerated() {
                add("error.issues[\(i)]", "\(issue.path) | \(issue.code) | \(issue.message)")
            }
        }
    }

    var description: String { String(decoding: bytes, as: UTF8.self) }

    var isFailure: Bool { description.hasPrefix("error.") }

    /// The request type decoded, or the error code.
    var kind: String {
        let lines = description.split(separator: "\n")
        if isFailure { return lines.first { $0.hasPrefix("error.code=") }.map { String($0.dropFirst(11)) } ?? "?" }
        return lines.first { $0.hasPrefix("request=") }.map { String($0.dropFirst(8)) } ?? "?"
    }

    private mutating func add(_ name: String, _ value: String?) {
        bytes += Array(name.utf8) + [UInt8(ascii: "=")]
        if let value { bytes += [UInt8(ascii: "\"")] + Array(value.utf8) + [UInt8(ascii: "\"")] } else { bytes += Array("nil".utf8) }
        bytes.append(0x0A)
    }

    private mutating func add(_ name: String, _ value: ExactDecimal?) {
        add(name, value.map { "\($0.significand)e-\($0.scale)" })
    }

    private mutating func add(_ name: String, _ value: Period?) {
        add(name, value.map { "\($0.year)/\($0.month)" })
    }

    private mutating func add(_ name: String, _ value: Bool) { add(name, String(value)) }

    private mutating func add(_ request: Request) {
        switch request {
        case .hello(let office, let token):
            add("request", "hello"); add("office", office); add("token", token)
        case .ping:
            add("request", "ping")
        case .submit(let s, let dryRun):
            add("request", "submit"); add("dryRun", dryRun)
            add("key", s.key); add("region", s.region); add("period", s.period); add("revision", String(s.revision))
            add("figures.count", String(s.figures.count))
            for (i, f) in s.figures.enumerated() {
                let p = "figures[\(i)]."
                add(p + "indicator", f.indicator)
                add(p + "ytd", f.ytd); add(p + "month", f.month); add(p + "yoy", f.yoy)
                add(p + "value", f.value); add(p + "num", f.num); add(p + "den", f.den)
                add(p + "note", f.note); add(p + "unit", f.unit); add(p + "estimate", f.estimate); add(p + "year_estimate", f.yearEstimate)
            }
        case .query(let q):
            add("request", "query"); add("region", q.region); add("period", q.period)
            add("indicator", q.indicator); add("children", q.children); add("group", q.group)
        case .conflicts(let region, let period):
            add("request", "conflicts"); add("region", region); add("period", period)
        case .resolve(let r):
            add("request", "resolve"); add("conflict", String(r.conflict)); add("action", r.action.rawValue); add("note", r.note)
        case .subscribe(let region, let since, let indicator):
            add("request", "subscribe"); add("region", region); add("since", since.map { String($0) }); add("indicator", indicator)
        case .lock(let region, let period, let locked):
            add("request", "lock"); add("region", region); add("period", period); add("locked", locked)
        case .target(let t):
            add("request", "target"); add("region", t.region); add("year", String(t.year)); add("indicator", t.indicator)
            add("level", t.targets.level); add("growth", t.targets.growth); add("share", t.targets.share)
            add("shareOf", t.targets.shareOf)
        case .completeness(let region, let period, let indicator):
            add("request", "completeness"); add("region", region); add("period", period); add("indicator", indicator)
        case .catalog:
            add("request", "catalog")
        case .regions(let region):
            add("request", "regions"); add("region", region)
        case .addIndicator(let n):
            let i = n.indicator
            add("request", "add_indicator"); add("code", i.code); add("name", i.name); add("unit", i.unit)
            add("kind", i.kind.rawValue); add("comparableGrowth", i.comparableGrowth); add("better", i.better.rawValue)
            add("frequency", i.frequency.rawValue); add("partOf", n.partOf)
        case .addAlias(let indicator, let alias):
            add("request", "add_alias"); add("indicator", indicator); add("alias", alias)
        case .addRegion(let r):
            add("request", "add_region"); add("code", r.code); add("name", r.name); add("parent", r.parent)
            add("level", r.level?.rawValue); add("inSum", r.inSum)
        case .review(let region, let period, let action, let note):
            add("request", "review"); add("region", region); add("period", period.description); add("action", action.rawValue); add("note", note)
        case .reviews(let region, let period):
            add("request", "reviews"); add("region", region); add("period", period.description)
        case .addGroup(let g):
            add("request", "add_group"); add("code", g.code); add("name", g.name); add("members", g.members.joined(separator: ","))
        case .groups:
            add("request", "groups")
        case .outliers(let region, let period):
            add("request", "outliers"); add("region", region); add("period", period.description)
        case .bounds(let key, let min, let max):
            add("request", "bounds"); add("region", key.region); add("indicator", key.indicator); add("field", key.field.rawValue)
            add("min", min.map { $0.map { "\($0)" } ?? "null" }); add("max", max.map { $0.map { "\($0)" } ?? "null" })
        }
    }
}
