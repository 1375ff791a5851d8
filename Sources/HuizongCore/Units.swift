/// Units a reporter may write instead of the catalog's. 亿元 and 万元 differ by 10⁴ and are converted
/// exactly (2186400 万元 becomes 218.6400 亿元, keeping its precision); a currency is never converted
/// (亿美元 to 亿元 would need an exchange rate), so only same-currency pairs are listed.
public enum UnitConversion {
    /// (larger, smaller, power of ten between them)
    static let pairs: [(String, String, Int)] = [
        ("亿元", "万元", 4), ("亿美元", "万美元", 4), ("亿千瓦时", "万千瓦时", 4),
    ]

    /// The figure in `target` units, or nil when `written` cannot be converted to it.
    public static func convert(_ x: ExactDecimal, from written: String, to target: String) -> ExactDecimal? {
        if written == target { return x }
        for (large, small, k) in pairs {
            if written == large && target == small {
                if x.scale >= k { return ExactDecimal(significand: x.significand, scale: x.scale - k) }
                let (m, overflow) = x.significand.multipliedReportingOverflow(by: ExactDecimal.powerOfTen(k - x.scale))
                return overflow ? nil : ExactDecimal(significand: m, scale: 0)
            }
            if written == small && target == large {
                return ExactDecimal(significand: x.significand, scale: x.scale + k)
            }
        }
        return nil
    }

    public static func isConvertible(_ written: String, to target: String) -> Bool {
        convert(.zero, from: written, to: target) != nil
    }
}

extension FigureInput {
    /// The figure with its levels in the catalog's unit (nil when they cannot be converted). Growth
    /// and ratios are unit-free or fixed.
    public func converted(to unit: String) -> FigureInput? {
        guard let written = self.unit, written != unit else { return self }
        guard UnitConversion.isConvertible(written, to: unit) else { return nil }
        var f = self
        func convert(_ x: ExactDecimal?) -> ExactDecimal?? {
            guard let x else { return .some(nil) }
            return UnitConversion.convert(x, from: written, to: unit).map { .some($0) }
        }
        guard let ytd = convert(ytd), let month = convert(month), let value = convert(value),
              let yearEstimate = convert(yearEstimate) else { return nil }
        (f.ytd, f.month, f.value, f.yearEstimate) = (ytd, month, value, yearEstimate)
        f.unit = nil
        return f
    }
}
