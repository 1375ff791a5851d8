import HuizongCore

/// The figure columns every read of `figures` selects, in this order, as text (numeric keeps its
/// written scale that way).
let figureColumns = "f.ytd::text, f.month::text, f.yoy::text, f.value::text, f.num::text, f.den::text"

extension FigureInput {
    /// A figure from the six `figureColumns` of a row, starting at `column`.
    init(indicator: String, row: [String?], from column: Int) {
        let d = { (i: Int) in row[column + i].flatMap { ExactDecimal($0) } }
        self.init(indicator: indicator, ytd: d(0), month: d(1), yoy: d(2), value: d(3), num: d(4), den: d(5))
    }
}
