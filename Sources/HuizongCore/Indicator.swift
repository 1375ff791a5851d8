/// How an indicator is reported and consolidated (PROTOCOL.md, "Regions, indicators, periods").
public enum IndicatorKind: String, Sendable, CaseIterable {
    /// Reported year-to-date as `ytd` (optionally with the current `month`); summed over regions.
    case flow
    /// Reported as `value` at period end (e.g. number of firms); summed over regions.
    case stock
    /// Reported as `num` / `den` (e.g. 亩均税收 = tax / land); consolidated as Σnum / Σden, never summed.
    case ratio
}

public struct Indicator: Sendable, Hashable {
    public let code: String
    /// The Chinese name a county clerk knows, used in every message about this indicator.
    public let name: String
    public let unit: String
    public let kind: IndicatorKind
    /// True when `yoy` is at comparable prices (规上工业增加值): it cannot be checked against nominal levels.
    public let comparableGrowth: Bool

    public init(code: String, name: String, unit: String, kind: IndicatorKind, comparableGrowth: Bool = false) {
        self.code = code
        self.name = name
        self.unit = unit
        self.kind = kind
        self.comparableGrowth = comparableGrowth
    }
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
}
