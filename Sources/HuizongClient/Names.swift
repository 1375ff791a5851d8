import HuizongCore
import HuizongProtocol

/// Codes and Chinese names of the catalog and of the regions an office may see, as the daemon's
/// `catalog` and `regions` answers list them: a cell may hold either.
public struct Names: Sendable {
    var indicatorByCode: [String: String] = [:]
    var indicatorByName: [String: [String]] = [:]
    var regionByCode: [String: String] = [:]
    var regionByName: [String: [String]] = [:]

    /// `regions` with their parents: a name two regions share (普陀区 of Shanghai and of Zhoushan) is
    /// also known with its parent's name before it (舟山市普陀区), as people tell them apart.
    /// `aliases`: other names of indicators by code (the catalog's `aliases`), read as the indicator.
    public init(indicators: [(code: String, name: String)], regions: [(code: String, name: String, parent: String?)],
                aliases: [String: [String]] = [:]) {
        for (code, name) in indicators {
            indicatorByCode[code] = name
            indicatorByName[Self.key(name), default: []].append(code)
        }
        for (code, names) in aliases where indicatorByCode[code] != nil {
            for alias in names where !(indicatorByName[Self.key(alias)] ?? []).contains(code) {
                indicatorByName[Self.key(alias), default: []].append(code)
            }
        }
        for (code, name, _) in regions {
            regionByCode[code] = name
            regionByName[Self.key(name), default: []].append(code)
        }
        for (code, name, parent) in regions {
            if let parent, let parentName = regionByCode[parent] { regionByName[Self.key(parentName + name), default: []].append(code) }
        }
    }

    /// Names compare as the daemon compares them (`Indicator.nameKey`: no spaces, ASCII parentheses).
    static func key(_ name: String) -> String { Indicator.nameKey(name.trimmingSpaces) }

    /// The code a cell names: a code as it is (the daemon judges unknown ones), else a unique name.
    public func region(_ text: String) -> String? {
        if regionByCode[text] != nil { return text }
        let codes = regionCodes(named: text)
        if codes.count == 1 { return codes[0] }
        // A code the office cannot list (a county sees only itself) goes to the daemon as written.
        return codes.isEmpty && !text.isEmpty && text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? text : nil
    }

    public func regionCodes(named text: String) -> [String] { regionByName[Self.key(text)] ?? [] }

    public func indicator(_ text: String) -> String? {
        if indicatorByCode[text] != nil { return text }
        if let codes = indicatorByName[Self.key(text)], codes.count == 1 { return codes[0] }
        return nil
    }

    public func indicatorCodes(named text: String) -> [String] { indicatorByName[Self.key(text)] ?? [] }

    /// The catalog's and the regions' names from the daemon's `catalog` and `regions` answers.
    public init(catalog: JSON, regions: JSON) {
        func listing(_ json: JSON, _ member: String) -> [(code: String, name: String, parent: String?)] {
            (json.member(member)?.elements ?? []).compactMap { o in
                guard let code = o.member("code")?.text, let name = o.member("name")?.text else { return nil }
                return (code, name, o.member("parent")?.text)
            }
        }
        var aliases: [String: [String]] = [:]
        for i in catalog.member("indicators")?.elements ?? [] {
            if let code = i.member("code")?.text { aliases[code] = i.member("aliases")?.elements.compactMap(\.text) }
        }
        self.init(indicators: listing(catalog, "indicators").map { ($0.code, $0.name) }, regions: listing(regions, "regions"),
                  aliases: aliases.compactMapValues { $0 })
    }

    /// The catalog name nearest to one it does not know (规上工业总产量 → 规上工业总产值; 外贸出口 →
    /// 外贸出口总额): fewest edits over names and aliases, within a third of the name's length, or a
    /// name containing it or contained in it. Nil unless one indicator is clearly nearest: every
    /// other at least two edits further (规上工业 is in too many names to guess).
    public func nearestIndicator(to text: String) -> String? {
        let wanted = Array(Self.key(text))
        // Nothing is near a text longer than every name (and the cost stays in proportion to the names).
        guard !wanted.isEmpty, wanted.count <= 128 else { return nil }
        var nearest: [String: Int] = [:]  // by code, over its name and aliases
        for (name, codes) in indicatorByName {
            let candidate = Array(name)
            let contains = candidate.count >= 2 && wanted.count >= 2
                && (String(candidate).contains(String(wanted)) || String(wanted).contains(String(candidate)))
            let d = contains ? abs(candidate.count - wanted.count) : Self.editDistance(wanted, candidate)
            guard contains || d <= max(1, min(wanted.count, candidate.count) / 3) else { continue }
            for code in codes { nearest[code] = min(nearest[code] ?? .max, d) }
        }
        let ranked = nearest.sorted { $0.value < $1.value }
        guard let first = ranked.first, ranked.count == 1 || ranked[1].value > first.value + 1 else { return nil }
        return indicatorByCode[first.key]
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var previous = row[0]
            row[0] = i + 1
            for (j, y) in b.enumerated() {
                let substitute = previous + (x == y ? 0 : 1)
                previous = row[j + 1]
                row[j + 1] = min(substitute, row[j] + 1, row[j + 1] + 1)
            }
        }
        return row[b.count]
    }
}
