/// How an indicator is reported and consolidated (PROTOCOL.md, "Regions, indicators, periods").
public enum IndicatorKind: String, Sendable, CaseIterable {
    /// Reported year-to-date as `ytd` (optionally with the current `month`); summed over regions.
    case flow
    /// Reported as `value` at period end (e.g. number of firms); summed over regions.
    case stock
    /// Reported as `num` / `den` (e.g. 亩均税收 = tax / land); consolidated as Σnum / Σden, never summed.
    case ratio
}

/// Which way is good news: for `lower` (energy used per unit of value added) rank 1 is the smallest
/// value and the lowest growth.
public enum Better: String, Sendable, CaseIterable { case higher, lower }

/// When an indicator is due: monthly, quarterly (in 03, 06, 09, 12) or yearly (in 12).
public enum Frequency: String, Sendable, CaseIterable {
    case monthly, quarterly, yearly

    public func isDue(in month: Int) -> Bool {
        switch self {
        case .monthly: true
        case .quarterly: month % 3 == 0
        case .yearly: month == 12
        }
    }

    /// As a clerk reads it: 按月 / 按季 / 按年.
    public var label: String {
        switch self {
        case .monthly: "按月"
        case .quarterly: "按季（3、6、9、12月）"
        case .yearly: "按年（12月）"
        }
    }
}

public struct Indicator: Sendable, Hashable {
    public let code: String
    /// The Chinese name a county clerk knows, used in every message about this indicator.
    public let name: String
    public let unit: String
    public let kind: IndicatorKind
    /// True when `yoy` is at comparable prices (规上工业增加值): it cannot be checked against nominal levels.
    public let comparableGrowth: Bool
    public let better: Better
    public let frequency: Frequency
    /// Other names the bureaus' tables use for it (规上工业产值): read as this indicator by clients.
    public let aliases: [String]

    public init(code: String, name: String, unit: String, kind: IndicatorKind, comparableGrowth: Bool = false,
                better: Better = .higher, frequency: Frequency = .monthly, aliases: [String] = []) {
        self.code = code
        self.name = name
        self.unit = unit
        self.kind = kind
        self.comparableGrowth = comparableGrowth
        self.better = better
        self.frequency = frequency
        self.aliases = aliases
    }

    /// How names compare: without spaces (ASCII and full-width) and with full-width parentheses as
    /// ASCII ones. Clients read names this way, so two names equal here name one indicator.
    public static func nameKey(_ name: String) -> String {
        String(name.compactMap { c -> Character? in
            switch c {
            case " ", "　", "\t": return nil
            case "（": return "("
            case "）": return ")"
            default: return c
            }
        })
    }

    /// Units that count things take whole numbers only (PROTOCOL.md v1.1, `not_integer`).
    public static let countUnits: Set<String> = ["个", "家", "项"]
    public var countsThings: Bool { Self.countUnits.contains(unit) }
}

/// The indicator catalog, loaded from the database's reference data. `parts` holds the data-driven
/// part-of relations ("ship_output ≤ ind_output") that validation checks.
public struct Catalog: Sendable {
    public let indicators: [String: Indicator]
    public let parts: [PartOf]

    public struct PartOf: Sendable, Hashable {
        public let part: String
        public let whole: String
        public init(part: String, whole: String) { self.part = part; self.whole = whole }
    }

    public init(indicators: [Indicator], parts: [PartOf] = []) {
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.parts = parts
    }

    public subscript(code: String) -> Indicator? { indicators[code] }

    /// The whole an indicator is part of (the first, if the reference data gives several).
    public func whole(of code: String) -> String? { parts.filter { $0.part == code }.map(\.whole).min() }
}
