/// An exact decimal number: `significand × 10^(−scale)`.
///
/// The scale is the number of decimals *as written*: "218.640" keeps three, because the precision a
/// county reported sets the rounding tolerance of every check made on it. Binary floating point never
/// touches a figure: 0.1 + 0.2 is exactly 0.3 here.
///
/// What a reporter may write is bounded (`Limits.reported`: 18 digits before the point, 12 after,
/// checked once the figure is in the catalog's unit), so that sums of a million figures stay exact
/// inside `Int128` (about 38 digits). What the daemon derives may carry more decimals (half a unit
/// of a 12-decimal figure has 13) and is read back with `Limits.stored`: whatever is written must
/// read back.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let significand: Int128
    public let scale: Int

    /// How many digits a parsed number may have before and after the point.
    public struct Limits: Sendable, Hashable {
        public var integerDigits: Int
        public var scale: Int

        /// A figure as stored and consolidated, in the catalog's unit.
        public static let reported = Limits(integerDigits: 18, scale: 12)
        /// A number on the wire, before conversion to the catalog's unit (万元 → 亿元 adds four
        /// decimals, 亿 → 万 four integer digits): wide enough to convert and then say precisely
        /// what is out of bounds, narrow enough that conversion cannot overflow.
        public static let wire = Limits(integerDigits: 22, scale: 16)
        /// Anything the daemon writes to PostgreSQL (tolerances, implied prior levels, sums).
        public static let stored = Limits(integerDigits: 38, scale: 38)
    }

    public static let maxScale = Limits.reported.scale
    public static let maxIntegerDigits = Limits.reported.integerDigits
    /// Significant digits an `Int128` always holds.
    static let maxDigits = 38
    /// The longest text read as a number: 38 digits with a sign, a point and an exponent fit; a
    /// literal of a million zeros is refused before it is looked at.
    public static let maxTextLength = 64
    public static let zero = ExactDecimal(significand: 0, scale: 0)

    public init(significand: Int128, scale: Int) {
        precondition(scale >= 0, "negative scale")
        self.significand = significand
        self.scale = scale
    }

    public init(_ value: Int) {
        self.init(significand: Int128(value), scale: 0)
    }

    /// Parses the JSON number grammar (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`); leading zeros such as
    /// "007" are accepted too, since clerks type them. Returns nil for anything else or beyond `limits`.
    public init?(_ text: some StringProtocol, limits: Limits = .reported) {
        guard text.utf8.count <= Self.maxTextLength, let parsed = Self.parse(Array(text.utf8), limits: limits) else { return nil }
        self = parsed
    }

    /// A number as PostgreSQL returns it from a column the daemon wrote.
    public init?(stored text: some StringProtocol) {
        self.init(text, limits: .stored)
    }

    /// One pass over at most `maxTextLength` bytes.
    public static func parse(_ bytes: [UInt8], limits: Limits = .reported) -> ExactDecimal? {
        guard bytes.count <= maxTextLength else { return nil }
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let intStart = i
        while i < n, isDigit(bytes[i]) { i += 1 }
        let intEnd = i
        guard intEnd > intStart else { return nil }
        var fracStart = i, fracEnd = i
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < n, isDigit(bytes[i]) { i += 1 }
            fracEnd = i
            guard fracEnd > fracStart else { return nil }
        }
        var exponent = 0
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                expNegative = bytes[i] == UInt8(ascii: "-"); i += 1
            }
            let expStart = i
            while i < n, isDigit(bytes[i]) {
                exponent = exponent * 10 + Int(bytes[i] &- 48)
                guard exponent < 10_000 else { return nil }
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }

        // value = digits × 10^(exponent − fractionDigits), digits = integer part then fraction part
        let fractionDigits = fracEnd - fracStart
        let shift = exponent - fractionDigits
        let scale = max(0, -shift)
        let trailingZeros = max(0, shift)
        // Leading zeros carry nothing: skip them by index, into the fraction when the integer part
        // is zero ("0.0005" has one significant digit), keeping one digit for zero itself.
        var first = intStart
        while first < intEnd - 1, bytes[first] == UInt8(ascii: "0") { first += 1 }
        if bytes[first] == UInt8(ascii: "0"), fracEnd > fracStart {
            first = fracStart
            while first < fracEnd - 1, bytes[first] == UInt8(ascii: "0") { first += 1 }
        }
        let significant = (first < intEnd ? intEnd - first + fractionDigits : fracEnd - first) + trailingZeros
        guard scale <= limits.scale, significant - scale <= limits.integerDigits, significant <= maxDigits else {
            // "0.0000000000001" has too many decimals; "1e30" too many digits.
            return nil
        }
        var value: Int128 = 0
        for k in first..<max(first, intEnd) { value = value * 10 + Int128(bytes[k] &- 48) }
        for k in max(first, fracStart)..<fracEnd { value = value * 10 + Int128(bytes[k] &- 48) }
        for _ in 0..<trailingZeros { value *= 10 }
        return ExactDecimal(significand: negative ? -value : value, scale: scale)
    }

    /// True when the value fits `limits` as written (digits before the point, decimals).
    public func fits(_ limits: Limits) -> Bool {
        guard scale <= limits.scale else { return false }
        let digits = String(significand.magnitude).count
        return digits - scale <= limits.integerDigits
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    // MARK: Arithmetic, always exact

    /// The same value written with `scale` decimals; the scale may only grow (no rounding here).
    public func rescaled(to newScale: Int) -> ExactDecimal {
        precondition(newScale >= scale, "rescaling down would round")
        return ExactDecimal(significand: significand * Self.powerOfTen(newScale - scale), scale: newScale)
    }

    public static func + (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        let s = max(a.scale, b.scale)
        return ExactDecimal(significand: a.rescaled(to: s).significand + b.rescaled(to: s).significand, scale: s)
    }

    public static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        let s = max(a.scale, b.scale)
        return ExactDecimal(significand: a.rescaled(to: s).significand - b.rescaled(to: s).significand, scale: s)
    }

    public static prefix func - (a: ExactDecimal) -> ExactDecimal {
        ExactDecimal(significand: -a.significand, scale: a.scale)
    }

    public var magnitude: ExactDecimal { ExactDecimal(significand: significand < 0 ? -significand : significand, scale: scale) }
    public var isNegative: Bool { significand < 0 }
    public var isZero: Bool { significand == 0 }
    /// No fraction: "3" and "3.0" are whole, "3.5" is not.
    public var isWholeNumber: Bool { scale == 0 || significand % Self.powerOfTen(scale) == 0 }

    /// Half a unit in the last written place: the rounding error a figure written with this many
    /// decimals can carry (½·10^(−d) in PROTOCOL.md).
    public var halfUnit: ExactDecimal { ExactDecimal(significand: 5, scale: scale + 1) }

    /// `self / divisor` rounded half away from zero to `resultScale` decimals.
    /// Nil when dividing by zero or when the intermediate value would leave Int128.
    public func divided(by divisor: ExactDecimal, scale resultScale: Int) -> ExactDecimal? {
        guard !divisor.isZero else { return nil }
        // self/divisor = (a·10^-sa)/(b·10^-sb); result significand = a·10^(rs+sb−sa) / b
        let exponent = resultScale + divisor.scale - scale
        var numerator = significand
        var denominator = divisor.significand
        if exponent >= 0 {
            guard let p = Self.checkedPowerOfTen(exponent) else { return nil }
            let (m, overflow) = numerator.multipliedReportingOverflow(by: p)
            guard !overflow else { return nil }
            numerator = m
        } else {
            guard let p = Self.checkedPowerOfTen(-exponent) else { return nil }
            let (m, overflow) = denominator.multipliedReportingOverflow(by: p)
            guard !overflow else { return nil }
            denominator = m
        }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator < 0 ? -numerator : numerator
        let d = denominator < 0 ? -denominator : denominator
        var q = n / d
        let r = n % d
        if r * 2 >= d { q += 1 }
        return ExactDecimal(significand: negative ? -q : q, scale: resultScale)
    }

    /// The same value with trailing zeros after the point removed ("48.30" → "48.3").
    public var trimmed: ExactDecimal {
        var sig = significand
        var sc = scale
        while sc > 0, sig % 10 == 0 { sig /= 10; sc -= 1 }
        return ExactDecimal(significand: sig, scale: sc)
    }

    /// num/den exactly when it terminates within `maxScale` decimals ("96600"/"2000" → "48.3"),
    /// else rounded to `fallbackScale` decimals.
    public static func ratio(_ num: ExactDecimal, _ den: ExactDecimal, fallbackScale: Int = 4) -> ExactDecimal? {
        guard let q = num.divided(by: den, scale: maxScale) else { return nil }
        let t = q.trimmed
        if t.scale < maxScale, q.multiplied(by: den).map({ $0 == num }) == true { return t }
        return num.divided(by: den, scale: fallbackScale)
    }

    /// Exact product; nil if it would leave the bounds.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let (m, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        guard !overflow else { return nil }
        return ExactDecimal(significand: m, scale: scale + other.scale)
    }

    public static func powerOfTen(_ k: Int) -> Int128 {
        guard let p = checkedPowerOfTen(k) else { preconditionFailure("10^\(k) leaves Int128") }
        return p
    }

    static func checkedPowerOfTen(_ k: Int) -> Int128? {
        guard k >= 0, k <= 38 else { return nil }
        var p: Int128 = 1
        for _ in 0..<k { p *= 10 }
        return p
    }

    // MARK: Comparison is numeric; `text` keeps the written form

    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.rescaled(to: s).significand == b.rescaled(to: s).significand
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.rescaled(to: s).significand < b.rescaled(to: s).significand
    }

    public func hash(into hasher: inout Hasher) {
        // Numerically equal values hash alike.
        let t = trimmed
        hasher.combine(t.significand)
        hasher.combine(t.scale)
    }

    /// Same value and same written precision ("1.50" is not identical to "1.5").
    public func isIdentical(to other: ExactDecimal) -> Bool {
        significand == other.significand && scale == other.scale
    }

    /// The written form, with exactly `scale` decimals: what PostgreSQL's numeric keeps and returns.
    /// Built in one pass into the string's own storage (a writer formats millions of these).
    public var description: String {
        let negative = significand < 0
        let magnitude = significand.magnitude
        // At most 39 digits, a sign, a point and a leading zero (scale ≤ 38 here).
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)  // 48 bytes of scratch
        return withUnsafeMutableBytes(of: &digits) { scratch -> String in
            var n = 0  // digits written, least significant first
            if magnitude <= UInt128(UInt64.max) {
                var v = UInt64(magnitude)
                repeat { scratch[n] = UInt8(truncatingIfNeeded: v % 10) &+ 48; v /= 10; n += 1 } while v > 0
            } else {
                var v = magnitude
                repeat { scratch[n] = UInt8(truncatingIfNeeded: v % 10) &+ 48; v /= 10; n += 1 } while v > 0
            }
            let intDigits = max(n - scale, 1)
            let length = (negative ? 1 : 0) + intDigits + (scale > 0 ? 1 + scale : 0)
            return String(unsafeUninitializedCapacity: length) { out in
                var i = 0
                if negative { out[0] = UInt8(ascii: "-"); i = 1 }
                // Digit k (from the most significant position of a number padded to `scale + 1`
                // digits at least) comes from scratch[total - 1 - k].
                let total = max(n, scale + 1)
                for k in 0..<total {
                    if k == total - scale, scale > 0 { out[i] = UInt8(ascii: "."); i += 1 }
                    let at = total - 1 - k
                    out[i] = at < n ? scratch[at] : UInt8(ascii: "0")
                    i += 1
                }
                return i
            }
        }
    }
}
