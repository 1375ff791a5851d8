import HuizongCore

extension ExactDecimal {
    /// `ExactDecimal(text, limits:)` over UTF-8 where it lies in the line: the same grammar, bounds
    /// and result, step for step (HuizongCore's parser takes an array, which a request's numbers
    /// would each have to be copied into). The differential tests hold the two to the same answers.
    init?(utf8 bytes: UnsafeRawBufferPointer, limits: Limits) {
        let n = bytes.count
        guard n <= ExactDecimal.maxTextLength else { return nil }
        if let plain = Self.plain(bytes, limits: limits) {
            self = plain
            return
        }
        var i = 0
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let intStart = i
        while i < n, Self.isDigit(bytes[i]) { i += 1 }
        let intEnd = i
        guard intEnd > intStart else { return nil }
        var fracStart = i, fracEnd = i
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < n, Self.isDigit(bytes[i]) { i += 1 }
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
            while i < n, Self.isDigit(bytes[i]) {
                exponent = exponent * 10 + Int(bytes[i] &- 48)
                guard exponent < 10_000 else { return nil }
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }

        // value = digits × 10^(exponent − fractionDigits), as in ExactDecimal.parse.
        let fractionDigits = fracEnd - fracStart
        let shift = exponent - fractionDigits
        let scale = max(0, -shift)
        let trailingZeros = max(0, shift)
        var first = intStart
        while first < intEnd - 1, bytes[first] == UInt8(ascii: "0") { first += 1 }
        if bytes[first] == UInt8(ascii: "0"), fracEnd > fracStart {
            first = fracStart
            while first < fracEnd - 1, bytes[first] == UInt8(ascii: "0") { first += 1 }
        }
        let significant = (first < intEnd ? intEnd - first + fractionDigits : fracEnd - first) + trailingZeros
        guard scale <= limits.scale, significant - scale <= limits.integerDigits, significant <= Self.int128Digits else {
            return nil
        }
        // Figures have a handful of digits: up to 19 gather in a machine word, which cannot overflow.
        var value: Int128
        if significant - trailingZeros <= 19 {
            var word: UInt64 = 0
            for k in first..<max(first, intEnd) { word = word &* 10 &+ UInt64(bytes[k] &- 48) }
            for k in max(first, fracStart)..<fracEnd { word = word &* 10 &+ UInt64(bytes[k] &- 48) }
            value = Int128(word)
        } else {
            value = 0
            for k in first..<max(first, intEnd) { value = value * 10 + Int128(bytes[k] &- 48) }
            for k in max(first, fracStart)..<fracEnd { value = value * 10 + Int128(bytes[k] &- 48) }
        }
        for _ in 0..<trailingZeros { value *= 10 }
        self.init(significand: negative ? -value : value, scale: scale)
    }

    /// What nearly every figure is, `-?\d+(\.\d+)?` with at most 19 digits and within `limits`, in
    /// one pass; nil for anything else, which the general path below then decides. The bounds are
    /// the general path's: the decimals written, and the digits before the point less leading
    /// zeros (1 for a zero, and for "0.0…" zero less the fraction's leading zeros but its last).
    @inline(__always)
    private static func plain(_ bytes: UnsafeRawBufferPointer, limits: Limits) -> ExactDecimal? {
        let n = bytes.count
        let negative = n > 0 && bytes[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        var word: UInt64 = 0
        var integerDigits = 0, integerZeros = 0
        while i < n, isDigit(bytes[i]) {
            if word == 0, bytes[i] == UInt8(ascii: "0") { integerZeros += 1 }
            word = word &* 10 &+ UInt64(bytes[i] &- 48)
            integerDigits += 1
            i += 1
        }
        guard integerDigits > 0 else { return nil }
        var fractionDigits = 0, fractionZeros = 0
        if i < n {
            guard bytes[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            while i < n, isDigit(bytes[i]) {
                if word == 0, bytes[i] == UInt8(ascii: "0") { fractionZeros += 1 }
                word = word &* 10 &+ UInt64(bytes[i] &- 48)
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0, i == n else { return nil }
        }
        guard integerDigits + fractionDigits <= 19 else { return nil }  // else the word may have wrapped
        let beforePoint = integerDigits > integerZeros ? integerDigits - integerZeros
            : fractionDigits == 0 ? 1 : -min(fractionZeros, fractionDigits - 1)
        guard fractionDigits <= limits.scale, beforePoint <= limits.integerDigits else { return nil }
        let value = Int128(word)
        return ExactDecimal(significand: negative ? -value : value, scale: fractionDigits)
    }

    /// `ExactDecimal.maxDigits`, which HuizongCore keeps internal: the significant digits an
    /// `Int128` always holds.
    private static let int128Digits = 38

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
}
