import HuizongCore

/// The "national year" workload of DESIGN.md, generated deterministically from a seed: every county
/// of the reference data reports twelve months of the twenty v1 indicators of the catalog, year to date; every
/// city and province reports its own figures, equal to the sum of its parts as written.
///
/// Figures are plausible rather than real: each county gets a size, each indicator a share of it,
/// months grow the year-to-date totals, and parts stay below their wholes, so that every submission
/// passes validation.
public struct NationalYear: Sendable {
    public let year: Int
    /// In submission order: all counties (each region's months in order), then cities, then provinces.
    public let submissions: [Submission]

    public var figureCount: Int { submissions.reduce(0) { $0 + $1.figures.count } }

    /// The twenty indicators of the catalog before v1.1 (migration 0002): the workload stays the
    /// one every run in BENCHMARKS.md measured, whatever is added to the catalog since.
    public static let indicatorCodes: Set<String> = [
        "ind_value_added", "ind_output", "ship_output", "industrial_investment", "mfg_investment", "tech_investment",
        "digital_core_revenue", "exports", "retail_sales", "industrial_power", "burden_reduction", "new_5g_stations",
        "above_scale_firms", "tax_per_mu", "export_delivery", "new_product_output", "high_tech_value_added", "rd_expense",
        "ind_revenue", "value_added_per_mu",
    ]

    public init(regions: RegionTree, catalog: Catalog, year: Int = 2023, seed: UInt64 = 20_231_130, limit: Int? = nil) {
        self.year = year
        var random = SplitMix64(seed: seed)
        let indicators = catalog.indicators.values.filter { Self.indicatorCodes.contains($0.code) }.sorted { $0.code < $1.code }
        let counties = regions.regions.values.filter { $0.level == .county }.map(\.code).sorted()
        let chosen = limit.map { Array(counties.prefix($0)) } ?? counties

        // County figures, month by month; remember each region's levels to sum parents from them.
        var levels: [String: [Int: [String: FigureInput]]] = [:]  // region → month → indicator → figure
        var out: [Submission] = []
        out.reserveCapacity(chosen.count * 12)
        for county in chosen {
            let size = 5 + random.next(below: 400)  // 亿元 of output per month, roughly
            var ytd: [String: Int128] = [:]  // in hundredths
            for month in 1...12 {
                var figures: [FigureInput] = []
                for ind in indicators {
                    switch ind.kind {
                    case .flow:
                        let m = Self.monthlyHundredths(ind.code, size: size, random: &random)
                        ytd[ind.code, default: 0] += m
                        let scale = ind.unit == "个" ? 0 : 2  // counts are whole numbers
                        let unit = ExactDecimal.powerOfTen(2 - scale)
                        figures.append(FigureInput(indicator: ind.code,
                                                   ytd: ExactDecimal(significand: ytd[ind.code]! / unit, scale: scale),
                                                   month: ExactDecimal(significand: m / unit, scale: scale),
                                                   yoy: ExactDecimal(significand: Int128(random.next(below: 300)) - 80, scale: 1)))
                    case .stock:
                        figures.append(FigureInput(indicator: ind.code, value: ExactDecimal(Int(size) / 2 + 10 + month)))
                    case .ratio:
                        let den = Int128(2_000 + random.next(below: 20_000))           // 亩
                        let num = den * Int128(20 + random.next(below: 60))            // 万元
                        figures.append(FigureInput(indicator: ind.code, num: ExactDecimal(significand: num, scale: 0),
                                                   den: ExactDecimal(significand: den, scale: 0)))
                    }
                }
                levels[county, default: [:]][month] = Dictionary(uniqueKeysWithValues: figures.map { ($0.indicator, $0) })
                out.append(Submission(key: "\(county)-\(Period(year: year, month: month)!)-r1", region: county,
                                      period: Period(year: year, month: month)!, revision: 1, figures: figures))
            }
        }

        // Cities, then provinces: their own figures are the sums of their parts as reported.
        for level in [RegionLevel.city, .province] {
            let parents = regions.regions.values.filter { $0.level == level }.map(\.code).sorted()
            for parent in parents {
                let kids = (regions.children[parent] ?? []).filter { levels[$0] != nil }
                guard !kids.isEmpty else { continue }
                for month in 1...12 {
                    var figures: [FigureInput] = []
                    for ind in indicators {
                        let parts = kids.compactMap { levels[$0]?[month]?[ind.code] }
                        var f = FigureInput(indicator: ind.code)
                        switch ind.kind {
                        case .flow:
                            f.ytd = parts.compactMap(\.ytd).reduce(ExactDecimal.zero, +)
                            f.month = parts.compactMap(\.month).reduce(ExactDecimal.zero, +)
                        case .stock:
                            f.value = parts.compactMap(\.value).reduce(ExactDecimal.zero, +)
                        case .ratio:
                            f.num = parts.compactMap(\.num).reduce(ExactDecimal.zero, +)
                            f.den = parts.compactMap(\.den).reduce(ExactDecimal.zero, +)
                        }
                        figures.append(f)
                    }
                    levels[parent, default: [:]][month] = Dictionary(uniqueKeysWithValues: figures.map { ($0.indicator, $0) })
                    out.append(Submission(key: "\(parent)-\(Period(year: year, month: month)!)-r1", region: parent,
                                          period: Period(year: year, month: month)!, revision: 1, figures: figures))
                }
            }
        }
        submissions = out
    }

    /// One month's amount of a flow, in hundredths. Shares are chosen so that every part stays below
    /// its whole (ship_output ≤ ind_output, mfg_investment ≤ industrial_investment, …) month by month,
    /// hence year to date too; the noise is under 1 % of the county's size.
    private static func monthlyHundredths(_ code: String, size: UInt64, random: inout SplitMix64) -> Int128 {
        let base = Int128(size) * 100
        func share(_ percent: UInt64) -> Int128 { base * Int128(percent) / 100 + Int128(random.next(below: UInt64(max(1, base / 100)))) }
        switch code {
        case "ind_output", "ind_revenue": return base * 4 + Int128(random.next(below: 1_000))
        case "ind_value_added": return share(20 + random.next(below: 60))
        case "ship_output", "export_delivery", "new_product_output": return share(1 + random.next(below: 80))
        case "high_tech_value_added": return share(2 + random.next(below: 15))
        case "industrial_investment": return share(30 + random.next(below: 30))
        case "mfg_investment", "tech_investment": return share(2 + random.next(below: 25))
        case "industrial_power": return base * 50 + Int128(random.next(below: 10_000))
        case "new_5g_stations": return Int128(random.next(below: 50)) * 100
        default: return share(1 + random.next(below: 30))
        }
    }
}

/// A small, fast, deterministic generator (Steele, Lea, Flood 2014): the same seed gives the same
/// workload on every machine.
public struct SplitMix64: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next(below bound: UInt64) -> UInt64 { next() % bound }
}
