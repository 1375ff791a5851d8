/// Codes and Chinese names of the catalog and of the regions an office may see, as the daemon's
/// `catalog` and `regions` answers list them: a cell may hold either.
public struct Names: Sendable {
    var indicatorByCode: [String: String] = [:]
    var indicatorByName: [String: [String]] = [:]
    var regionByCode: [String: String] = [:]
    var regionByName: [String: [String]] = [:]

    /// `regions` with their parents: a name two regions share (普陀区 of Shanghai and of Zhoushan) is
    /// also known with its parent's name before it (舟山市普陀区), as people tell them apart.
    public init(indicators: [(code: String, name: String)], regions: [(code: String, name: String, parent: String?)]) {
        for (code, name) in indicators {
            indicatorByCode[code] = name
            indicatorByName[Self.key(name), default: []].append(code)
        }
        for (code, name, _) in regions {
            regionByCode[code] = name
            regionByName[Self.key(name), default: []].append(code)
        }
        for (code, name, parent) in regions {
            if let parent, let parentName = regionByCode[parent] { regionByName[Self.key(parentName + name), default: []].append(code) }
        }
    }

    /// Names compare without spaces and with full-width parentheses as ASCII ones.
    static func key(_ name: String) -> String {
        String(name.trimmingSpaces.compactMap { c -> Character? in
            switch c {
            case " ", "　": return nil
            case "（": return "("
            case "）": return ")"
            default: return c
            }
        })
    }

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
}
